/**
 * Element-set histories for reentry work: the checks a history must pass (one object, epochs in order, no set
 * already below the reentry interface) and the SGP4 mean semi-major axis of each set.
 *
 * Mean semi-major axis: SGP4's "un-Kozai" recovery (Hoots & Roehrich 1980, Spacetrack Report #3; Vallado et al.
 * 2006, sgp4init): a₁ = (k_e/n₀)^(2/3), δ₁ = (3/2)·k₂·(3cos²i − 1)/((1 − e²)^(3/2)·a₁²), a₀ = a₁(1 − δ₁/3 − δ₁² −
 * 134δ₁³/81), δ₀ = δ₁·a₁²/a₀², a₀″ = a₀/(1 − δ₀), in earth radii of WGS-72 (the constants the elements were fitted
 * with). This is the Brouwer mean semi-major axis SGP4 itself propagates; its decay is what drag produces.
 */
import { SkylaneError, type SkylaneErrorCode } from '../errors/index.ts';
import type { ElementSet } from '../catalog/model.ts';
import type { Instant } from '../time/index.ts';
import type { TimeScales } from '../time/index.ts';
import { DEG_TO_RAD, WGS72, WGS84 } from '../units/index.ts';

/** Why a history cannot be used for a reentry prediction. */
export type ReentryInputReason = 'EMPTY_HISTORY' | 'MIXED_OBJECTS' | 'EPOCHS_OUT_OF_ORDER' | 'ALREADY_BELOW_INTERFACE' | 'TOO_FEW_ELEMENT_SETS' | 'NO_SPACE_WEATHER';

/** A history that cannot be used as given; `reason` says which rule it breaks, the message how to fix it. */
export class ReentryInputError extends SkylaneError {
  override readonly name: string = 'ReentryInputError';
  readonly reason: ReentryInputReason;
  constructor(reason: ReentryInputReason, code: SkylaneErrorCode, message: string, value?: unknown) {
    super(code, message, value);
    this.reason = reason;
  }
}

/** One element set reduced to what decay fitting reads (times in s from the history's reference instant). */
export interface HistoryPoint {
  readonly set: ElementSet;
  /** Seconds from the reference instant (the first set's epoch). */
  readonly tS: number;
  /** SGP4 (Brouwer) mean semi-major axis, km. */
  readonly aKm: number;
  readonly eccentricity: number;
  /** Mean perigee and apogee heights above the equatorial radius (WGS-84), km. */
  readonly perigeeHeightKm: number;
  readonly apogeeHeightKm: number;
}

const XKE_PER_MIN = 60 / Math.sqrt((WGS72.aKm * WGS72.aKm * WGS72.aKm) / WGS72.muKm3s2);
const K2 = 0.5 * WGS72.j2;

/** SGP4 mean semi-major axis (km) of an element set (un-Kozai of the TLE mean motion, WGS-72). */
export function meanSemiMajorAxisKm(set: Pick<ElementSet, 'meanMotionRevPerDay' | 'eccentricity' | 'inclinationDeg'>): number {
  const n0 = (set.meanMotionRevPerDay * 2 * Math.PI) / 1440; // rad/min
  const cosi = Math.cos(set.inclinationDeg * DEG_TO_RAD);
  const e2 = set.eccentricity * set.eccentricity;
  const a1 = Math.pow(XKE_PER_MIN / n0, 2 / 3);
  const f = (1.5 * K2 * (3 * cosi * cosi - 1)) / Math.pow(1 - e2, 1.5);
  const d1 = f / (a1 * a1);
  const a0 = a1 * (1 - d1 / 3 - d1 * d1 - (134 / 81) * d1 * d1 * d1);
  const d0 = f / (a0 * a0);
  return (a0 / (1 - d0)) * WGS72.aKm;
}

/** Kozai mean motion (rev/day) giving a mean semi-major axis (km): the inverse of `meanSemiMajorAxisKm` (Newton). */
export function kozaiMeanMotionRevPerDay(aKm: number, eccentricity: number, inclinationDeg: number): number {
  let n = Math.sqrt(WGS72.muKm3s2 / (aKm * aKm * aKm)) * (86400 / (2 * Math.PI));
  for (let k = 0; k < 20; k++) {
    const a = meanSemiMajorAxisKm({ meanMotionRevPerDay: n, eccentricity, inclinationDeg });
    const step = n * (1.5 * (a - aKm)) / aKm; // dn/n = -2/3 da/a
    n += step;
    if (Math.abs(step) < 1e-13 * n) break;
  }
  return n;
}

