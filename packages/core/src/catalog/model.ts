/**
 * The catalog model: objects keyed by an integer catalog number (up to 9 digits) and their general-perturbations
 * (GP) element sets. GP elements are SGP4 mean elements in TEME; they are kept in the units of the OMM standard
 * (CCSDS 502.0-B-3: degrees, revolutions per day) with the unit in every field name, because they are an
 * exchange record, not a working state. Every element set keeps its source and epoch.
 */
import type { Instant } from '../time/index.ts';

/** Largest catalog number Skylane accepts (9 digits). */
export const MAX_CATALOG_NUMBER = 999_999_999;
/** Largest catalog number a classic TLE can carry, through Alpha-5 (Z9999). */
export const MAX_TLE_CATALOG_NUMBER = 339_999;

export type ObjectType = 'PAYLOAD' | 'ROCKET BODY' | 'DEBRIS' | 'UNKNOWN';

/** Where an element set came from. */
export type ElementSetFormat = 'tle' | 'omm-kvn' | 'omm-xml' | 'omm-json' | 'csv';

export interface ElementSetSource {
  /** Reader format. */
  readonly format: ElementSetFormat;
  /** File name or other label of the input, when known. */
  readonly name?: string;
  /** 1-based line of the record in the input. */
  readonly line?: number;
}

/** One GP (SGP4) element set, as carried by TLE and OMM. */
export interface ElementSet {
  /** NORAD catalog number (integer, 1..999999999). */
  readonly catalogNumber: number;
  /** OBJECT_NAME; the TLE title line. */
  readonly objectName?: string;
  /** COSPAR international designator, e.g. "1998-067A". */
  readonly objectId?: string;
  /** Object type when the source says so (Space-Track OBJECT_TYPE) or the name makes it plain. */
  readonly objectType?: ObjectType;
  /** Security classification, 'U' for public data. */
  readonly classification: string;
  /** Epoch of the mean elements (UTC in all GP sources). */
  readonly epoch: Instant;
  readonly meanMotionRevPerDay: number;
  readonly eccentricity: number;
  readonly inclinationDeg: number;
  readonly raanDeg: number;
  readonly argOfPericenterDeg: number;
  readonly meanAnomalyDeg: number;
  /** SGP4 drag term B*, 1/earth radii. */
  readonly bstarPerEarthRadii: number;
  /** First derivative of mean motion divided by two, rev/day² (TLE line 1 columns 34-43, OMM MEAN_MOTION_DOT). */
  readonly meanMotionDotRevPerDay2: number;
  /** Second derivative of mean motion divided by six, rev/day³ (OMM MEAN_MOTION_DDOT). */
  readonly meanMotionDdotRevPerDay3: number;
  /** 0 for SGP4 element sets. */
  readonly ephemerisType: number;
  readonly elementSetNo: number;
  readonly revAtEpoch: number;
  readonly source?: ElementSetSource;
}

/** A catalog object and every element set received for it (oldest first). */
export interface CatalogObject {
  readonly catalogNumber: number;
  readonly objectName?: string;
  readonly objectId?: string;
  readonly objectType: ObjectType;
  readonly elementSets: readonly ElementSet[];
}

/**
 * Object type guessed from a CelesTrak/Space-Track object name when no type is given: names ending in
 * "DEB" or containing " DEB" are debris, "R/B" rocket bodies, otherwise unknown (GP data alone cannot
 * tell a payload from an unnamed fragment).
 */
export function objectTypeFromName(name: string | undefined): ObjectType {
  if (name === undefined) return 'UNKNOWN';
  const n = name.toUpperCase();
  if (/\bR\/B\b|ROCKET BODY|\bAKM\b|\bPKM\b/.test(n)) return 'ROCKET BODY';
  if (/\bDEB\b|DEBRIS|\bCOOLANT\b|\bFRAG/.test(n)) return 'DEBRIS';
  return 'UNKNOWN';
}

/** Parses a Space-Track OBJECT_TYPE value ("PAYLOAD", "ROCKET BODY", "DEBRIS", "UNKNOWN", "TBA"). */
export function objectTypeFromText(text: string | undefined): ObjectType | undefined {
  if (text === undefined) return undefined;
  switch (text.trim().toUpperCase()) {
    case 'PAYLOAD':
    case 'PAY':
      return 'PAYLOAD';
    case 'ROCKET BODY':
    case 'R/B':
      return 'ROCKET BODY';
    case 'DEBRIS':
    case 'DEB':
      return 'DEBRIS';
    case 'UNKNOWN':
    case 'TBA':
    case 'UNK':
      return 'UNKNOWN';
    default:
      return undefined;
  }
}

/** Groups element sets by catalog number, each object's sets sorted by epoch; the object's fields come from its latest set. */
export function groupByObject(sets: readonly ElementSet[]): CatalogObject[] {
  const byId = new Map<number, ElementSet[]>();
  for (const s of sets) {
    const list = byId.get(s.catalogNumber);
    if (list) list.push(s);
    else byId.set(s.catalogNumber, [s]);
  }
  const out: CatalogObject[] = [];
  for (const [catalogNumber, list] of [...byId.entries()].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.epoch.compare(b.epoch));
    const latest = list[list.length - 1]!;
    const name = latest.objectName ?? list.find((s) => s.objectName !== undefined)?.objectName;
    const cospar = latest.objectId ?? list.find((s) => s.objectId !== undefined)?.objectId;
    out.push({
      catalogNumber,
      ...(name !== undefined ? { objectName: name } : {}),
      ...(cospar !== undefined ? { objectId: cospar } : {}),
      objectType: latest.objectType ?? objectTypeFromName(name),
      elementSets: list,
    });
  }
  return out;
}

/** The latest element set of each object (by epoch). */
export function latestElementSets(sets: readonly ElementSet[]): ElementSet[] {
  return groupByObject(sets).map((o) => o.elementSets[o.elementSets.length - 1]!);
}
