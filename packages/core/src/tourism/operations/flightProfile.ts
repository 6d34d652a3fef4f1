/**
 * A manifest flight's profile computed from the suborbital model, and its human-tolerance result as a go/no-go
 * `profileCheck` (every violation named with time, axis, value and limit). Used by the manifest service (profile cached
 * on the flight row) and by `skylane tourism go-no-go` (`profileVehicle`). See docs/design/space-tourism-operations.md.
 */
import type { Instant, TimeScales } from '../../time/index.ts';
import type { NetworkSite } from '../../launch/sites/index.ts';
import { planSuborbitalFlight, suborbitalPlanJson, type SuborbitalPlan } from '../suborbitalPlan.ts';
import type { SuborbitalVehicle } from '../suborbitalVehicles.ts';
import { checkTolerance, NASA_STD_3001_SUSTAINED, type ToleranceViolation } from '../tolerance.ts';

/** Landing-dispersion samples of a manifest flight's cached profile (a modest ellipse, about a second of CPU). */
export const MANIFEST_PROFILE_SAMPLES = 60;
/** Spacing of the cached profile series (s). */
export const MANIFEST_PROFILE_STEP_S = 5;

/** The go/no-go `profileCheck` input of a tolerance check: passed when there is no violation. */
export interface ProfileCheckResult {
  readonly passed: boolean;
  readonly violations: string[];
}

const f1 = (x: number): string => x.toFixed(1);

/** One violation in words: axis, value, limit, the duration it allows, and when (s from liftoff). */
export function describeViolation(v: ToleranceViolation): string {
  return `${v.axis} ${v.peakG.toFixed(2)} g > limit ${v.limitG} g for more than ${v.allowedDurationS} s at T+${f1(v.tS)} s (above the limit from T+${f1(v.startS)} s for ${f1(v.durationS)} s)`;
}

export function profileCheckFromViolations(violations: readonly ToleranceViolation[]): ProfileCheckResult {
  return { passed: violations.length === 0, violations: violations.map(describeViolation) };
}

/** The tolerance check of the nominal flight only (no dispersion, no aborts): what go/no-go needs, in milliseconds. */
export function suborbitalProfileCheck(vehicle: SuborbitalVehicle, site: NetworkSite, launch: Instant): ProfileCheckResult {
  const plan = planSuborbitalFlight({ vehicle, site, launch, samples: 0, abortStepS: 0 });
  return profileCheckFromViolations(checkTolerance(plan.nominal.series, NASA_STD_3001_SUSTAINED));
}

/** Plans the profile cached on a manifest flight: the nominal flight and a modest landing dispersion, no aborts. */
export function planManifestProfile(vehicle: SuborbitalVehicle, site: NetworkSite, launch: Instant, samples = MANIFEST_PROFILE_SAMPLES): SuborbitalPlan {
  return planSuborbitalFlight({ vehicle, site, launch, samples, abortStepS: 0 });
}

/**
 * The cached profile as JSON: the `suborbitalPlanJson` key numbers (apogeeKm, timeAboveKarmanS, microgravityS,
 * maxAscentG, maxReentryG, landing with its 3σ ellipse, events, violations) plus `peakG`, `profileCheck`,
 * `source: "computed"`, and `series` downsampled to `[{tS, altKm, g}]` every `stepS` (g: magnitude of the sensed
 * acceleration, g₀). Aborts, hazard areas and the booster are left out.
 */
export function manifestProfileJson(plan: SuborbitalPlan, ts: TimeScales, stepS = MANIFEST_PROFILE_STEP_S): Record<string, unknown> {
  const full = suborbitalPlanJson(plan, ts, stepS);
  const series = (full['series'] as { tS: number; altKm: number; gx: number; gy: number; gz: number }[]).map((p) => ({ tS: p.tS, altKm: p.altKm, g: Math.round(Math.hypot(p.gx, p.gy, p.gz) * 1000) / 1000 }));
  const n = plan.nominal;
  const keep = ['vehicle', 'site', 'launch', 'apogeeKm', 'apogeeS', 'timeAboveKarmanS', 'microgravityS', 'microgravityThresholdG', 'maxAscentG', 'maxReentryG', 'maxParachuteG', 'flightDurationS', 'landing', 'samples', 'seed', 'envelope', 'violations', 'events'];
  const out: Record<string, unknown> = { source: 'computed' };
  for (const k of keep) out[k] = full[k];
  out['peakG'] = Math.round(Math.max(n.maxAscentG, n.maxReentryG, n.maxParachuteG) * 1000) / 1000;
  out['profileCheck'] = profileCheckFromViolations(plan.violations);
  out['series'] = series;
  return out;
}
