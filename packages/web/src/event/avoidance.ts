/**
 * Rendering helpers of the avoidance view (pure, unit-tested): the recommended action's label and style, the
 * trade space (execution time × Δv, Pc per cell) as echarts heatmap data on log10 Pc with the target contour (per
 * execution time, the Δv where Pc crosses the target, interpolated on log10 Pc between grid values), and the plan's
 * summary rows.
 */

export type RecommendedAction = 'none' | 'monitor' | 'plan-maneuver' | 'maneuver-now';

const ACTION_LABELS: Readonly<Record<RecommendedAction, string>> = { none: 'No action', monitor: 'Monitor', 'plan-maneuver': 'Plan maneuver', 'maneuver-now': 'Maneuver now' };

/** Label of a recommended action (unknown values, e.g. from an older server, show as given). */
export function actionLabel(a: string | null | undefined): string {
  if (a === null || a === undefined) return '—';
  return (ACTION_LABELS as Record<string, string>)[a] ?? a;
}

/** CSS class of a recommended action badge. */
export function actionClass(a: string | null | undefined): string {
  return `action action-${a ?? 'none'}`;
}

/** The trade space as the avoidance-plan route returns it (the fields the view reads). */
export interface TradeSpaceView {
  readonly epochs: readonly string[];
  readonly leadTimesS?: readonly number[];
  readonly dvMps: readonly number[];
  /** pc[i][j]: execution time i, Δv j. */
  readonly pc: readonly (readonly number[])[];
  readonly targetPc?: number | null;
}

/** The plan as the avoidance-plan route returns it (the fields the view reads). */
export interface AvoidancePlanView {
  readonly maneuver: { readonly epoch: string; readonly dvRtnMps: readonly [number, number, number]; readonly dvMps: number };
  readonly prePc: number;
  readonly postPc: number;
  readonly postMissKm: number;
  readonly leadTimeS: number;
  readonly propellantKg: number | null;
  readonly tradeSpace?: TradeSpaceView;
  readonly rescreening?: { readonly performed?: boolean; readonly reason?: string; readonly rejected?: boolean; readonly newAlerts?: number };
  readonly warnings?: readonly string[];
}

/** log10 of a Pc for the colour scale; Pc ≤ 0 (or not finite) is clamped to `floor`. */
export function logPc(pc: number, floor = -20): number {
  return pc > 0 && Number.isFinite(pc) ? Math.max(floor, Math.log10(pc)) : floor;
}

export interface HeatmapData {
  /** Category labels of the x axis (execution times, UTC) and y axis (Δv, m/s). */
  readonly xLabels: string[];
  readonly yLabels: string[];
  /** [x index, y index, log10 Pc]. */
  readonly cells: [number, number, number][];
  /** Colour-scale range (log10 Pc). */
  readonly min: number;
  readonly max: number;
}

const shortUtc = (iso: string): string => iso.replace(/^\d{4}-/, '').replace(/:\d{2}(\.\d+)?Z$/, 'Z').replace('T', ' ');

/** The heatmap of a trade space: one cell per (execution time, Δv), valued log10 Pc. */
export function tradeSpaceHeatmap(t: TradeSpaceView): HeatmapData {
  const cells: [number, number, number][] = [];
  let min = Infinity;
  let max = -Infinity;
  t.epochs.forEach((_, i) => {
    const row = t.pc[i] ?? [];
    t.dvMps.forEach((_, j) => {
      const v = logPc(row[j] ?? 0);
      cells.push([i, j, v]);
      min = Math.min(min, v);
      max = Math.max(max, v);
    });
  });
  if (!Number.isFinite(min)) [min, max] = [-20, 0];
  return { xLabels: t.epochs.map(shortUtc), yLabels: t.dvMps.map((d) => (d < 0.1 ? d.toPrecision(2) : d.toFixed(2))), cells, min, max };
}

/**
 * The target contour: for each execution time i, the (fractional) Δv index where Pc first falls to the target,
 * interpolated linearly in log10 Pc between the two grid Δv values around the crossing; null where the row never
 * reaches it (or starts below it: index 0).
 */
export function targetContour(t: TradeSpaceView, targetPc: number): (number | null)[] {
  const target = Math.log10(targetPc);
  return t.epochs.map((_, i) => {
    const row = (t.pc[i] ?? []).map((p) => logPc(p));
    if (row.length === 0) return null;
    if (row[0]! <= target) return 0;
    for (let j = 1; j < row.length; j++) {
      const a = row[j - 1]!;
      const b = row[j]!;
      if (b <= target) return j - 1 + (a - target) / (a - b);
    }
    return null;
  });
}

/** Summary rows of a plan: label and value (units in the label). */
export function planSummaryRows(p: AvoidancePlanView): [string, string][] {
  const pc = (x: number) => (x > 0 ? x.toExponential(2) : '0');
  const [r, t, n] = p.maneuver.dvRtnMps;
  return [
    ['Execution (UTC)', p.maneuver.epoch],
    ['Lead time before TCA', `${(p.leadTimeS / 3600).toFixed(1)} h`],
    ['Δv', `${p.maneuver.dvMps.toFixed(3)} m/s`],
    ['Δv RTN (m/s)', `R ${r.toFixed(3)} · T ${t.toFixed(3)} · N ${n.toFixed(3)}`],
    ['Pc before → after', `${pc(p.prePc)} → ${pc(p.postPc)}`],
    ['Miss after', `${p.postMissKm.toFixed(3)} km`],
    ['Propellant', p.propellantKg === null ? '— (give mass and Isp)' : `${p.propellantKg.toFixed(3)} kg`],
  ];
}
