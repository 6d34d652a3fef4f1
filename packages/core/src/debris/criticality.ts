/**
 * Active-debris-removal criticality index, in the spirit of ESA's environmental index (Letizia, Lemmens, Krag,
 * "Environmental capacity as a metric for ADR", Adv. Space Res. 2017/2019: the fragments a collision of the object
 * would create × the probability that it collides) and of McKnight et al. 2021 (Acta Astronautica 181, 282-291:
 * mass × encounter rate × orbital lifetime, derelicts only). For each object:
 *
 *   D   spatial density of the catalogue in the object's altitude shell (objects/km³), from the catalogue itself:
 *       every object spreads its time over the 20-km shells between perigee and apogee (mean anomaly sampled
 *       uniformly, Kepler's equation), divided by the shell volume 4/3 π (r_hi³ − r_lo³); also binned by 5° of
 *       inclination so that the crowding of the object's own inclination band is reported;
 *   v̄   mean relative speed to the shell's population: v · Σ_c w_c ⟨2 sin(θ/2)⟩_ΔΩ / Σ_c w_c, with v the circular
 *       speed, θ the angle between the two orbit planes (cos θ = cos i₁ cos i₂ + sin i₁ sin i₂ cos ΔΩ), averaged over
 *       a uniform node difference ΔΩ, and w_c the population of inclination band c in the shell;
 *   σ   collision cross-section π (r + r_bg)² with the object's radius r and a background radius r_bg = 0.5 m;
 *   λ   background collision rate D · σ · v̄ (1/yr), the kinetic-gas model (Kessler 1981);
 *   L   orbital lifetime estimate (yr): circular-orbit drag decay da/dt = −ρ(h) (C_D A/m) √(μ a) integrated from the
 *       effective height h_p + (h_a − h_p)/4 down to 120 km through Vallado's mean exponential atmosphere (Table 8-4),
 *       C_D = 2.2, A = π r²; a documented estimate until the reentry issue's lifetime lands;
 *   P   probability of at least one collision over the horizon T = min(L, 200 yr): 1 − exp(−λ T);
 *   N   fragments ≥ 10 cm of a catastrophic collision, NASA standard breakup model N = 0.1 M^0.75 L_c^−1.71 with
 *       L_c = 0.1 m and M the object's mass (Johnson et al. 2001);
 *   f   derelict factor: 1 for a derelict, 0 for an active object (it manoeuvres and is not a removal target; as in
 *       McKnight et al., only derelicts are ranked). `scoreIfDerelict` = P · N keeps actives ordered among themselves.
 *
 *   score = P · N · f   (expected number of ≥10-cm fragments the object will generate over its remaining life).
 *
 * Every factor is returned per object, not just the score.
 */
import { SkylaneError, type RecordFailure } from '../errors/index.ts';
import type { ElementSet, ObjectType } from '../catalog/model.ts';
import { objectTypeFromName } from '../catalog/model.ts';
import { EARTH_MU_KM3S2, WGS84 } from '../units/index.ts';
import { exponentialDensityKgPerM3 } from '../atmosphere/exponential.ts';
import { estimateMassAndRadius } from './massDefaults.ts';
import { SATCAT_ACTIVE_STATUS, type SatcatRecord } from './satcat.ts';

const RE_KM = WGS84.aKm;
const SHELL_KM = 20;
const MAX_ALT_KM = 40_000;
const N_SHELLS = MAX_ALT_KM / SHELL_KM;
const INC_BAND_DEG = 5;
const N_INC = 180 / INC_BAND_DEG;
const SECONDS_PER_YEAR = 365.25 * 86400;
/** Background object radius (m) in the cross-section. */
export const BACKGROUND_RADIUS_M = 0.5;
/** Horizon of the collision probability (yr). */
export const CRITICALITY_HORIZON_YEARS = 200;
/** Drag coefficient of the lifetime estimate. */
export const LIFETIME_DRAG_COEFFICIENT = 2.2;
/** Derelict factor of an active object: it manoeuvres and is kept, so it is not a removal target (McKnight et al. rank derelicts only). */
export const ACTIVE_OPERATIONAL_FACTOR = 0;

