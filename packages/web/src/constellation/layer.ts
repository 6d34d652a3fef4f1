/**
 * Data shaping of the constellation layer (pure, no Cesium): design satellites from OMM JSON, their Earth-fixed
 * positions at a time (circular orbits with J2 secular drift of RAAN and argument of latitude, as the design's nominal
 * mean elements describe them), plane rings, the coverage grid as coloured cells, and the deployment campaign's
 * animation state of each satellite (hidden before its launch, at insertion altitude while drifting, raised linearly,
 * then in its slot).
 */

/** WGS-72 constants of SGP4 and of the design's mean motion (km, km³/s²). */
export const EARTH_RADIUS_KM = 6378.135;
export const MU_KM3_S2 = 398600.8;
const J2 = 0.001082616;
const D = Math.PI / 180;
const TWO_PI = 2 * Math.PI;

export interface DesignSatellite {
  readonly catalogNumber: number;
  readonly name: string;
  readonly epochMs: number;
  readonly altitudeKm: number;
  readonly inclinationDeg: number;
  readonly raanDeg: number;
  /** Argument of latitude at epoch (ω + M for a circular orbit), deg. */
  readonly argLatDeg: number;
}

/** Reads CelesTrak OMM JSON records (as the design route answers) into design satellites; EPOCH is UTC without 'Z'. */
export function satellitesFromOmm(records: readonly Record<string, unknown>[]): DesignSatellite[] {
  return records.map((r) => {
    const n = (Number(r['MEAN_MOTION']) * TWO_PI) / 86400;
    const a = Math.cbrt(MU_KM3_S2 / (n * n));
    const epoch = String(r['EPOCH']);
    return {
      catalogNumber: Number(r['NORAD_CAT_ID']),
      name: String(r['OBJECT_NAME'] ?? ''),
      epochMs: Date.parse(/Z$/.test(epoch) ? epoch : `${epoch}Z`),
      altitudeKm: a - EARTH_RADIUS_KM,
      inclinationDeg: Number(r['INCLINATION']),
      raanDeg: Number(r['RA_OF_ASC_NODE']),
      argLatDeg: Number(r['ARG_OF_PERICENTER']) + Number(r['MEAN_ANOMALY']),
    };
  });
}

/** Greenwich mean sidereal time (IAU 1982, UT1 taken as UTC: display accuracy), rad. */
export function gmstRad(tMs: number): number {
  const jd = tMs / 86_400_000 + 2440587.5;
  const tu = (jd - 2451545.0) / 36525;
  const s = 67310.54841 + (876600 * 3600 + 8640184.812866) * tu + 0.093104 * tu * tu - 6.2e-6 * tu * tu * tu;
  return ((((s % 86400) / 86400) * TWO_PI) % TWO_PI + TWO_PI) % TWO_PI;
}

/** J2 secular rates of a circular orbit: RAAN and argument of latitude, rad/s (Vallado eq. 9-41 with e = 0). */
export function secularRatesRadS(altitudeKm: number, inclinationDeg: number): { raan: number; argLat: number } {
  const a = EARTH_RADIUS_KM + altitudeKm;
  const n = Math.sqrt(MU_KM3_S2 / (a * a * a));
  const q = (EARTH_RADIUS_KM / a) ** 2;
  const c = Math.cos(inclinationDeg * D);
  return { raan: -1.5 * J2 * q * n * c, argLat: n * (1 + 0.75 * J2 * q * (8 * c * c - 2)) };
}

/** Earth-fixed position (km) of a circular orbit given its RAAN and argument of latitude (rad) at `tMs`. */
export function circularEcefKm(altitudeKm: number, inclinationDeg: number, raanRad: number, argLatRad: number, tMs: number): [number, number, number] {
  const r = EARTH_RADIUS_KM + altitudeKm;
  const i = inclinationDeg * D;
  const cu = Math.cos(argLatRad);
  const su = Math.sin(argLatRad);
  const co = Math.cos(raanRad);
  const so = Math.sin(raanRad);
  const x = r * (co * cu - so * su * Math.cos(i));
  const y = r * (so * cu + co * su * Math.cos(i));
  const z = r * su * Math.sin(i);
  const g = gmstRad(tMs);
  return [Math.cos(g) * x + Math.sin(g) * y, -Math.sin(g) * x + Math.cos(g) * y, z];
}

