/**
 * Physical sanity of input data: the one rule set that the readers (GP element sets, CDMs, OEM) apply at the door,
 * so that the server and the CLI reject the same impossible records with the same field and reason. Each check
 * returns a `SanityViolation` (field, code, reason, value) or undefined; the readers turn a violation into the
 * record's ParseError, i.e. an ordinary per-record failure.
 *
 * Limits (issue 11 item 7), each chosen well outside any real object so that no real record is refused:
 * - GP epochs between 1957-01-01 and 2100-12-31 UTC (Sputnik 1 flew in October 1957; TLE two-digit years span
 *   1957–2056).
 * - Mean motion at most 17 rev/day: that is a semi-major axis of 6,391 km (√[3]{μ/n²}, μ = 398,600.4418 km³/s²),
 *   about 13 km above the equatorial radius; anything faster is below the ground. Real decaying objects stay under
 *   16.5 rev/day.
 * - |B*| at most 10 /earth radii. Physically even 1 /ER is impossible (B* = ρ₀·B/2 with ρ₀ = 2.461e-5 kg/m²/ER makes
 *   it a ballistic coefficient Cd·A/m of 81,000 m²/kg), but published fits do go beyond it: CelesTrak's 2026-03-10
 *   catalog holds 66916 (HULIANWANG DIGUI-106) with B* = −1.4618. Refusing a tracked object's elements would hide it
 *   from every screening, so the limit sits an order of magnitude above the worst real set and still catches
 *   exponent errors and junk (1e3, 1e30). The next largest real |B*| in that catalog is 0.21.
 * - CDM miss distance not negative; hard-body radius (CARA comment or CDM 2.0 HBR keyword) at most 1 km.
 * - OEM positions not inside the Earth: |r| at least the WGS-84 polar radius, 6,356.752 km (a state below it is
 *   under the surface at any latitude).
 * - Screening windows within 10 years of the elements' epochs (SGP4 elements are useful for days to weeks).
 */
import type { SkylaneErrorCode } from '../errors/index.ts';
import type { Instant, TimeScales } from '../time/index.ts';

/** The physical limits applied at input (see the module header for their reasons). */
export const PHYSICAL_LIMITS = {
  epochMinYear: 1957,
  epochMaxYear: 2100,
  maxMeanMotionRevPerDay: 17,
  maxAbsBstarPerEarthRadii: 10,
  maxHbrM: 1000,
  minGeocentricRadiusKm: 6356.752,
  maxWindowYearsFromEpoch: 10,
} as const;

/** One broken physical rule: the field (OMM/CDM/OEM keyword), a stable code, a sentence and the offending value. */
export interface SanityViolation {
  readonly field: string;
  readonly code: SkylaneErrorCode;
  readonly reason: string;
  readonly value: number | string;
}

/** MJD (UTC) of 1957-01-01 and of 2101-01-01 (the first day after the allowed range). */
const MJD_1957 = 35_839;
const MJD_2101 = 88_434;

/** Whether an epoch (UTC) lies in [1957-01-01, 2101-01-01). */
export function epochInRange(epoch: Instant, ts: TimeScales): boolean {
  return !epoch.isBefore(ts.fromUtcDaySeconds(MJD_1957, 0)) && epoch.isBefore(ts.fromUtcDaySeconds(MJD_2101, 0));
}

/** GP element-set rules: epoch 1957–2100, mean motion ≤ 17 rev/day, |B*| ≤ 10 /ER (the header says why not 1). */
export function elementSetViolation(
  set: { readonly epoch: Instant; readonly meanMotionRevPerDay: number; readonly bstarPerEarthRadii: number },
  ts: TimeScales,
): SanityViolation | undefined {
  const L = PHYSICAL_LIMITS;
  if (!epochInRange(set.epoch, ts)) {
    const text = ts.formatUtcIso(set.epoch, 3);
    return { field: 'EPOCH', code: 'TIME_OUT_OF_RANGE', reason: `EPOCH ${text} is outside ${L.epochMinYear}–${L.epochMaxYear}: no artificial satellite had elements then; check the epoch's year.`, value: text };
  }
  if (!(set.meanMotionRevPerDay <= L.maxMeanMotionRevPerDay)) {
    return {
      field: 'MEAN_MOTION',
      code: 'ELEMENTS_INVALID',
      reason: `MEAN_MOTION ${set.meanMotionRevPerDay} rev/day is above ${L.maxMeanMotionRevPerDay} rev/day: such an orbit would lie below the Earth's surface (17 rev/day is a semi-major axis of 6,391 km).`,
      value: set.meanMotionRevPerDay,
    };
  }
  if (!(Math.abs(set.bstarPerEarthRadii) <= L.maxAbsBstarPerEarthRadii)) {
    return {
      field: 'BSTAR',
      code: 'ELEMENTS_INVALID',
      reason: `BSTAR ${set.bstarPerEarthRadii} /earth radii is beyond ±${L.maxAbsBstarPerEarthRadii}: real drag terms stay below about 0.2 (the worst published fit is near 1.5); the fit or the exponent is wrong.`,
      value: set.bstarPerEarthRadii,
    };
  }
  return undefined;
}

