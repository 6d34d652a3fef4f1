/**
 * Post-mission disposal compliance: the natural orbital lifetime after the end of mission against the IADC 25-year
 * rule (IADC-02-01 Space Debris Mitigation Guidelines, rev. 3, §5.3.2) and the 5-year rule (FCC 22-74, 2022, for
 * US-licensed LEO missions), the disposal Δv that makes an orbit comply, and the class of disposal that works.
 *
 * - End of mission: unknown for an active payload, so the report answers "if the mission ended at the element epoch"
 *   (the orbit as it is now); for derelicts (debris, rocket bodies, inactive payloads) the mission is already over.
 * - Δv: one retrograde burn at apogee that lowers the perigee to the height q* at which the lifetime equals the rule,
 *   Δv = v_a(a) − v_a(a′) with v_a(x) = √(μ (2/r_a − 1/x)) and a′ = (r_a + R⊕ + q*)/2 (vis-viva). q* is found by
 *   regula falsi (Illinois) on ln L(q) − ln(rule), to 1 km or 2 % in lifetime, with this module's lifetime model,
 *   started from the height where a circular orbit lasts the rule at the mean flux.
 * - Disposal class: `natural-decay` when the natural lifetime meets the rule; `active-disposal-only` when it exceeds
 *   100 years (four solar cycles: no drag-augmentation device or waiting strategy is realistic, only a propulsive
 *   disposal or a removal works, e.g. a 1,068 km Qianfan-like shell); `disposal-burn` in between.
 */
import type { ObjectType } from '../catalog/model.ts';
import type { ElementSet } from '../catalog/model.ts';
import { SkylaneError, type RecordFailure } from '../errors/index.ts';
import { EARTH_MU_KM3S2, WGS84 } from '../units/index.ts';
import { circularHeightForLifetimeKm, orbitalLifetime, type LifetimeOptions, type LifetimeOrbit, type LifetimeResult } from './averagedDecay.ts';
import { lifetimeOrbitFromElementSet, type BallisticEstimate, type MassRadius } from './fromElementSet.ts';

export const IADC_RULE_YEARS = 25;
export const FIVE_YEAR_RULE_YEARS = 5;
/** Natural lifetime above which only active disposal is realistic (see the module header). */
export const ACTIVE_DISPOSAL_ONLY_YEARS = 100;

const RE = WGS84.aKm;
const MU = EARTH_MU_KM3S2;

export type DisposalClass = 'natural-decay' | 'disposal-burn' | 'active-disposal-only';

export interface RuleCompliance {
  readonly ruleYears: number;
  readonly compliant: boolean;
  /** Perigee height (km above the equatorial radius) a single apogee burn must reach; absent when compliant. */
  readonly requiredPerigeeAltKm?: number;
  /** Δv of that burn, m/s; absent when compliant. */
  readonly deltaVMps?: number;
}

/** One object's lifetime (from its latest element set). */
export interface LifetimeEntry {
  readonly catalogNumber: number;
  readonly name?: string;
  readonly objectType: ObjectType;
  readonly perigeeAltKm: number;
  readonly apogeeAltKm: number;
  readonly lifetimeYears: number;
  readonly beyondHorizon: boolean;
  /** ISO date of reentry (UTC day), when within the horizon. */
  readonly reentryMjd?: number;
  readonly ballisticCoefficientM2PerKg: number;
  readonly ballisticSource: string;
}

export interface ComplianceEntry extends LifetimeEntry {
  readonly owner?: string;
  readonly active: boolean;
  readonly rule25: RuleCompliance;
  readonly rule5: RuleCompliance;
  readonly disposal: DisposalClass;
  readonly reason: string;
}

export interface CatalogLifetimeInput {
  /** Latest element set per object. */
  readonly elementSets: readonly ElementSet[];
  /** Mass/HBR by catalog number (e.g. the CARA table). */
  readonly masses?: ReadonlyMap<number, MassRadius>;
  /** Owner and operational status by catalog number (e.g. SATCAT): `active` true for working payloads. */
  readonly owners?: ReadonlyMap<number, { readonly owner?: string; readonly active?: boolean; readonly objectType?: ObjectType }>;
}