/** RAAN and argument of latitude (rad) of a design satellite at `tMs` (J2 secular drift from its epoch). */
export function slotAngles(s: DesignSatellite, tMs: number): { raan: number; argLat: number } {
  const dt = (tMs - s.epochMs) / 1000;
  const rates = secularRatesRadS(s.altitudeKm, s.inclinationDeg);
  return { raan: s.raanDeg * D + rates.raan * dt, argLat: s.argLatDeg * D + rates.argLat * dt };
}

/** Earth-fixed position (km) of a design satellite in its slot at `tMs`. */
export function slotEcefKm(s: DesignSatellite, tMs: number): [number, number, number] {
  const a = slotAngles(s, tMs);
  return circularEcefKm(s.altitudeKm, s.inclinationDeg, a.raan, a.argLat, tMs);
}

export interface Plane {
  readonly raanDeg: number;
  readonly inclinationDeg: number;
  readonly altitudeKm: number;
  readonly satellites: DesignSatellite[];
}

/** The design's planes: satellites grouped by RAAN, inclination and altitude at epoch (to 1e-6 deg / 1 m). */
export function planesOf(sats: readonly DesignSatellite[]): Plane[] {
  const byKey = new Map<string, Plane>();
  for (const s of sats) {
    const key = `${s.raanDeg.toFixed(6)}|${s.inclinationDeg.toFixed(6)}|${s.altitudeKm.toFixed(3)}`;
    let p = byKey.get(key);
    if (p === undefined) {
      p = { raanDeg: s.raanDeg, inclinationDeg: s.inclinationDeg, altitudeKm: s.altitudeKm, satellites: [] };
      byKey.set(key, p);
    }
    p.satellites.push(s);
  }
  return [...byKey.values()];
}

/** A plane's ring (Earth-fixed km, `samples` + 1 points, closed) at `tMs`. */
export function planeRingKm(p: Plane, tMs: number, samples = 90): [number, number, number][] {
  const s0 = p.satellites[0]!;
  const raan = slotAngles(s0, tMs).raan;
  const out: [number, number, number][] = [];
  for (let k = 0; k <= samples; k++) out.push(circularEcefKm(p.altitudeKm, p.inclinationDeg, raan, (k / samples) * TWO_PI, tMs));
  return out;
}

/** The coverage colour ramp of the CLI's maps (0 → rgb(68,1,84), ½ → rgb(33,145,140), 1 → rgb(253,231,37)). */
export function rampRgb(x: number): [number, number, number] {
  const stops: [number, number, number][] = [
    [68, 1, 84],
    [33, 145, 140],
    [253, 231, 37],
  ];
  const t = Math.max(0, Math.min(1, Number.isFinite(x) ? x : 0)) * 2;
  const k = Math.min(1, Math.floor(t));
  const f = t - k;
  return [0, 1, 2].map((i) => Math.round(stops[k]![i]! + (stops[k + 1]![i]! - stops[k]![i]!) * f)) as [number, number, number];
}

export interface CoverageGrid {
  readonly latStepDeg: number;
  readonly lonStepDeg: number;
  readonly coverageFraction: number;
  readonly cells?: { readonly coverageFraction: readonly number[] };
}

export interface CoverageCell {
  readonly westDeg: number;
  readonly southDeg: number;
  readonly eastDeg: number;
  readonly northDeg: number;
  readonly value: number;
  readonly rgb: [number, number, number];
}

