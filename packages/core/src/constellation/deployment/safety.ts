/**
 * Deployment safety: screening of each launch's batches along their trajectory (drift at the insertion altitude,
 * then the low-thrust raise) against the catalog, the constellation satellites already in their slots and the
 * batches of earlier launches still in transit, with the existing screening engine (screening/, primaries mode).
 *
 * Trajectory model (documented approximation): a batch is represented by one object at its insertion point (the
 * satellites leave it over the phasing period). The drift phase is a circular orbit at the insertion altitude; the
 * raise is split into `raiseSegments` circular orbits at the segment mid-altitudes, each screened over its own time
 * span, and where the raise passes through an occupied shell's altitude, a circular orbit at that altitude over the
 * time the spiral stays within the report distance of it (`crossings`). Each phase is screened over at most `screeningDays`. Other objects are pre-filtered by altitude band
 * (perigee/apogee within `bandMarginKm` of the phase's altitude), which the screening engine's own apogee/perigee
 * filter would also reject. The planner moves a launch by one hour and to its next RAAN window when an event is
 * closer than `alertDistanceKm`.
 */
import type { ElementSet } from '../../catalog/model.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import { screenConjunctions, type BroadPhaseScratch } from '../../screening/index.ts';
import { SECONDS_PER_DAY, WGS72 } from '../../units/index.ts';
import { designElementSets, type ConstellationDesign } from '../design.ts';
import { designMeanMotionRevPerDay } from '../j2.ts';
import { pairMinDistanceKm, planePairGeometry } from '../crossings.ts';
import { Sgp4Satellite, sgp4InputFrom } from '../../propagation/sgp4/index.ts';
import { DEG_TO_RAD, RAD_TO_DEG } from '../../units/index.ts';
import { wrapDeg } from '../design.ts';

export interface SafetyOptions {
  /** Catalog objects to screen against (one element set per object). */
  readonly catalog?: readonly ElementSet[];
  /** Events closer than this move the launch (km, default 1). */
  readonly alertDistanceKm?: number;
  /** Events closer than this are listed (km, default 10). */
  readonly reportDistanceKm?: number;
  /** Longest screened span per phase (days, default 1). */
  readonly screeningDays?: number;
  /** Raise segments (default 3). */
  readonly raiseSegments?: number;
  /**
   * Altitude margin of the pre-filter (km, default the report distance + 5 km): circular proxies whose altitudes
   * differ by more than this stay further apart than the report distance (SGP4's short-period radial terms of
   * circular mean elements at equal inclination are a few km and nearly common to both).
   */
  readonly bandMarginKm?: number;
  /** Most rephasings of one launch (default 5). */
  readonly maxRephase?: number;
}

/** A batch's trajectory as the planner describes it. */
export interface BatchTrajectory {
  readonly id: number;
  readonly launchIndex: number;
  readonly plane: number;
  readonly start: Instant;
  readonly driftS: number;
  readonly raiseS: number;
  readonly insertionAltitudeKm: number;
  readonly targetAltitudeKm: number;
  readonly inclinationDeg: number;
  readonly raanDeg: number;
  readonly argLatDeg: number;
  readonly rateInsDegPerDay: number;
  /** Occupied shell altitudes the raise passes through: when (from the raise start) and how long it stays within the report distance of each. */
  readonly crossings?: readonly { readonly altitudeKm: number; readonly startOffsetS: number; readonly durationS: number }[];
}

export interface DeploymentConjunction {
  readonly launchIndex: number;
  readonly batchPlane: number;
  readonly phase: string;
  readonly object: number;
  readonly objectName?: string;
  readonly objectKind: 'catalog' | 'constellation' | 'deployment';
  readonly tca: string;
  readonly missDistanceKm: number;
  readonly relativeSpeedKmPerS: number;
}

interface Phase {
  readonly name: string;
  readonly start: Instant;
  readonly durationS: number;
  readonly set: ElementSet;
  readonly altitudeKm: number;
}