function toEntry(set: ElementSet, orbit: LifetimeOrbit, ballistic: BallisticEstimate, life: LifetimeResult, type: ObjectType): LifetimeEntry {
  return {
    catalogNumber: set.catalogNumber,
    ...(set.objectName !== undefined ? { name: set.objectName } : {}),
    objectType: type,
    perigeeAltKm: orbit.semiMajorAxisKm * (1 - orbit.eccentricity) - RE,
    apogeeAltKm: orbit.semiMajorAxisKm * (1 + orbit.eccentricity) - RE,
    lifetimeYears: life.lifetimeYears,
    beyondHorizon: life.beyondHorizon,
    ...(life.reentryMjd !== undefined ? { reentryMjd: life.reentryMjd } : {}),
    ballisticCoefficientM2PerKg: ballistic.ballisticCoefficientM2PerKg,
    ballisticSource: `${ballistic.source}: ${ballistic.detail}`,
  };
}

function failureOf(set: ElementSet, err: unknown): RecordFailure {
  if (err instanceof SkylaneError) return { line: set.source?.line ?? 0, code: err.code, reason: `object ${set.catalogNumber}: ${err.message}` };
  throw err;
}

/** Lifetime of every object (one element set each). Objects the model cannot take come back as failures, never dropped. */
export function catalogLifetimes(input: CatalogLifetimeInput, options: LifetimeOptions = {}): { entries: LifetimeEntry[]; failures: RecordFailure[] } {
  const entries: LifetimeEntry[] = [];
  const failures: RecordFailure[] = [];
  for (const set of input.elementSets) {
    try {
      const { orbit, ballistic } = lifetimeOrbitFromElementSet(set, input.masses?.get(set.catalogNumber), undefined, options);
      const life = orbitalLifetime(orbit, options);
      const type = input.owners?.get(set.catalogNumber)?.objectType ?? set.objectType ?? 'UNKNOWN';
      entries.push(toEntry(set, orbit, ballistic, life, type));
    } catch (err) {
      failures.push(failureOf(set, err));
    }
  }
  return { entries, failures };
}

/** Δv (m/s) of one apogee burn from orbit (a, e) to the orbit with the same apogee and perigee radius rq (km). */
export function apogeeBurnDeltaVMps(semiMajorAxisKm: number, eccentricity: number, newPerigeeRadiusKm: number): number {
  const ra = semiMajorAxisKm * (1 + eccentricity);
  const aNew = (ra + newPerigeeRadiusKm) / 2;
  const v0 = Math.sqrt(MU * (2 / ra - 1 / semiMajorAxisKm));
  const v1 = Math.sqrt(MU * (2 / ra - 1 / aNew));
  return (v0 - v1) * 1000;
}

/** The orbit with the same apogee as `orbit` and perigee radius rq. */
function loweredOrbit(orbit: LifetimeOrbit, rq: number): LifetimeOrbit {
  const ra = orbit.semiMajorAxisKm * (1 + orbit.eccentricity);
  return { ...orbit, semiMajorAxisKm: (ra + rq) / 2, eccentricity: (ra - rq) / (ra + rq) };
}

/**
 * The perigee height (km) that a single apogee burn must reach for the lifetime to equal `ruleYears`, and its Δv.
 * The orbit must not already comply.
 */
