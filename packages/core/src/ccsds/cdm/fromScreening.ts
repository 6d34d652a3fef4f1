/**
 * From a screening event to a CDM, and from a CDM to the risk module's inputs.
 *
 * TLE/GP-based objects carry no covariance, so `defaultTleCovarianceRtn` supplies a documented default (written
 * with COVARIANCE_METHOD = DEFAULT): a diagonal RTN covariance whose 1-sigma position errors depend on the orbit
 * regime and grow linearly with the element-set age at TCA. The numbers are engineering defaults chosen inside the
 * ranges published for SGP4/TLE accuracy, NOT values fitted here:
 * - Flohrer, Krag, Klinkrad (2008), "Assessment and categorization of TLE orbit errors for the US SSN catalogue",
 *   AMOS conference: LEO TLE errors at epoch of the order of 0.1-0.2 km radial, 0.3-1 km along-track, 0.1-0.3 km
 *   cross-track, larger for high eccentricity and for GEO;
 * - Vallado and Cefola (2012), "Two-line element sets - practice and use", IAC-12.C1.6.12: along-track error
 *   dominates and grows roughly linearly, about 1-3 km per day for LEO.
 * Treat the result as a screening-grade prior (operators should replace it with O/O ephemerides and covariance).
 *
 * Hard-body radii come from the NASA CARA HBR/mass table (parsed by `parseCaraHbrTable`, the text is read by the
 * caller: the core does no I/O); objects missing from it, or DISCOS rows whose values CARA may not redistribute,
 * fall back by object type (`HBR_FALLBACK_M`).
 */
import { ArgumentError } from '../../errors/index.ts';
import { cross, norm, sub, vec3, type Vec3 } from '../../math/vec3.ts';
import type { Instant } from '../../time/index.ts';
import { toRtn } from '../../frames/rtn.ts';
import { EARTH_MU_KM3S2 } from '../../units/index.ts';
import { covariance6, covariance6RtnToInertial, type Covariance6 } from '../../covariance/index.ts';
import type { ConjunctionAtTca } from '../../risk/index.ts';
import { lowerTriangleOf, symmetricFromLowerTriangle, type Cdm, type CdmObject } from './model.ts';

export type OrbitRegime = 'LEO' | 'MEO' | 'GEO' | 'HEO';

/** 1-sigma RTN position error at epoch (km) and its growth (km/day) per regime: see the module header. */
export const TLE_DEFAULT_SIGMAS: Readonly<Record<OrbitRegime, { readonly atEpochKm: readonly [number, number, number]; readonly growthKmPerDay: readonly [number, number, number] }>> = {
  LEO: { atEpochKm: [0.1, 0.5, 0.15], growthKmPerDay: [0.05, 1.5, 0.02] },
  MEO: { atEpochKm: [0.3, 1.0, 0.3], growthKmPerDay: [0.05, 0.5, 0.05] },
  GEO: { atEpochKm: [0.5, 2.0, 0.5], growthKmPerDay: [0.1, 1.0, 0.1] },
  HEO: { atEpochKm: [1.0, 5.0, 1.0], growthKmPerDay: [0.3, 3.0, 0.3] },
};

/** Orbit regime from an inertial state (km, km/s): HEO e > 0.25; LEO perigee altitude < 2000 km; GEO period 1300-1800 min. */
export function orbitRegime(r: Vec3<'EME2000'>, v: Vec3<'EME2000'>): OrbitRegime {
  const rm = norm(r);
  const v2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
  const a = 1 / (2 / rm - v2 / EARTH_MU_KM3S2);
  const h = norm(cross(r, v));
  const e = Math.sqrt(Math.max(0, 1 - (h * h) / (EARTH_MU_KM3S2 * a)));
  if (!(a > 0) || e > 0.25) return 'HEO';
  if (a * (1 - e) - 6378.137 < 2000) return 'LEO';
  const periodMin = (2 * Math.PI * Math.sqrt((a * a * a) / EARTH_MU_KM3S2)) / 60;
  return periodMin > 1300 && periodMin < 1800 ? 'GEO' : 'MEO';
}

/**
 * Default 6x6 RTN covariance (km², km²/s, km²/s², row-major) of a TLE-based object: diagonal, position sigmas
 * from `TLE_DEFAULT_SIGMAS` at the element-set age (days, absolute value), velocity sigmas n·sigma (n = mean motion).
 */