function circular(id: number, name: string, epoch: Instant, altitudeKm: number, inclinationDeg: number, raanDeg: number, argLatDeg: number): ElementSet {
  return {
    catalogNumber: id,
    objectName: name,
    objectType: 'PAYLOAD',
    classification: 'U',
    epoch,
    meanMotionRevPerDay: designMeanMotionRevPerDay(altitudeKm),
    eccentricity: 0,
    inclinationDeg,
    raanDeg: wrapDeg(raanDeg),
    argOfPericenterDeg: 0,
    meanAnomalyDeg: wrapDeg(argLatDeg),
    bstarPerEarthRadii: 0,
    meanMotionDotRevPerDay2: 0,
    meanMotionDdotRevPerDay3: 0,
    ephemerisType: 0,
    elementSetNo: 999,
    revAtEpoch: 0,
  };
}

/** The screened phases of a batch trajectory. */
export function batchPhases(b: BatchTrajectory, safety: SafetyOptions): Phase[] {
  const cap = (safety.screeningDays ?? 1) * SECONDS_PER_DAY;
  const out: Phase[] = [];
  if (b.driftS > 0) out.push({ name: 'drift', start: b.start, durationS: Math.min(b.driftS, cap), set: circular(b.id, `BATCH L${b.launchIndex} P${b.plane + 1}`, b.start, b.insertionAltitudeKm, b.inclinationDeg, b.raanDeg, b.argLatDeg), altitudeKm: b.insertionAltitudeKm });
  const K = Math.max(1, safety.raiseSegments ?? 3);
  const n = (designMeanMotionRevPerDay(b.insertionAltitudeKm) * 360) / SECONDS_PER_DAY;
  for (let j = 0; j < K && b.raiseS > 0; j++) {
    const t0 = b.start.plusSeconds(b.driftS + (j * b.raiseS) / K);
    const h = b.insertionAltitudeKm + ((j + 0.5) / K) * (b.targetAltitudeKm - b.insertionAltitudeKm);
    const elapsed = b.driftS + (j * b.raiseS) / K;
    out.push({
      name: `raise-${j + 1}`,
      start: t0,
      durationS: Math.min(b.raiseS / K, cap),
      set: circular(b.id, `BATCH L${b.launchIndex} P${b.plane + 1}`, t0, h, b.inclinationDeg, b.raanDeg + (b.rateInsDegPerDay * elapsed) / SECONDS_PER_DAY, b.argLatDeg + n * elapsed),
      altitudeKm: h,
    });
  }
  for (const c of b.crossings ?? []) {
    const elapsed = b.driftS + c.startOffsetS;
    const t0 = b.start.plusSeconds(elapsed);
    out.push({
      name: `raise-through-${c.altitudeKm.toFixed(1)}km`,
      start: t0,
      durationS: Math.min(c.durationS, cap),
      set: circular(b.id, `BATCH L${b.launchIndex} P${b.plane + 1}`, t0, c.altitudeKm, b.inclinationDeg, b.raanDeg + (b.rateInsDegPerDay * elapsed) / SECONDS_PER_DAY, b.argLatDeg + n * elapsed),
      altitudeKm: c.altitudeKm,
    });
  }
  return out;
}

function altitudeBand(s: ElementSet): [number, number] {
  const nRad = (s.meanMotionRevPerDay * 2 * Math.PI) / SECONDS_PER_DAY;
  const a = Math.cbrt(WGS72.muKm3s2 / (nRad * nRad));
  return [a * (1 - s.eccentricity) - WGS72.aKm, a * (1 + s.eccentricity) - WGS72.aKm];
}

export interface ScreenContext {
  readonly design: ConstellationDesign;
  readonly designEpoch: Instant;
  /** Constellation satellites in their slots at launch. */
  readonly inServiceIds: readonly number[];
  /** Batches of earlier launches. */
  readonly inTransit: readonly BatchTrajectory[];
  readonly timeScales: TimeScales;
  readonly safety: SafetyOptions;
  /** Broad-phase scratch reused across the campaign's screenings (screening/createBroadPhaseScratch). */
  readonly broadPhase?: BroadPhaseScratch;
}

/** Osculating RAAN and argument of latitude (deg, TEME of date) of an element set's SGP4 state at an instant. */
export function nodeAndArgLatAt(s: ElementSet, t: Instant, ts: TimeScales): { raanDeg: number; argLatDeg: number } | undefined {
  return satelliteNodeAndArgLatAt(Sgp4Satellite.create(sgp4InputFrom(s, ts)), t, ts);
}