export function disposalToMeetRule(orbit: LifetimeOrbit, ruleYears: number, options: LifetimeOptions = {}): { requiredPerigeeAltKm: number; deltaVMps: number } {
  const interfaceKm = options.reentryAltitudeKm ?? 80;
  const opts: LifetimeOptions = { ...options, horizonYears: ruleYears * 2 };
  const target = Math.log(ruleYears);
  const g = (rq: number): number => {
    try {
      return Math.log(Math.max(1e-6, orbitalLifetime(loweredOrbit(orbit, rq), opts).lifetimeYears)) - target;
    } catch {
      return Math.log(1e-6) - target; // at/below the interface: reenters now
    }
  };
  const rMin = RE + interfaceKm + 10;
  const rMax = orbit.semiMajorAxisKm * (1 - orbit.eccentricity);
  // Start from the height where a circular orbit's lifetime equals the rule (mean flux), then bracket by 20-km steps.
  const guessAlt = circularHeightForLifetimeKm(orbit.ballisticCoefficientM2PerKg, ruleYears, interfaceKm, options);
  const x = Math.min(rMax, Math.max(rMin, RE + guessAlt));
  let gx = g(x);
  let lo = rMin;
  let glo = Number.NaN;
  let hi = rMax;
  let ghi = Number.NaN;
  const stepKm = 20;
  if (gx > 0) {
    hi = x;
    ghi = gx;
    for (let y = x - stepKm; ; y -= stepKm) {
      const yy = Math.max(rMin, y);
      const gy = g(yy);
      if (gy <= 0 || yy === rMin) {
        lo = yy;
        glo = gy;
        break;
      }
      hi = yy;
      ghi = gy;
    }
  } else {
    lo = x;
    glo = gx;
    for (let y = x + stepKm; ; y += stepKm) {
      const yy = Math.min(rMax, y);
      const gy = g(yy);
      if (gy > 0 || yy === rMax) {
        hi = yy;
        ghi = gy;
        break;
      }
      lo = yy;
      glo = gy;
    }
  }
  if (glo > 0) hi = lo; // even the lowest perigee lasts too long (absurd B): answer the lowest
  else if (ghi > 0) {
    let side = 0;
    for (let it = 0; it < 40 && hi - lo > 1 && Math.abs(glo) > 0.02; it++) {
      const xr = hi - (ghi * (hi - lo)) / (ghi - glo);
      const rq = Math.min(hi - 0.25, Math.max(lo + 0.25, xr));
      gx = g(rq);
      if (gx > 0) {
        hi = rq;
        ghi = gx;
        if (side === -1) glo /= 2;
        side = -1;
      } else {
        lo = rq;
        glo = gx;
        if (side === 1) ghi /= 2;
        side = 1;
      }
    }
  }
  const rq = lo; // the side that complies
  return { requiredPerigeeAltKm: rq - RE, deltaVMps: apogeeBurnDeltaVMps(orbit.semiMajorAxisKm, orbit.eccentricity, rq) };
}

/**
 * Root-finding memo of one catalog run: objects with the same rule, C_D A/m (bins of 3 %), apogee radius (10-km bins),
 * inclination (10° bins) and epoch (60-day bins) share the required perigee height (q* moves by ~H·0.03 ≈ 1.5 km per
 * 3 % of B, ~0.5 m/s of Δv); each object's Δv is then computed from its own orbit. Constellations make this pay: thousands of
 * near-identical satellites cost one root finding.
 */
type PerigeeMemo = Map<string, number>;

function memoKey(orbit: LifetimeOrbit, ruleYears: number): string {
  const ra = orbit.semiMajorAxisKm * (1 + orbit.eccentricity);
  return `${ruleYears}|${Math.round(Math.log(orbit.ballisticCoefficientM2PerKg) / Math.log(1.03))}|${Math.round(ra / 10)}|${Math.round((orbit.inclinationRad * 180) / Math.PI / 10)}|${Math.round(orbit.epochMjd / 60)}`;
}

function ruleCompliance(orbit: LifetimeOrbit, life: LifetimeResult, ruleYears: number, withDeltaV: boolean, options: LifetimeOptions, memo?: PerigeeMemo): RuleCompliance {
  const compliant = !life.beyondHorizon && life.lifetimeYears <= ruleYears;
  if (compliant || !withDeltaV) return { ruleYears, compliant };
  const key = memo ? memoKey(orbit, ruleYears) : '';
  const q = memo?.get(key);
  const rp = orbit.semiMajorAxisKm * (1 - orbit.eccentricity);
  if (q !== undefined && RE + q <= rp) {
    return { ruleYears, compliant, requiredPerigeeAltKm: q, deltaVMps: apogeeBurnDeltaVMps(orbit.semiMajorAxisKm, orbit.eccentricity, RE + q) };
  }
  const d = disposalToMeetRule(orbit, ruleYears, options);
  memo?.set(key, d.requiredPerigeeAltKm);
  return { ruleYears, compliant, ...d };
}

/**
 * Compliance of every object (latest element set each). Δv is computed for payloads and rocket bodies that do not
 * comply (debris cannot manoeuvre: the answer for it is removal, said in `reason`).
 */
