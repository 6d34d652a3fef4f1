/**
 * Alert policy of a conjunction event: the recommended action (none / monitor / plan-maneuver / maneuver-now) from
 * Pc, time to TCA and data quality, and which level or action changes are pushed (webhook, SSE, badge) rather than
 * only shown on the board. Pure functions; the thresholds and their reasons are in
 * docs/design/alert-policy-and-coordination.md.
 */

/** What an operator should do about an event, in increasing order of urgency. */
export type RecommendedAction = 'none' | 'monitor' | 'plan-maneuver' | 'maneuver-now';

export const RECOMMENDED_ACTIONS: readonly RecommendedAction[] = ['none', 'monitor', 'plan-maneuver', 'maneuver-now'];

/** Rank of an action (none 0 … maneuver-now 3). */
export function actionRank(a: RecommendedAction): number {
  return RECOMMENDED_ACTIONS.indexOf(a);
}

/** Where the covariance behind a Pc came from: a CDM or an OEM carries a measured one; 'default' is assumed. */
export type CovarianceSource = 'cdm' | 'oem' | 'default';

/** The alert thresholds of a tenant (red: Pc ≥ redPc; yellow: Pc ≥ yellowPc or miss < yellowMissKm). */
export interface ActionThresholds {
  readonly redPc: number;
  readonly yellowPc: number;
  readonly yellowMissKm: number;
}

/** Time limits of the recommended action (s) and the element age above which data are stale (days). */
export interface ActionTimings {
  /** Inside this time to TCA a red event calls for a maneuver now (the last useful execution window). Default 1 day. */
  readonly maneuverNowS: number;
  /**
   * A red Pc computed on degraded data (assumed covariance or stale elements) farther than this from TCA asks for
   * better data first (monitor); inside it, planning starts anyway. Default 3 days.
   */
  readonly planOnDegradedDataS: number;
  /** Element sets older than this at TCA make the data degraded. Default 3 days. */
  readonly staleElementAgeDays: number;
}

export const DEFAULT_ACTION_TIMINGS: ActionTimings = { maneuverNowS: 86_400, planOnDegradedDataS: 3 * 86_400, staleElementAgeDays: 3 };

/** What the recommended action is computed from. */
export interface ActionInput {
  /** Probability of collision of the latest update. */
  readonly pc: number;
  readonly missDistanceKm: number;
  /** TCA minus now (s); ≤ 0 once the encounter has passed. */
  readonly timeToTcaS: number;
  readonly covarianceSource: CovarianceSource;
  /** Age of the older of the two objects' element sets at TCA (days); undefined when unknown (not degraded by age). */
  readonly elementAgeDays?: number | undefined;
}

export interface ActionResult {
  readonly action: RecommendedAction;
  /** 'good' (measured covariance, fresh elements) or 'degraded'. */
  readonly dataQuality: 'good' | 'degraded';
  /** One sentence per rule that decided the action. */
  readonly reasons: readonly string[];
}

/**
 * The recommended action of an event:
 * - TCA passed → none;
 * - Pc ≥ red: within `maneuverNowS` of TCA → maneuver-now; otherwise plan-maneuver, except on degraded data farther
 *   than `planOnDegradedDataS` from TCA → monitor (refine the orbit data first: the Pc rests on an assumed covariance
 *   or old elements and typically moves by orders of magnitude as TCA nears);
 * - yellow (Pc ≥ yellowPc or miss < yellowMissKm) → monitor;
 * - otherwise none.
 */