export function satelliteNodeAndArgLatAt(sat: Sgp4Satellite, t: Instant, ts: TimeScales): { raanDeg: number; argLatDeg: number } | undefined {
  const out = new Float64Array(6);
  const utc = ts.toUtcDaySeconds(t);
  const input = sat.input;
  const minutes = ((utc.mjd - input.epochUtcMjd) * 86400 + (utc.seconds - input.epochUtcSeconds)) / 60;
  if (sat.propagateInto(minutes, out, 0) !== 0) return undefined;
  const [x, y, z, vx, vy, vz] = out as unknown as [number, number, number, number, number, number];
  const hx = y * vz - z * vy;
  const hy = z * vx - x * vz;
  const hz = x * vy - y * vx;
  const raan = Math.atan2(hx, -hy);
  const h = Math.hypot(hx, hy, hz);
  // u: angle from the node vector N = (cos Ω, sin Ω, 0) to r in the orbit plane.
  const nx = Math.cos(raan);
  const ny = Math.sin(raan);
  const cosU = x * nx + y * ny;
  // M = ĥ × N = (−hz ny, hz nx, hx ny − hy nx)/h
  const mx = (-hz * ny) / h;
  const my = (hz * nx) / h;
  const mz = (hx * ny - hy * nx) / h;
  return { raanDeg: wrapDeg(raan * RAD_TO_DEG), argLatDeg: wrapDeg(Math.atan2(x * mx + y * my + z * mz, cosU) * RAD_TO_DEG) };
}

const designCache = new WeakMap<ConstellationDesign, Map<number, ElementSet>>();
const satelliteCache = new WeakMap<ElementSet, Sgp4Satellite>();

/** Span (s) of the drift-bounded windows of the crossing pre-filter below. */
const CROSSING_FILTER_WINDOW_S = 1800;
/** Allowance (km) for SGP4's short-period terms and the proxies' mean-vs-osculating phases in the pre-filters. */
const SHORT_PERIOD_ALLOWANCE_KM = 50;

/** Osculating node and argument of latitude (deg) of an orbit at the start and at the end of a span. */
export interface NodeSpan {
  readonly inclinationDeg: number;
  readonly start: { readonly raanDeg: number; readonly argLatDeg: number };
  readonly end: { readonly raanDeg: number; readonly argLatDeg: number };
}

/**
 * Whether a constellation satellite on a circular orbit of the crossing phase's radius, in another plane (another
 * inclination or node), can come within `limitKm` of the phase's proxy during the phase: a conservative pre-filter
 * that lets the screening engine skip the rest of the shell being crossed (the costly part of a campaign).
 *
 * Both orbits are circular at the same radius r, so with equal mean motions their distance obeys the closed form of
 * crossings.ts for the phase offset φ = u_S − u_P and the two nodes. Their secular rates differ slightly (J2 depends on
 * the inclination, and so does SGP4's recovered mean motion), so φ and ΔΩ = Ω_S − Ω_P drift: both are taken from the
 * SGP4 states at the span's start and end (the drifts are secular, far below 180° over a day) and interpolated
 * linearly. The span is cut into windows of CROSSING_FILTER_WINDOW_S: in each, φ sweeps an interval (sampled at steps
 * of 2 km/r; the distance is r-Lipschitz in φ) and ΔΩ moves by at most half its change from the window's middle (a
 * rotation moving a point of the orbit by at most r times that angle). A coarse pass over the whole span first (φ
 * samples 100 km apart, the whole span's node slack) rejects most of a shell cheaply. The caller adds an allowance
 * for SGP4's short-period terms in the osculating end points.
 */