/** CDM miss distance (km): not negative, finite. */
export function missDistanceViolation(missDistanceKm: number): SanityViolation | undefined {
  if (!(missDistanceKm >= 0) || !Number.isFinite(missDistanceKm)) {
    return { field: 'MISS_DISTANCE', code: 'FIELD_INVALID', reason: `MISS_DISTANCE ${missDistanceKm * 1000} m is negative or not finite: a distance is at least 0.`, value: missDistanceKm * 1000 };
  }
  return undefined;
}

/** Hard-body radius (m): finite, not negative, at most 1 km. */
export function hbrViolation(hbrM: number, field = 'HBR'): SanityViolation | undefined {
  if (!Number.isFinite(hbrM) || hbrM < 0 || hbrM > PHYSICAL_LIMITS.maxHbrM) {
    return {
      field,
      code: 'FIELD_INVALID',
      reason: `${field} ${hbrM} m is outside 0–${PHYSICAL_LIMITS.maxHbrM} m: the hard-body radius of a satellite pair is metres to tens of metres (the ISS is about 100 m).`,
      value: hbrM,
    };
  }
  return undefined;
}

/** A geocentric position (km, any Earth-centred frame): not inside the Earth, finite. */
export function geocentricPositionViolation(positionKm: readonly [number, number, number] | readonly number[]): SanityViolation | undefined {
  const r = Math.hypot(positionKm[0] ?? Number.NaN, positionKm[1] ?? Number.NaN, positionKm[2] ?? Number.NaN);
  if (!(r >= PHYSICAL_LIMITS.minGeocentricRadiusKm)) {
    return {
      field: 'X',
      code: 'FIELD_INVALID',
      reason: `the position is ${r.toFixed(3)} km from the Earth's centre, inside the Earth (polar radius ${PHYSICAL_LIMITS.minGeocentricRadiusKm} km): check the units (km) and CENTER_NAME.`,
      value: r,
    };
  }
  return undefined;
}

/**
 * A screening window against the epochs of the elements it would propagate: its start must be within 10 years of
 * the newest epoch (elements decades from the window are useless and their propagation meaningless) and the window
 * must lie in 1957–2100.
 */
export function screeningWindowViolation(windowStart: Instant, windowEnd: Instant, newestEpoch: Instant | undefined, ts: TimeScales): SanityViolation | undefined {
  const L = PHYSICAL_LIMITS;
  if (!epochInRange(windowStart, ts) || !epochInRange(windowEnd, ts)) {
    return { field: 'start', code: 'TIME_OUT_OF_RANGE', reason: `the window ${ts.formatUtcIso(windowStart, 0)} … ${ts.formatUtcIso(windowEnd, 0)} is outside ${L.epochMinYear}–${L.epochMaxYear}.`, value: ts.formatUtcIso(windowStart, 0) };
  }
  if (newestEpoch === undefined) return undefined;
  const gapDays = Math.abs(windowStart.secondsSince(newestEpoch)) / 86_400;
  if (gapDays > L.maxWindowYearsFromEpoch * 365.25) {
    return {
      field: 'start',
      code: 'ARGUMENT_INVALID',
      reason: `the window starts ${(gapDays / 365.25).toFixed(1)} years from the newest element-set epoch (${ts.formatUtcIso(newestEpoch, 0)}): screen within ${L.maxWindowYearsFromEpoch} years of the elements (SGP4 elements are good for days to weeks), or upload current elements.`,
      value: ts.formatUtcIso(windowStart, 0),
    };
  }
  return undefined;
}
