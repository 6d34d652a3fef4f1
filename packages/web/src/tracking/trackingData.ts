/**
 * Data shaping of the Tracking panel (pure, unit-tested): stored observations counted per station and TDM keyword,
 * and an OD job's residuals (GET /api/v1/od/jobs/{id}: [time UTC, station, type, residual, sigma, edited] in m, m/s or
 * deg) grouped into one scatter chart per unit with one series per station and type (edited points kept apart).
 */

/** One stored observation as listed by GET /api/v1/observations. */
export interface ObservationView {
  readonly id: number;
  readonly uploadId: number;
  readonly station: string;
  readonly object: string | null;
  readonly catalogNumber: number | null;
  readonly type: string;
  readonly epoch: string;
  readonly value: number;
  readonly correlation: 'catalog' | 'ambiguous' | 'uct';
}

export interface UctView {
  readonly uploadId: number;
  readonly segment: number;
  readonly station: string;
  readonly object: string | null;
  readonly count: number;
  readonly first: string;
  readonly last: string;
}

/** A provisional object (GET /api/v1/provisional-objects): linked UCTs with an analyst number. */
export interface ProvisionalObjectView {
  readonly id: number;
  readonly analystNumber: number;
  readonly epoch: string;
  readonly positionKm: readonly number[];
  readonly trackIds: readonly string[];
  readonly method: string;
}

export type ResidualRow = readonly [string, string, string, number, number, boolean];

export interface OdJobView {
  readonly id: number;
  readonly catalogNumber: number;
  readonly status: string;
  readonly progress: { readonly iterations: number; readonly weightedRms: number | null };
  readonly result: { readonly converged: boolean; readonly epoch: string; readonly positionKm: readonly number[]; readonly weightedRms: number; readonly residuals: { readonly count: number; readonly edited: number } } | null;
  readonly error: string | null;
  readonly residuals?: readonly ResidualRow[];
}

export interface StationCount {
  readonly station: string;
  readonly total: number;
  /** Count per TDM keyword (RANGE, ANGLE_1 ...). */
  readonly byType: Readonly<Record<string, number>>;
  readonly uct: number;
}

/** Observations counted per station (sorted by name), per keyword and how many are uncorrelated. */
export function countByStation(observations: readonly ObservationView[]): StationCount[] {
  const m = new Map<string, { total: number; byType: Record<string, number>; uct: number }>();
  for (const o of observations) {
    const c = m.get(o.station) ?? { total: 0, byType: {}, uct: 0 };
    c.total++;
    c.byType[o.type] = (c.byType[o.type] ?? 0) + 1;
    if (o.correlation === 'uct') c.uct++;
    m.set(o.station, c);
  }
  return [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([station, c]) => ({ station, ...c }));
}

/** Unit in which the service stores a residual of `type`. */
export function residualUnit(type: string): 'm' | 'm/s' | 'deg' {
  return type === 'range' ? 'm' : type === 'rangeRate' ? 'm/s' : 'deg';
}

export interface ResidualSeries {
  /** `station type` (e.g. `RADAR-A range`), `(edited)` appended for edited points. */
  readonly name: string;
  readonly station: string;
  readonly type: string;
  readonly edited: boolean;
  /** [time (ms since 1970, UTC), residual] points in time order. */
  readonly points: (readonly [number, number])[];
}

export interface ResidualChartData {
  readonly unit: 'm' | 'm/s' | 'deg';
  readonly series: readonly ResidualSeries[];
}

/** Residuals grouped by unit (m, m/s, deg: one chart each), then one series per station, type and edited flag. */
export function residualCharts(rows: readonly ResidualRow[]): ResidualChartData[] {
  const byUnit = new Map<'m' | 'm/s' | 'deg', Map<string, ResidualSeries>>();
  for (const [time, station, type, residual, , edited] of rows) {
    const unit = residualUnit(type);
    const series = byUnit.get(unit) ?? new Map<string, ResidualSeries>();
    byUnit.set(unit, series);
    const name = `${station} ${type}${edited ? ' (edited)' : ''}`;
    const s = series.get(name) ?? { name, station, type, edited, points: [] };
    series.set(name, s);
    s.points.push([Date.parse(time), residual]);
  }
  const order = ['m', 'm/s', 'deg'] as const;
  return order
    .filter((u) => byUnit.has(u))
    .map((unit) => ({
      unit,
      series: [...byUnit.get(unit)!.values()].sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ ...s, points: [...s.points].sort((a, b) => a[0] - b[0]) })),
    }));
}