export function mayApproachDuringCrossing(proxy: NodeSpan, sat: NodeSpan, radiusKm: number, durationS: number, limitKm: number): boolean {
  const wrap = (deg: number): number => deg - 360 * Math.round(deg / 360);
  const phi0 = sat.start.argLatDeg - proxy.start.argLatDeg;
  const phiRate = wrap(sat.end.argLatDeg - proxy.end.argLatDeg - phi0) / durationS;
  const node0 = wrap(sat.start.raanDeg - proxy.start.raanDeg);
  const nodeRate = wrap(sat.end.raanDeg - proxy.end.raanDeg - node0) / durationS;
  // Coarse pass over the whole span (samples 100 km apart in r·φ, the node slack of the whole span): most of a
  // crossed shell is rejected here; the others get the windowed pass.
  const coarseStepDeg = (100 / radiusKm) * RAD_TO_DEG;
  const gMid = planePairGeometry(0, node0 + (nodeRate * durationS) / 2, proxy.inclinationDeg, sat.inclinationDeg);
  const coarseSlackKm = 50 + radiusKm * Math.abs(nodeRate) * DEG_TO_RAD * (durationS / 2);
  const totalSweep = phiRate * durationS;
  const coarseSteps = Math.max(1, Math.ceil(Math.abs(totalSweep) / coarseStepDeg));
  let near = false;
  for (let j = 0; j <= coarseSteps && !near; j++) near = pairMinDistanceKm(gMid, 0, phi0 + (totalSweep * j) / coarseSteps, radiusKm) - coarseSlackKm <= limitKm;
  if (!near) return false;
  const phaseStepDeg = (2 / radiusKm) * RAD_TO_DEG;
  for (let t0 = 0; t0 < durationS; t0 += CROSSING_FILTER_WINDOW_S) {
    const span = Math.min(CROSSING_FILTER_WINDOW_S, durationS - t0);
    const mid = t0 + span / 2;
    const g = planePairGeometry(0, node0 + nodeRate * mid, proxy.inclinationDeg, sat.inclinationDeg);
    const nodeSlackKm = radiusKm * Math.abs(nodeRate) * DEG_TO_RAD * (span / 2);
    const sweep = phiRate * span;
    const steps = Math.max(1, Math.ceil(Math.abs(sweep) / phaseStepDeg));
    for (let j = 0; j <= steps; j++) {
      // Phases u_P = 0 and u_S = φ (only the difference matters); samples 2 km apart in r·φ leave at most 1 km between.
      if (pairMinDistanceKm(g, 0, phi0 + phiRate * t0 + (sweep * j) / steps, radiusKm) - 1 - nodeSlackKm <= limitKm) return true;
    }
  }
  return false;
}