/** Mass/size row (NASA CARA table `parseCaraHbrTable` output or any equivalent). */
export interface MassRow {
  readonly massKg?: number;
  readonly hbrM?: number;
  readonly hbrSource?: string;
}

export interface CriticalityInput {
  /** Latest element set per object (SGP4 mean elements; the ranking uses a, e, i only). */
  readonly elementSets: readonly ElementSet[];
  /** Mass and hard-body radius per catalog number. */
  readonly masses?: ReadonlyMap<number, MassRow>;
  /** SATCAT rows per catalog number: type, owner, operational status. */
  readonly satcat?: ReadonlyMap<number, SatcatRecord>;
  /** Catalog numbers known to be active (e.g. the CelesTrak `active` group) when no SATCAT status is given. */
  readonly activeIds?: ReadonlySet<number>;
}

export interface CriticalityOptions {
  /** 'default' (documented defaults fill missing masses) or 'require' (objects without a table mass become failures FIELD_MISSING). */
  readonly massPolicy?: 'default' | 'require';
}

/** Every factor of one object's index. Units in the names. */
export interface CriticalityFactors {
  readonly perigeeAltKm: number;
  readonly apogeeAltKm: number;
  readonly inclinationDeg: number;
  readonly massKg: number;
  readonly massSource: string;
  readonly radiusM: number;
  readonly radiusSource: string;
  readonly crossSectionM2: number;
  readonly lifetimeYears: number;
  readonly lifetimeSource: string;
  readonly shellLabel: string;
  readonly spatialDensityPerKm3: number;
  readonly inclinationBandLabel: string;
  readonly inclinationBandDensityPerKm3: number;
  readonly meanRelativeSpeedKmS: number;
  readonly collisionRatePerYear: number;
  readonly horizonYears: number;
  readonly collisionProbability: number;
  readonly fragmentsIfCollision: number;
  readonly active: boolean;
  readonly operationalFactor: number;
  /** P · N: the score the object would have as a derelict. */
  readonly scoreIfDerelict: number;
}

export interface CriticalityEntry {
  readonly rank: number;
  readonly object: number;
  readonly name: string;
  readonly type: ObjectType;
  readonly typeSource: 'satcat' | 'name' | 'active-list' | 'unknown';
  readonly owner?: string;
  readonly massKg: number;
  readonly score: number;
  readonly factors: CriticalityFactors;
}

export interface CriticalityResult {
  /** Ranked, highest score first; ranks 1..n. */
  readonly entries: CriticalityEntry[];
  /** Objects that could not be ranked (bad elements, missing mass under massPolicy 'require'). */
  readonly failures: RecordFailure[];
}

interface Prepared {
  readonly set: ElementSet;
  readonly aKm: number;
  readonly e: number;
  readonly iRad: number;
  readonly hpKm: number;
  readonly haKm: number;
}

function prepare(set: ElementSet): Prepared | string {
  const n = (set.meanMotionRevPerDay * 2 * Math.PI) / 86400;
  if (!(n > 0) || !(set.eccentricity >= 0 && set.eccentricity < 1)) return 'mean motion must be positive and eccentricity in [0, 1)';
  const aKm = Math.cbrt(EARTH_MU_KM3S2 / (n * n));
  const e = set.eccentricity;
  return { set, aKm, e, iRad: (set.inclinationDeg * Math.PI) / 180, hpKm: aKm * (1 - e) - RE_KM, haKm: aKm * (1 + e) - RE_KM };
}

/** Solves Kepler's equation M = E − e sin E (Newton). */
function eccentricAnomaly(M: number, e: number): number {
  let E = e < 0.8 ? M : Math.PI;
  for (let k = 0; k < 30; k++) {
    const d = (E - e * Math.sin(E) - M) / (1 - e * Math.cos(E));
    E -= d;
    if (Math.abs(d) < 1e-12) break;
  }
  return E;
}