export function catalogCompliance(input: CatalogLifetimeInput, options: LifetimeOptions = {}): { entries: ComplianceEntry[]; failures: RecordFailure[] } {
  const entries: ComplianceEntry[] = [];
  const failures: RecordFailure[] = [];
  const memo: PerigeeMemo = new Map();
  for (const set of input.elementSets) {
    try {
      const { orbit, ballistic } = lifetimeOrbitFromElementSet(set, input.masses?.get(set.catalogNumber), undefined, options);
      const life = orbitalLifetime(orbit, options);
      const info = input.owners?.get(set.catalogNumber);
      const type = info?.objectType ?? set.objectType ?? 'UNKNOWN';
      const base = toEntry(set, orbit, ballistic, life, type);
      const withDv = type !== 'DEBRIS';
      const rule25 = ruleCompliance(orbit, life, IADC_RULE_YEARS, withDv, options, memo);
      const rule5 = ruleCompliance(orbit, life, FIVE_YEAR_RULE_YEARS, withDv, options, memo);
      const years = life.beyondHorizon ? `more than ${life.lifetimeYears.toFixed(0)}` : life.lifetimeYears.toFixed(1);
      const perigee = base.perigeeAltKm.toFixed(0);
      let disposal: DisposalClass;
      let reason: string;
      if (rule5.compliant) {
        disposal = 'natural-decay';
        reason = `natural lifetime ${years} yr from perigee ${perigee} km meets both rules`;
      } else if (rule25.compliant) {
        disposal = 'natural-decay';
        reason = `natural lifetime ${years} yr from perigee ${perigee} km meets the 25-year rule, not the 5-year rule${rule5.deltaVMps !== undefined ? ` (${rule5.deltaVMps.toFixed(1)} m/s to perigee ${rule5.requiredPerigeeAltKm!.toFixed(0)} km would)` : ''}`;
      } else if (life.beyondHorizon || life.lifetimeYears > ACTIVE_DISPOSAL_ONLY_YEARS) {
        disposal = 'active-disposal-only';
        reason = `natural lifetime ${years} yr from perigee ${perigee} km: passive decay cannot meet either rule; only ${withDv ? `a propulsive disposal (${rule25.deltaVMps!.toFixed(1)} m/s to perigee ${rule25.requiredPerigeeAltKm!.toFixed(0)} km for 25 yr) or ` : ''}a removal works`;
      } else {
        disposal = 'disposal-burn';
        reason = `natural lifetime ${years} yr from perigee ${perigee} km exceeds 25 yr; ${withDv ? `${rule25.deltaVMps!.toFixed(1)} m/s lowers the perigee to ${rule25.requiredPerigeeAltKm!.toFixed(0)} km` : 'debris cannot manoeuvre: removal or waiting'}`;
      }
      entries.push({ ...base, ...(info?.owner !== undefined ? { owner: info.owner } : {}), active: info?.active ?? false, rule25, rule5, disposal, reason });
    } catch (err) {
      failures.push(failureOf(set, err));
    }
  }
  return { entries, failures };
}

/** Compliance figures of a group of objects (an owner, a fleet, the whole catalog). */
export interface ComplianceSummary {
  readonly key: string;
  readonly objects: number;
  readonly compliant25: number;
  readonly compliant5: number;
  readonly activeDisposalOnly: number;
  /** Sum of the Δv of the non-compliant manoeuvrable objects to meet the 25-year rule, m/s. */
  readonly totalDeltaV25Mps: number;
  readonly totalDeltaV5Mps: number;
  readonly medianLifetimeYears: number;
}

/** Groups entries by a key (owner, fleet) and sums them; entries whose key is undefined are left out. */
export function summarizeCompliance(entries: readonly ComplianceEntry[], keyOf: (e: ComplianceEntry) => string | undefined): ComplianceSummary[] {
  const groups = new Map<string, ComplianceEntry[]>();
  for (const e of entries) {
    const k = keyOf(e);
    if (k === undefined) continue;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(e);
  }
  const out: ComplianceSummary[] = [];
  for (const [key, g] of groups) {
    const lives = g.map((e) => e.lifetimeYears).sort((x, y) => x - y);
    const mid = lives.length >> 1;
    out.push({
      key,
      objects: g.length,
      compliant25: g.filter((e) => e.rule25.compliant).length,
      compliant5: g.filter((e) => e.rule5.compliant).length,
      activeDisposalOnly: g.filter((e) => e.disposal === 'active-disposal-only').length,
      totalDeltaV25Mps: g.reduce((s, e) => s + (e.rule25.deltaVMps ?? 0), 0),
      totalDeltaV5Mps: g.reduce((s, e) => s + (e.rule5.deltaVMps ?? 0), 0),
      medianLifetimeYears: lives.length % 2 === 1 ? lives[mid]! : (lives[mid - 1]! + lives[mid]!) / 2,
    });
  }
  return out.sort((x, y) => y.objects - x.objects || (x.key < y.key ? -1 : 1));
}