/** Screens every phase of the batches of one launch; returns the events within the report distance. */
export function screenLaunchBatches(batches: readonly BatchTrajectory[], c: ScreenContext): DeploymentConjunction[] {
  const ts = c.timeScales;
  const report = c.safety.reportDistanceKm ?? 10;
  const margin = c.safety.bandMarginKm ?? report + 5;
  let designSets = designCache.get(c.design);
  if (designSets === undefined) {
    designSets = new Map(designElementSets(c.design, c.designEpoch).map((s) => [s.catalogNumber, s]));
    designCache.set(c.design, designSets);
  }
  const catalog = (c.safety.catalog ?? []).map((s) => ({ s, band: altitudeBand(s) }));
  const service = c.inServiceIds.map((id) => designSets.get(id)!).map((s) => ({ s, band: altitudeBand(s) }));
  const out: DeploymentConjunction[] = [];
  for (const b of batches) {
    for (const ph of batchPhases(b, c.safety)) {
      const lo = ph.altitudeKm - margin;
      const hi = ph.altitudeKm + margin;
      const end = ph.start.plusSeconds(ph.durationS);
      const kinds = new Map<number, DeploymentConjunction['objectKind']>();
      const others: ElementSet[] = [];
      const add = (s: ElementSet, kind: DeploymentConjunction['objectKind']): void => {
        if (kinds.has(s.catalogNumber) || s.catalogNumber === b.id) return;
        others.push(s);
        kinds.set(s.catalogNumber, kind);
      };
      for (const { s, band } of catalog) if (band[1] >= lo && band[0] <= hi) add(s, 'catalog');
      // Constellation satellites on the proxy's own shell (same altitude and inclination, circular) keep a frozen
      // geometry with it: the closed-form smallest distance (crossings.ts), from their SGP4 states at the phase start,
      // keeps only those that can come within the report distance (+50 km for SGP4's short-period terms).
      const sameShell = (s: ElementSet): boolean => Math.abs(s.meanMotionRevPerDay - ph.set.meanMotionRevPerDay) < 1e-9 && Math.abs(s.inclinationDeg - ph.set.inclinationDeg) < 1e-9 && s.eccentricity === 0;
      const r = WGS72.aKm + ph.altitudeKm;
      // Shells the raise passes through are screened by their own crossing phase, at their altitude: a raise
      // segment's mid-altitude proxy next to one would only duplicate that encounter at the wrong radius.
      const crossed = ph.name.startsWith('raise-') && !ph.name.startsWith('raise-through') ? (b.crossings ?? []).map((x) => x.altitudeKm) : [];
      const crossing = ph.name.startsWith('raise-through');
      const proxyStart = crossing ? nodeAndArgLatAt(ph.set, ph.start, ts) : undefined;
      const proxyEnd = crossing ? nodeAndArgLatAt(ph.set, end, ts) : undefined;
      const proxySpan = proxyStart !== undefined && proxyEnd !== undefined ? { inclinationDeg: ph.set.inclinationDeg, start: proxyStart, end: proxyEnd } : undefined;
      for (const { s, band } of service) {
        if (!(band[1] >= lo && band[0] <= hi)) continue;
        if (crossed.some((h) => Math.abs(h - (band[0] + band[1]) / 2) < 1)) continue;
        if (sameShell(s)) {
          const node = nodeAndArgLatAt(s, ph.start, ts);
          if (node !== undefined) {
            const g = planePairGeometry(ph.set.raanDeg, node.raanDeg, ph.set.inclinationDeg);
            if (pairMinDistanceKm(g, ph.set.meanAnomalyDeg, node.argLatDeg, r) > report + SHORT_PERIOD_ALLOWANCE_KM) continue;
          }
        } else if (proxySpan !== undefined && s.eccentricity === 0 && Math.abs(s.meanMotionRevPerDay - ph.set.meanMotionRevPerDay) < 1e-9) {
          let sat = satelliteCache.get(s);
          if (sat === undefined) {
            sat = Sgp4Satellite.create(sgp4InputFrom(s, ts));
            satelliteCache.set(s, sat);
          }
          const a = satelliteNodeAndArgLatAt(sat, ph.start, ts);
          const z = satelliteNodeAndArgLatAt(sat, end, ts);
          if (a !== undefined && z !== undefined && !mayApproachDuringCrossing(proxySpan, { inclinationDeg: s.inclinationDeg, start: a, end: z }, r, ph.durationS, report + SHORT_PERIOD_ALLOWANCE_KM)) continue;
        }
        add(s, 'constellation');
      }
      for (const t of c.inTransit) {
        if (t.launchIndex === b.launchIndex) continue;
        for (const q of batchPhases(t, { ...c.safety, screeningDays: Number.POSITIVE_INFINITY })) {
          const qEnd = q.start.plusSeconds(q.durationS);
          if (q.start.isAfter(end) || qEnd.isBefore(ph.start) || q.altitudeKm < lo || q.altitudeKm > hi) continue;
          add(q.set, 'deployment');
        }
      }
      if (others.length === 0 || ph.durationS <= 0) continue;
      const result = screenConjunctions([ph.set, ...others], { start: ph.start, durationS: ph.durationS, volume: { kind: 'sphere', radiusKm: report }, primaries: [b.id], timeScales: ts }, undefined, c.broadPhase);
      for (const e of result.events) {
        const other = e.object1 === b.id ? e.object2 : e.object1;
        if (other === b.id) continue;
        const name = others.find((s) => s.catalogNumber === other)?.objectName;
        out.push({
          launchIndex: b.launchIndex,
          batchPlane: b.plane,
          phase: ph.name,
          object: other,
          ...(name !== undefined ? { objectName: name } : {}),
          objectKind: kinds.get(other) ?? 'catalog',
          tca: ts.formatUtcIso(e.tca, 3),
          missDistanceKm: e.missDistanceKm,
          relativeSpeedKmPerS: e.relativeSpeedKmPerS,
        });
      }
    }
  }
  return out.sort((a, b) => a.missDistanceKm - b.missDistanceKm);
}