const shellOf = (altKm: number): number => Math.min(N_SHELLS - 1, Math.max(0, Math.floor(altKm / SHELL_KM)));
const incBandOf = (iRad: number): number => Math.min(N_INC - 1, Math.max(0, Math.floor((iRad * 180) / Math.PI / INC_BAND_DEG)));

/** ⟨2 sin(θ/2)⟩ over a uniform node difference, per pair of inclination bands (band centres). */
function relativeSpeedTable(): Float64Array {
  const t = new Float64Array(N_INC * N_INC);
  const samples = 36;
  for (let a = 0; a < N_INC; a++) {
    const i1 = ((a + 0.5) * INC_BAND_DEG * Math.PI) / 180;
    for (let b = 0; b < N_INC; b++) {
      const i2 = ((b + 0.5) * INC_BAND_DEG * Math.PI) / 180;
      let s = 0;
      for (let k = 0; k < samples; k++) {
        const dO = ((k + 0.5) / samples) * 2 * Math.PI;
        const c = Math.max(-1, Math.min(1, Math.cos(i1) * Math.cos(i2) + Math.sin(i1) * Math.sin(i2) * Math.cos(dO)));
        s += 2 * Math.sin(Math.acos(c) / 2);
      }
      t[a * N_INC + b] = s / samples;
    }
  }
  return t;
}

/**
 * Lifetime integral Λ(h) = ∫_{120 km}^{h} dh / (ρ(h) √(μ (R+h))) in kg·s/km² on a 1-km grid; lifetime = Λ / B with
 * B = C_D A / m in km²/kg.
 */
function lifetimeIntegral(): Float64Array {
  const out = new Float64Array(MAX_ALT_KM + 1);
  let acc = 0;
  for (let h = 121; h <= MAX_ALT_KM; h++) {
    const hm = h - 0.5;
    const rhoKgPerKm3 = exponentialDensityKgPerM3(hm) * 1e9;
    acc += 1 / (rhoKgPerKm3 * Math.sqrt(EARTH_MU_KM3S2 * (RE_KM + hm)));
    out[h] = acc;
    if (!Number.isFinite(acc)) {
      out.fill(Number.POSITIVE_INFINITY, h);
      break;
    }
  }
  return out;
}

let cachedTables: { vrel: Float64Array; life: Float64Array } | undefined;
function tables(): { vrel: Float64Array; life: Float64Array } {
  cachedTables ??= { vrel: relativeSpeedTable(), life: lifetimeIntegral() };
  return cachedTables;
}

/** Lifetime estimate (yr) of an orbit with perigee/apogee heights (km) and ballistic coefficient C_D A/m (m²/kg). */
export function estimateLifetimeYears(perigeeAltKm: number, apogeeAltKm: number, cdAOverMM2PerKg: number): number {
  const h = perigeeAltKm + (apogeeAltKm - perigeeAltKm) / 4;
  if (h <= 120) return 0;
  const { life } = tables();
  const k = Math.min(MAX_ALT_KM, Math.floor(h));
  const f = h - k;
  const lam = k >= MAX_ALT_KM ? life[MAX_ALT_KM]! : life[k]! * (1 - f) + life[k + 1]! * f;
  return lam / (cdAOverMM2PerKg * 1e-6) / SECONDS_PER_YEAR;
}

const shellLabel = (s: number): string => `${s * SHELL_KM}-${(s + 1) * SHELL_KM} km`;
const incLabel = (b: number): string => `${b * INC_BAND_DEG}-${(b + 1) * INC_BAND_DEG} deg`;