/** The coverage result's cells (row-major from the south-west cell, as the API gives them) as coloured rectangles. */
export function coverageCells(r: CoverageGrid): CoverageCell[] {
  const values = r.cells?.coverageFraction;
  if (values === undefined) return [];
  const rows = Math.round(180 / r.latStepDeg);
  const cols = Math.round(360 / r.lonStepDeg);
  if (values.length !== rows * cols) throw new RangeError(`coverage cells: ${values.length} values where a ${r.latStepDeg}° grid has ${rows * cols}.`);
  const out: CoverageCell[] = [];
  for (let k = 0; k < rows; k++) {
    for (let j = 0; j < cols; j++) {
      const v = values[k * cols + j]!;
      out.push({ westDeg: -180 + j * r.lonStepDeg, southDeg: -90 + k * r.latStepDeg, eastDeg: -180 + (j + 1) * r.lonStepDeg, northDeg: -90 + (k + 1) * r.latStepDeg, value: v, rgb: rampRgb(v) });
    }
  }
  return out;
}

/** One launch of a deployment plan (the API's JSON, fields the layer reads). */
export interface CampaignLaunch {
  readonly epoch: string;
  readonly site: string;
  readonly vehicle: string;
  readonly shell: number;
  readonly plane: number;
  readonly raanDeg: number;
  readonly targetRaanDeg: number;
  readonly insertionAltitudeKm: number;
  readonly satellites: number;
  readonly catalogNumbers: readonly number[];
  readonly strategy: string;
  readonly driftDays: number;
  readonly raiseDays: number;
  readonly dvMps: number;
  readonly arrivalEpoch: string;
}

export interface CampaignPlan {
  readonly launches: readonly CampaignLaunch[];
  readonly launchCount: number;
  readonly initialServiceEpoch: string;
  readonly fullServiceEpoch: string;
  readonly totalDvMps: number;
  readonly timeline: readonly { readonly epoch: string; readonly satellitesInService: number }[];
}

export type CampaignPhase = 'pending' | 'drift' | 'raising' | 'in-slot';

export interface CampaignState {
  readonly phase: CampaignPhase;
  /** Earth-fixed position (km); absent while pending. */
  readonly positionKm?: [number, number, number];
  readonly altitudeKm?: number;
}

/**
 * Animation state of satellite `s` carried by launch `l` at `tMs`. Pending before the launch epoch; drift: at the
 * insertion altitude; raising: altitude linear in time from insertion to the slot's; in slot from the arrival epoch.
 * The RAAN moves linearly in time from the launch's insertion RAAN to the slot's RAAN at arrival, and the satellite
 * keeps its slot's argument of latitude (an illustration of the plan's phases, not a propagation): the position is
 * continuous at arrival.
 */
export function campaignState(l: CampaignLaunch, s: DesignSatellite, tMs: number): CampaignState {
  const t0 = Date.parse(l.epoch);
  const tArrive = Date.parse(l.arrivalEpoch);
  if (!(tMs >= t0)) return { phase: 'pending' };
  const slot = slotAngles(s, tMs);
  if (tMs >= tArrive) return { phase: 'in-slot', positionKm: circularEcefKm(s.altitudeKm, s.inclinationDeg, slot.raan, slot.argLat, tMs), altitudeKm: s.altitudeKm };
  const tRaise = Math.min(tArrive, t0 + l.driftDays * 86_400_000);
  const phase: CampaignPhase = tMs < tRaise ? 'drift' : 'raising';
  const altitudeKm = phase === 'drift' ? l.insertionAltitudeKm : l.insertionAltitudeKm + (s.altitudeKm - l.insertionAltitudeKm) * ((tMs - tRaise) / Math.max(1, tArrive - tRaise));
  const raanArrive = slotAngles(s, tArrive).raan;
  const f = (tMs - t0) / Math.max(1, tArrive - t0);
  // The shortest way round from the insertion RAAN to the slot's.
  const start = l.raanDeg * D;
  const delta = ((((raanArrive - start) % TWO_PI) + 3 * Math.PI) % TWO_PI) - Math.PI;
  return { phase, altitudeKm, positionKm: circularEcefKm(altitudeKm, s.inclinationDeg, start + delta * f, slot.argLat, tMs) };
}

/** Satellites in service at `tMs` from the plan's timeline (a step function: one entry per arrival). */
export function satellitesInServiceAt(timeline: CampaignPlan['timeline'], tMs: number): number {
  let n = 0;
  for (const p of timeline) {
    if (Date.parse(p.epoch) <= tMs) n = Math.max(n, p.satellitesInService);
  }
  return n;
}