export function defaultTleCovarianceRtn(r: Vec3<'EME2000'>, v: Vec3<'EME2000'>, ageDays: number): { regime: OrbitRegime; matrix: number[] } {
  const regime = orbitRegime(r, v);
  const s = TLE_DEFAULT_SIGMAS[regime];
  const age = Math.abs(ageDays);
  const rm = norm(r);
  const v2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
  const a = Math.abs(1 / (2 / rm - v2 / EARTH_MU_KM3S2));
  const n = Math.sqrt(EARTH_MU_KM3S2 / (a * a * a));
  const m = new Array<number>(36).fill(0);
  for (let i = 0; i < 3; i++) {
    const sigma = s.atEpochKm[i]! + s.growthKmPerDay[i]! * age;
    m[i * 6 + i] = sigma * sigma;
    m[(i + 3) * 6 + i + 3] = (n * sigma) ** 2;
  }
  return { regime, matrix: m };
}

/** One row of NASA CARA's HBR/mass table. */
export interface CaraHbrRow {
  readonly hbrM?: number;
  readonly massKg?: number;
  readonly hbrSource: string;
}

/** Parses `HBR_Mass_Estimates_*.csv` (ObjectID,HBR,HBRSigma,HBRSource,Mass,MassSigma,MassSource); blank values left out. */
export function parseCaraHbrTable(csv: string): Map<number, CaraHbrRow> {
  const out = new Map<number, CaraHbrRow>();
  const lines = csv.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i]!.split(',');
    if (f.length < 7) continue;
    const id = Number(f[0]);
    if (!Number.isInteger(id) || id <= 0) continue;
    const hbr = f[1]!.trim() === '' ? undefined : Number(f[1]);
    const mass = f[4]!.trim() === '' ? undefined : Number(f[4]);
    out.set(id, {
      ...(hbr !== undefined && Number.isFinite(hbr) && hbr > 0 ? { hbrM: hbr } : {}),
      ...(mass !== undefined && Number.isFinite(mass) && mass > 0 ? { massKg: mass } : {}),
      hbrSource: f[3]!.trim(),
    });
  }
  return out;
}

/**
 * Fallback hard-body radius (m) by OBJECT_TYPE when the CARA table has no value. Engineering defaults: a
 * typical payload or rocket body of a few metres' span, a debris fragment of decimetres. UNKNOWN takes the payload
 * value (conservative).
 */
export const HBR_FALLBACK_M: Readonly<Record<string, number>> = { PAYLOAD: 5, 'ROCKET BODY': 5, DEBRIS: 0.5, UNKNOWN: 5, OTHER: 5 };

/** Hard-body radius of one object (m) and where it came from. */
export function lookupHbrM(catalogNumber: number, objectType: string | undefined, table: ReadonlyMap<number, CaraHbrRow> | undefined): { hbrM: number; source: string } {
  const row = table?.get(catalogNumber);
  if (row?.hbrM !== undefined) return { hbrM: row.hbrM, source: `CARA table (${row.hbrSource})` };
  const type = (objectType ?? 'UNKNOWN').toUpperCase();
  return { hbrM: HBR_FALLBACK_M[type] ?? 5, source: `fallback for ${type}${row ? ` (CARA row ${row.hbrSource} has no value)` : ''}` };
}

/** One object of a screening event, at TCA, in EME2000 (km, km/s). */
export interface ScreenedObject {
  readonly catalogNumber: number;
  readonly name?: string;
  readonly internationalDesignator?: string;
  readonly objectType?: string;
  readonly r: Vec3<'EME2000'>;
  readonly v: Vec3<'EME2000'>;
  /** Element-set age at TCA (days): TCA − element-set epoch. */
  readonly elementAgeDays: number;
  /** 6x6 RTN covariance (km-based, row-major) when the source has one; otherwise the TLE default is used. */
  readonly covarianceRtn?: readonly number[];
  readonly maneuverable?: 'YES' | 'NO' | 'N/A';
}

export interface CdmFromScreeningInput {
  readonly tca: Instant;
  readonly creationDate: Instant;
  readonly originator: string;
  readonly messageId: string;
  readonly object1: ScreenedObject;
  readonly object2: ScreenedObject;
  /** Combined HBR (m) written as a CARA-style `COMMENT HBR = x [m]`. */
  readonly hbrM?: number;
  /** Pc and its method (e.g. FOSTER-1992) when computed. */
  readonly collisionProbability?: number;
  readonly collisionProbabilityMethod?: string;
  /** Alfano (2005) maximum Pc, written as a comment (CDM 1.0 has no keyword for it). */
  readonly maxPc?: number;
  readonly screenPeriod?: readonly [Instant, Instant];
  readonly comments?: readonly string[];
}