export function recommendedAction(input: ActionInput, thresholds: ActionThresholds, timings: ActionTimings = DEFAULT_ACTION_TIMINGS): ActionResult {
  const reasons: string[] = [];
  const staleAge = input.elementAgeDays !== undefined && input.elementAgeDays > timings.staleElementAgeDays;
  const assumed = input.covarianceSource === 'default';
  const dataQuality = staleAge || assumed ? 'degraded' : 'good';
  if (assumed) reasons.push('the covariance is assumed (default), not measured');
  if (staleAge) reasons.push(`element set ${input.elementAgeDays!.toFixed(1)} days old at TCA (> ${timings.staleElementAgeDays} days)`);
  if (!(input.timeToTcaS > 0)) return { action: 'none', dataQuality, reasons: [...reasons, 'the TCA has passed'] };
  const hours = (input.timeToTcaS / 3600).toFixed(1);
  if (input.pc >= thresholds.redPc) {
    if (input.timeToTcaS <= timings.maneuverNowS) return { action: 'maneuver-now', dataQuality, reasons: [...reasons, `Pc ${input.pc.toExponential(2)} ≥ red ${thresholds.redPc} with ${hours} h to TCA (≤ ${timings.maneuverNowS / 3600} h)`] };
    if (dataQuality === 'degraded' && input.timeToTcaS > timings.planOnDegradedDataS) {
      return { action: 'monitor', dataQuality, reasons: [...reasons, `Pc ${input.pc.toExponential(2)} ≥ red on degraded data ${hours} h before TCA: refine the orbit data (tracking, owner ephemeris, CDM) before planning`] };
    }
    return { action: 'plan-maneuver', dataQuality, reasons: [...reasons, `Pc ${input.pc.toExponential(2)} ≥ red ${thresholds.redPc} with ${hours} h to TCA`] };
  }
  if (input.pc >= thresholds.yellowPc || input.missDistanceKm < thresholds.yellowMissKm) {
    return { action: 'monitor', dataQuality, reasons: [...reasons, input.pc >= thresholds.yellowPc ? `Pc ${input.pc.toExponential(2)} ≥ yellow ${thresholds.yellowPc}` : `miss ${input.missDistanceKm.toFixed(3)} km < ${thresholds.yellowMissKm} km`] };
  }
  return { action: 'none', dataQuality, reasons: [...reasons, 'below the yellow thresholds'] };
}

/** A tenant's choice of which changes are pushed (webhook, SSE, badge); every change stays on the board. */
export interface AlertPushPolicy {
  /** Push every change into red (and any new red event). Default true. */
  readonly red: boolean;
  /** Push escalations: a red event whose Pc rises by a decade or more (its Pc band). Default true. */
  readonly escalations: boolean;
  /** Push changes of the recommended action to or from plan-maneuver / maneuver-now. Default true. */
  readonly actionChanges: boolean;
  /** Push yellow alerts too (green → yellow). Default false. */
  readonly yellow: boolean;
  /** Push de-escalations (level drops). Default false. */
  readonly deEscalations: boolean;
}

export const DEFAULT_PUSH_POLICY: AlertPushPolicy = { red: true, escalations: true, actionChanges: true, yellow: false, deEscalations: false };

/** The Pc band of a probability: floor(log10 Pc) (−∞ for 0). */
export function pcBand(pc: number): number {
  return pc > 0 ? Math.floor(Math.log10(pc) + 1e-12) : -Infinity;
}

export type AlertPolicyLevel = 'green' | 'yellow' | 'red';
const LEVEL_ORDER: Readonly<Record<AlertPolicyLevel, number>> = { green: 0, yellow: 1, red: 2 };

/** An event's state before (undefined: a new event) and after one update. */
export interface AlertTransition {
  readonly previous: { readonly level: AlertPolicyLevel; readonly pc: number; readonly action: RecommendedAction } | undefined;
  readonly next: { readonly level: AlertPolicyLevel; readonly pc: number; readonly action: RecommendedAction };
}

/**
 * Why a transition raises an alert record, and whether that record is pushed. `record` is false when nothing
 * worth recording changed (same level, same Pc band, same action). Reasons: 'level' (the level changed),
 * 'pc-band' (a red event's Pc rose a decade), 'action' (the recommended action changed).
 */
export function classifyTransition(t: AlertTransition, policy: AlertPushPolicy = DEFAULT_PUSH_POLICY): { record: boolean; push: boolean; reasons: ('level' | 'pc-band' | 'action')[] } {
  const prevLevel: AlertPolicyLevel = t.previous?.level ?? 'green';
  const prevAction: RecommendedAction = t.previous?.action ?? 'none';
  const reasons: ('level' | 'pc-band' | 'action')[] = [];
  const levelChanged = t.next.level !== prevLevel;
  if (levelChanged) reasons.push('level');
  const bandRise = t.previous !== undefined && t.next.level === 'red' && prevLevel === 'red' && pcBand(t.next.pc) > pcBand(t.previous.pc);
  if (bandRise) reasons.push('pc-band');
  const actionChanged = t.next.action !== prevAction;
  const actionMatters = actionChanged && Math.max(actionRank(t.next.action), actionRank(prevAction)) >= actionRank('plan-maneuver');
  if (actionMatters) reasons.push('action');
  let push = false;
  if (levelChanged) {
    const up = LEVEL_ORDER[t.next.level] > LEVEL_ORDER[prevLevel];
    if (up && t.next.level === 'red' && policy.red) push = true;
    if (up && t.next.level === 'yellow' && policy.yellow) push = true;
    if (!up && policy.deEscalations) push = true;
  }
  if (bandRise && policy.escalations) push = true;
  if (actionMatters && policy.actionChanges) push = true;
  return { record: reasons.length > 0, push, reasons };
}