export interface HistoryCheckOptions {
  readonly timeScales: TimeScales;
  /** Use only sets with epoch ≤ asOf. */
  readonly asOf?: Instant;
  /** Reentry interface altitude, km (default 80). */
  readonly interfaceAltitudeKm?: number;
}

/**
 * Checks a history and reduces it to points: one catalog number only, epochs non-decreasing (duplicates of one
 * epoch keep the first), at least one set at or before `asOf`, and no set whose mean perigee is already below the
 * interface. Throws `ReentryInputError` naming the first offending set.
 */
export function historyPoints(history: readonly ElementSet[], options: HistoryCheckOptions): HistoryPoint[] {
  const ts = options.timeScales;
  if (history.length === 0) {
    throw new ReentryInputError('EMPTY_HISTORY', 'ARGUMENT_INVALID', 'The element-set history is empty: give at least three element sets of the object (TLE or OMM).', 0);
  }
  const id = history[0]!.catalogNumber;
  const other = history.find((s) => s.catalogNumber !== id);
  if (other !== undefined) {
    const ids = [...new Set(history.map((s) => s.catalogNumber))].sort((a, b) => a - b);
    throw new ReentryInputError(
      'MIXED_OBJECTS',
      'ARGUMENT_INVALID',
      `The history mixes ${ids.length} objects (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}): a reentry prediction reads the element sets of one object; select one catalog number.`,
      ids,
    );
  }
  for (let k = 1; k < history.length; k++) {
    if (history[k]!.epoch.isBefore(history[k - 1]!.epoch)) {
      const line = history[k]!.source?.line;
      throw new ReentryInputError(
        'EPOCHS_OUT_OF_ORDER',
        'ARGUMENT_INVALID',
        `Element set ${k + 1}${line !== undefined ? ` (line ${line})` : ''} has epoch ${ts.formatUtcIso(history[k]!.epoch, 3)}, before the previous set's ${ts.formatUtcIso(history[k - 1]!.epoch, 3)}: a history must be in epoch order; sort it by epoch first.`,
        k + 1,
      );
    }
  }
  const asOf = options.asOf;
  const used = asOf === undefined ? history : history.filter((s) => !s.epoch.isAfter(asOf));
  if (used.length === 0) {
    throw new ReentryInputError(
      'TOO_FEW_ELEMENT_SETS',
      'ARGUMENT_INVALID',
      `No element set has an epoch at or before the as-of time ${ts.formatUtcIso(asOf!, 3)} (the first is ${ts.formatUtcIso(history[0]!.epoch, 3)}): move --as-of later.`,
      asOf === undefined ? undefined : ts.formatUtcIso(asOf, 3),
    );
  }
  const interfaceKm = options.interfaceAltitudeKm ?? 80;
  const ref = used[0]!.epoch;
  const out: HistoryPoint[] = [];
  for (const set of used) {
    const last = out[out.length - 1];
    if (last !== undefined && last.set.epoch.equals(set.epoch)) continue;
    const aKm = meanSemiMajorAxisKm(set);
    const e = set.eccentricity;
    const hp = aKm * (1 - e) - WGS84.aKm;
    if (!(aKm > 0) || hp < interfaceKm) {
      throw new ReentryInputError(
        'ALREADY_BELOW_INTERFACE',
        'OBJECT_DECAYED',
        `Element set of ${ts.formatUtcIso(set.epoch, 3)}${set.source?.line !== undefined ? ` (line ${set.source.line})` : ''} has a mean perigee height of ${hp.toFixed(1)} km, below the ${interfaceKm} km reentry interface: the object has already reentered by then; predict from earlier element sets (--as-of) or check the input.`,
        hp,
      );
    }
    out.push({ set, tS: set.epoch.secondsSince(ref), aKm, eccentricity: e, perigeeHeightKm: hp, apogeeHeightKm: aKm * (1 + e) - WGS84.aKm });
  }
  return out;
}
