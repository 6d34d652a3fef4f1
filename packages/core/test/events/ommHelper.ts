// Test helper: CelesTrak OMM JSON records → ElementSet / Sgp4Input (stands in until the catalog readers land).
import type { ElementSet } from '../../src/catalog/model.ts';
import { sgp4InputFrom, type Sgp4Input } from '../../src/propagation/sgp4/input.ts';
import type { TimeScales } from '../../src/time/index.ts';

export interface OmmJson {
  OBJECT_NAME: string;
  OBJECT_ID: string;
  EPOCH: string;
  MEAN_MOTION: number;
  ECCENTRICITY: number;
  INCLINATION: number;
  RA_OF_ASC_NODE: number;
  ARG_OF_PERICENTER: number;
  MEAN_ANOMALY: number;
  NORAD_CAT_ID: number;
  BSTAR: number;
  MEAN_MOTION_DOT: number;
  MEAN_MOTION_DDOT: number;
  ELEMENT_SET_NO?: number;
  REV_AT_EPOCH?: number;
}

export function elementSetFromOmm(r: OmmJson, ts: TimeScales): ElementSet {
  return {
    catalogNumber: r.NORAD_CAT_ID,
    objectName: r.OBJECT_NAME,
    objectId: r.OBJECT_ID,
    classification: 'U',
    epoch: ts.parseUtcIso(r.EPOCH.endsWith('Z') ? r.EPOCH : `${r.EPOCH}Z`),
    meanMotionRevPerDay: r.MEAN_MOTION,
    eccentricity: r.ECCENTRICITY,
    inclinationDeg: r.INCLINATION,
    raanDeg: r.RA_OF_ASC_NODE,
    argOfPericenterDeg: r.ARG_OF_PERICENTER,
    meanAnomalyDeg: r.MEAN_ANOMALY,
    bstarPerEarthRadii: r.BSTAR,
    meanMotionDotRevPerDay2: r.MEAN_MOTION_DOT,
    meanMotionDdotRevPerDay3: r.MEAN_MOTION_DDOT,
    ephemerisType: 0,
    elementSetNo: r.ELEMENT_SET_NO ?? 999,
    revAtEpoch: r.REV_AT_EPOCH ?? 0,
  };
}

export function sgp4InputFromOmm(r: OmmJson, ts: TimeScales): Sgp4Input {
  return sgp4InputFrom(elementSetFromOmm(r, ts), ts);
}
