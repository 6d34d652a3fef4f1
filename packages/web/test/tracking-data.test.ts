/**
 * Tracking panel data shaping: residual rows as GET /api/v1/od/jobs/{id} returns them ([time UTC, station, type,
 * residual, sigma, edited], m / m/s / deg) become one chart per unit with one time-ordered series per station, type and
 * edited flag; observations are counted per station and keyword. Expected values are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { countByStation, residualCharts, type ObservationView, type ResidualRow } from '../src/tracking/trackingData.ts';

describe('tracking panel data shaping', () => {
  it('groups residuals per unit, station, type and edited flag, in time order', () => {
    const rows: ResidualRow[] = [
      ['2026-03-10T00:02:00.000Z', 'RADAR-B', 'range', 4.5, 10, false],
      ['2026-03-10T00:01:00.000Z', 'RADAR-B', 'range', -3, 10, false],
      ['2026-03-10T00:01:00.000Z', 'RADAR-A', 'azimuth', 0.004, 0.01, false],
      ['2026-03-10T00:01:00.000Z', 'RADAR-A', 'elevation', -0.002, 0.01, false],
      ['2026-03-10T00:03:00.000Z', 'RADAR-B', 'range', 80, 10, true],
      ['2026-03-10T00:04:00.000Z', 'RADAR-C', 'rangeRate', 0.1, 0.01, false],
    ];
    const charts = residualCharts(rows);
    expect(charts.map((c) => c.unit)).toEqual(['m', 'm/s', 'deg']);
    const m = charts[0]!;
    expect(m.series.map((s) => s.name)).toEqual(['RADAR-B range', 'RADAR-B range (edited)']);
    expect(m.series[0]!.points).toEqual([
      [Date.UTC(2026, 2, 10, 0, 1), -3],
      [Date.UTC(2026, 2, 10, 0, 2), 4.5],
    ]);
    expect(m.series[1]!.edited).toBe(true);
    expect(m.series[1]!.points).toEqual([[Date.UTC(2026, 2, 10, 0, 3), 80]]);
    expect(charts[1]!.series.map((s) => s.name)).toEqual(['RADAR-C rangeRate']);
    expect(charts[2]!.series.map((s) => s.name)).toEqual(['RADAR-A azimuth', 'RADAR-A elevation']);
    expect(residualCharts([])).toEqual([]);
  });

  it('counts observations per station and keyword, with the UCTs', () => {
    const o = (id: number, station: string, type: string, correlation: 'catalog' | 'uct'): ObservationView => ({ id, uploadId: 1, station, object: '99002', catalogNumber: 99002, type, epoch: '2026-03-10T00:00:00.000000Z', value: 1, correlation });
    expect(countByStation([o(1, 'B', 'RANGE', 'uct'), o(2, 'A', 'RANGE', 'catalog'), o(3, 'A', 'ANGLE_1', 'catalog'), o(4, 'A', 'RANGE', 'uct')])).toEqual([
      { station: 'A', total: 3, byType: { RANGE: 2, ANGLE_1: 1 }, uct: 1 },
      { station: 'B', total: 1, byType: { RANGE: 1 }, uct: 1 },
    ]);
  });
});