/** Ranks every object by the criticality index (see the module header). Pure; 18k objects in well under a second. */
export function rankCriticality(input: CriticalityInput, options: CriticalityOptions = {}): CriticalityResult {
  const failures: RecordFailure[] = [];
  const prepared: Prepared[] = [];
  input.elementSets.forEach((s, idx) => {
    const p = prepare(s);
    if (typeof p === 'string') failures.push({ line: idx + 1, code: 'ELEMENTS_INVALID', reason: `object ${s.catalogNumber}: ${p}.` });
    else prepared.push(p);
  });
  // Density grid: shells × inclination bands, object counts weighted by time fraction.
  const grid = new Float64Array(N_SHELLS * N_INC);
  const samples = 72;
  for (const p of prepared) {
    const b = incBandOf(p.iRad);
    if (p.e < 1e-3 || shellOf(p.hpKm) === shellOf(p.haKm)) {
      grid[shellOf(p.aKm - RE_KM) * N_INC + b]! += 1;
      continue;
    }
    for (let k = 0; k < samples; k++) {
      const E = eccentricAnomaly(((k + 0.5) / samples) * 2 * Math.PI, p.e);
      grid[shellOf(p.aKm * (1 - p.e * Math.cos(E)) - RE_KM) * N_INC + b]! += 1 / samples;
    }
  }
  const shellTotal = new Float64Array(N_SHELLS);
  const volume = new Float64Array(N_SHELLS);
  for (let s = 0; s < N_SHELLS; s++) {
    let t = 0;
    for (let b = 0; b < N_INC; b++) t += grid[s * N_INC + b]!;
    shellTotal[s] = t;
    const r0 = RE_KM + s * SHELL_KM;
    const r1 = r0 + SHELL_KM;
    volume[s] = (4 / 3) * Math.PI * (r1 ** 3 - r0 ** 3);
  }
  const { vrel } = tables();
  const scored: Omit<CriticalityEntry, 'rank'>[] = [];
  for (const p of prepared) {
    const s = p.set;
    const sat = input.satcat?.get(s.catalogNumber);
    const name = s.objectName ?? sat?.objectName ?? '';
    let type: ObjectType;
    let typeSource: CriticalityEntry['typeSource'];
    if (sat && sat.objectType !== 'UNKNOWN') {
      type = sat.objectType;
      typeSource = 'satcat';
    } else if (s.objectType !== undefined && s.objectType !== 'UNKNOWN') {
      type = s.objectType;
      typeSource = 'name';
    } else if (objectTypeFromName(name) !== 'UNKNOWN') {
      type = objectTypeFromName(name);
      typeSource = 'name';
    } else if (input.activeIds?.has(s.catalogNumber)) {
      type = 'PAYLOAD';
      typeSource = 'active-list';
    } else {
      type = 'UNKNOWN';
      typeSource = 'unknown';
    }
    const active = sat?.opsStatusCode !== undefined ? SATCAT_ACTIVE_STATUS.has(sat.opsStatusCode) : (input.activeIds?.has(s.catalogNumber) ?? false);
    const row = input.masses?.get(s.catalogNumber);
    if (options.massPolicy === 'require' && row?.massKg === undefined) {
      failures.push({ line: 0, field: 'massKg', code: 'FIELD_MISSING', reason: `object ${s.catalogNumber} (${name}) has no mass in the mass table; give one or rank with the documented defaults.` });
      continue;
    }
    const m = estimateMassAndRadius(name, type, row ? { ...(row.massKg !== undefined ? { massKg: row.massKg } : {}), ...(row.hbrM !== undefined ? { hbrM: row.hbrM } : {}), ...(row.hbrSource !== undefined ? { hbrSource: row.hbrSource } : {}) } : undefined);
    const shell = shellOf(p.aKm - RE_KM);
    const band = incBandOf(p.iRad);
    const density = shellTotal[shell]! / volume[shell]!;
    const bandDensity = grid[shell * N_INC + band]! / volume[shell]!;
    let wsum = 0;
    let gsum = 0;
    for (let c = 0; c < N_INC; c++) {
      const w = grid[shell * N_INC + c]!;
      if (w === 0) continue;
      wsum += w;
      gsum += w * vrel[band * N_INC + c]!;
    }
    const vCirc = Math.sqrt(EARTH_MU_KM3S2 / p.aKm);
    const vRel = wsum > 0 ? (vCirc * gsum) / wsum : 0;
    const areaM2 = Math.PI * m.radiusM * m.radiusM;
    const sigmaKm2 = Math.PI * ((m.radiusM + BACKGROUND_RADIUS_M) / 1000) ** 2;
    const ratePerYear = density * sigmaKm2 * vRel * SECONDS_PER_YEAR;
    const lifetimeYears = estimateLifetimeYears(p.hpKm, p.haKm, (LIFETIME_DRAG_COEFFICIENT * areaM2) / m.massKg);
    const horizon = Math.min(lifetimeYears, CRITICALITY_HORIZON_YEARS);
    const pc = 1 - Math.exp(-ratePerYear * horizon);
    const fragments = 0.1 * m.massKg ** 0.75 * 0.1 ** -1.71;
    const opFactor = active ? ACTIVE_OPERATIONAL_FACTOR : 1;
    scored.push({
      object: s.catalogNumber,
      name,
      type,
      typeSource,
      ...(sat?.owner !== undefined ? { owner: sat.owner } : {}),
      massKg: m.massKg,
      score: pc * fragments * opFactor,
      factors: {
        perigeeAltKm: p.hpKm,
        apogeeAltKm: p.haKm,
        inclinationDeg: s.inclinationDeg,
        massKg: m.massKg,
        massSource: m.massSource,
        radiusM: m.radiusM,
        radiusSource: m.radiusSource,
        crossSectionM2: areaM2,
        lifetimeYears,
        lifetimeSource: 'drag estimate: Vallado exponential atmosphere, C_D 2.2, circular decay from h_p + (h_a − h_p)/4',
        shellLabel: shellLabel(shell),
        spatialDensityPerKm3: density,
        inclinationBandLabel: incLabel(band),
        inclinationBandDensityPerKm3: bandDensity,
        meanRelativeSpeedKmS: vRel,
        collisionRatePerYear: ratePerYear,
        horizonYears: horizon,
        collisionProbability: pc,
        fragmentsIfCollision: fragments,
        active,
        operationalFactor: opFactor,
        scoreIfDerelict: pc * fragments,
      },
    });
  }
  scored.sort((x, y) => y.score - x.score || y.factors.scoreIfDerelict - x.factors.scoreIfDerelict || x.object - y.object);
  return { entries: scored.map((e, k) => ({ rank: k + 1, ...e })), failures };
}