function cdmObject(o: ScreenedObject, label: 'OBJECT1' | 'OBJECT2'): CdmObject {
  const def = o.covarianceRtn ? undefined : defaultTleCovarianceRtn(o.r, o.v, o.elementAgeDays);
  const full = o.covarianceRtn ?? def!.matrix;
  if (full.length !== 36) throw new ArgumentError(`${label}: covarianceRtn needs 36 values (6x6 row-major).`, full.length);
  const type = o.objectType?.toUpperCase();
  return {
    metadata: {
      comments: def ? [`Default covariance: TLE-based object, regime ${def.regime}, element set ${o.elementAgeDays.toFixed(2)} d old at TCA`] : [],
      object: label,
      objectDesignator: String(o.catalogNumber),
      catalogName: 'SATCAT',
      objectName: o.name ?? String(o.catalogNumber),
      internationalDesignator: o.internationalDesignator ?? 'UNKNOWN',
      ...(type !== undefined && ['PAYLOAD', 'ROCKET BODY', 'DEBRIS', 'UNKNOWN', 'OTHER'].includes(type) ? { objectType: type } : {}),
      ephemerisName: 'NONE',
      covarianceMethod: def ? 'DEFAULT' : 'CALCULATED',
      maneuverable: o.maneuverable ?? 'N/A',
      refFrame: 'EME2000',
      gravityModel: 'SGP4',
    },
    dataComments: [],
    stateVector: { comments: [], positionKm: [o.r[0], o.r[1], o.r[2]], velocityKmPerS: [o.v[0], o.v[1], o.v[2]] },
    covariance: { comments: [], rtnLowerTriangle: lowerTriangleOf(full) },
    extensions: [],
  };
}

/**
 * Builds a CDM (version 1.0) from a screening event: relative state in object 1's RTN, states in EME2000, RTN
 * covariances (given, or the TLE default), HBR and maximum Pc as CARA-style comments.
 */
export function cdmFromScreening(input: CdmFromScreeningInput): Cdm {
  const o1 = input.object1;
  const o2 = input.object2;
  const ref = { r: o1.r, v: o1.v };
  const dr = toRtn(ref, sub(o2.r, o1.r));
  const dv = toRtn(ref, sub(o2.v, o1.v));
  const relComments = [...(input.comments ?? [])];
  if (input.hbrM !== undefined) relComments.push(`HBR = ${input.hbrM} [m]`);
  if (input.maxPc !== undefined) relComments.push(`MAX_PC (Alfano 2005) = ${input.maxPc.toExponential(6)}`);
  return {
    version: '1.0',
    header: { comments: [], creationDate: input.creationDate, originator: input.originator, messageId: input.messageId },
    headerExtensions: [],
    relative: {
      comments: relComments,
      tca: input.tca,
      missDistanceKm: norm(sub(o2.r, o1.r)),
      relativeSpeedKmPerS: norm(sub(o2.v, o1.v)),
      relativePositionRtnKm: [dr[0], dr[1], dr[2]],
      relativeVelocityRtnKmPerS: [dv[0], dv[1], dv[2]],
      ...(input.screenPeriod ? { startScreenPeriod: input.screenPeriod[0], stopScreenPeriod: input.screenPeriod[1] } : {}),
      ...(input.collisionProbability !== undefined ? { collisionProbability: input.collisionProbability } : {}),
      ...(input.collisionProbabilityMethod !== undefined ? { collisionProbabilityMethod: input.collisionProbabilityMethod } : {}),
    },
    relativeExtensions: [],
    object1: cdmObject(o1, 'OBJECT1'),
    object2: cdmObject(o2, 'OBJECT2'),
  };
}

/**
 * The risk module's input from a CDM: states (km, km/s) and 6x6 covariances rotated from each object's RTN to
 * its inertial REF_FRAME (EME2000 or GCRF, treated as one inertial frame; the ~20 mas frame bias is far below
 * covariance accuracy). ITRF states are refused: convert them first.
 */
export function conjunctionFromCdm(cdm: Cdm): ConjunctionAtTca<'EME2000'> {
  const one = (o: CdmObject, label: string): ConjunctionAtTca<'EME2000'>['primary'] => {
    const frame = o.metadata.refFrame.toUpperCase();
    if (frame !== 'EME2000' && frame !== 'GCRF') {
      throw new ArgumentError(`${label}: REF_FRAME ${o.metadata.refFrame} is not inertial; Pc needs EME2000 or GCRF states.`, o.metadata.refFrame);
    }
    const p = o.stateVector.positionKm;
    const v = o.stateVector.velocityKmPerS;
    const r = vec3<'EME2000'>(p[0], p[1], p[2]);
    const vv = vec3<'EME2000'>(v[0], v[1], v[2]);
    const rtn: Covariance6<'RTN'> = covariance6<'RTN'>(symmetricFromLowerTriangle(o.covariance.rtnLowerTriangle));
    return { r, v: vv, cov: covariance6RtnToInertial(rtn, { r, v: vv }) };
  };
  return { primary: one(cdm.object1, 'OBJECT1'), secondary: one(cdm.object2, 'OBJECT2') };
}