/** Filters of a ranked list: owner (SATCAT code), type, altitude and inclination band. Ranks are kept. */
export interface CriticalityFilter {
  readonly owner?: string;
  readonly type?: ObjectType;
  readonly minAltKm?: number;
  readonly maxAltKm?: number;
  readonly minInclinationDeg?: number;
  readonly maxInclinationDeg?: number;
}

export function filterCriticality(entries: readonly CriticalityEntry[], f: CriticalityFilter): CriticalityEntry[] {
  return entries.filter((e) => {
    const meanAlt = (e.factors.perigeeAltKm + e.factors.apogeeAltKm) / 2;
    if (f.owner !== undefined && (e.owner ?? '').toUpperCase() !== f.owner.toUpperCase()) return false;
    if (f.type !== undefined && e.type !== f.type) return false;
    if (f.minAltKm !== undefined && meanAlt < f.minAltKm) return false;
    if (f.maxAltKm !== undefined && meanAlt > f.maxAltKm) return false;
    if (f.minInclinationDeg !== undefined && e.factors.inclinationDeg < f.minInclinationDeg) return false;
    if (f.maxInclinationDeg !== undefined && e.factors.inclinationDeg > f.maxInclinationDeg) return false;
    return true;
  });
}

/** The entry of one object; throws SkylaneError NOT_FOUND (typed) when the object is not in the ranking. */
export function criticalityOf(entries: readonly CriticalityEntry[], catalogNumber: number): CriticalityEntry {
  const e = entries.find((x) => x.object === catalogNumber);
  if (!e) throw new SkylaneError('NOT_FOUND', `object ${catalogNumber} is not in the ranked catalog: check the catalog number or the catalog file.`, catalogNumber);
  return e;
}
