/**
 * Data shaping of the reentry map layer. Oracle: the core's `groundTrackGeoJson` (the GeoJSON the API serves) built
 * from a known track that crosses the antimeridian: the layer keeps its line strings (split at ±180°), takes the
 * window start and end from the first and last track points and the nominal point from the Point feature, and the
 * 2-D fallback places every point at x = lon + 180, y = 90 − lat.
 */
import { describe, expect, it } from 'vitest';
import { groundTrackGeoJson, type ReentryTrackPoint } from '@skylane/core';
import { flatDegrees, highlightAroundNominal, reentryTrackView, svgPoint, svgTrackPaths } from '../src/reentry/layer.ts';

/** A track from 150° E eastwards over 120° of longitude (crossing the antimeridian once), latitude a sine of it. */
function knownTrack(): ReentryTrackPoint[] {
  const out: ReentryTrackPoint[] = [];
  for (let k = 0; k <= 60; k++) {
    const lon = 150 + 2 * k;
    out.push({ tS: 60 * k, iso: `2026-09-10T${String(Math.floor(k / 60)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}:00Z`, latDeg: 40 * Math.sin((k / 60) * Math.PI), lonDeg: lon > 180 ? lon - 360 : lon });
  }
  return out;
}

describe('reentry layer (core groundTrackGeoJson as the source)', () => {
  const track = knownTrack();
  const nominal = track[30]!;
  const fc = groundTrackGeoJson(track, nominal, { catalogNumber: 99301, windowStart: '2026-09-10T00:00:00Z', windowEnd: '2026-09-10T01:00:00Z', predictedEpoch: '2026-09-10T00:30:00Z', confidence: 0.9 });

  it('keeps the antimeridian split, the window ends, the nominal point and the confidence', () => {
    const v = reentryTrackView(fc);
    expect(v.lines).toHaveLength(2);
    // Every known track point is on one of the lines (the split adds the two interpolated ±180° points).
    const drawn = v.lines.flat();
    expect(drawn).toHaveLength(track.length + 2);
    let worst = 0;
    for (const p of track) worst = Math.max(worst, Math.min(...drawn.map((d) => Math.hypot(d[0] - p.lonDeg, d[1] - p.latDeg))));
    expect(worst, `worst distance of a track point from the drawn lines ${worst}°`).toBeLessThan(1e-5);
    expect(v.start).toEqual({ lonDeg: 150, latDeg: 0, iso: '2026-09-10T00:00:00Z' });
    expect(v.end!.lonDeg).toBeCloseTo(-90, 9);
    expect(v.end!.latDeg).toBeCloseTo(0, 5);
    expect(v.end!.iso).toBe('2026-09-10T01:00:00Z');
    expect(v.nominal!.lonDeg).toBeCloseTo(nominal.lonDeg, 5);
    expect(v.nominal!.latDeg).toBeCloseTo(nominal.latDeg, 5);
    expect(v.nominal!.iso).toBe('2026-09-10T00:30:00Z');
    expect(v.confidence).toBe(0.9);
    // The line strings end and start at ±180° at the same latitude.
    const a = v.lines[0]!.at(-1)!;
    const b = v.lines[1]![0]!;
    expect(Math.abs(a[0])).toBe(180);
    expect(b[0]).toBe(-a[0]);
    expect(b[1]).toBe(a[1]);
    expect(flatDegrees(v.lines[0]!).slice(0, 2)).toEqual([150, 0]);
  });

  it('2-D fallback: paths and points in the 360 × 180 equirectangular box', () => {
    const v = reentryTrackView(fc);
    const paths = svgTrackPaths(v);
    expect(paths).toHaveLength(2);
    const nums = paths.join(' ').match(/-?\d+(\.\d+)?/g)!.map(Number);
    for (let k = 0; k < nums.length; k += 2) {
      expect(nums[k]).toBeGreaterThanOrEqual(0);
      expect(nums[k]).toBeLessThanOrEqual(360);
      expect(nums[k + 1]).toBeGreaterThanOrEqual(0);
      expect(nums[k + 1]).toBeLessThanOrEqual(180);
    }
    expect(paths[0]!.startsWith('M330.00 90.00')).toBe(true);
    expect(svgPoint({ lonDeg: -90, latDeg: 45 })).toEqual({ x: 90, y: 45 });
  });

  it('the highlighted stretch: the track points within ±10 min of the nominal reentry (1-min sampling: minutes 20 to 40)', () => {
    const v = reentryTrackView(fc);
    const h = highlightAroundNominal(v, 600);
    expect(h).toHaveLength(1);
    const expected = track.slice(20, 41).map((p) => [p.lonDeg, p.latDeg]);
    expect(h[0]!.length).toBe(expected.length);
    let worst = 0;
    h[0]!.forEach((p, k) => (worst = Math.max(worst, Math.hypot(p[0] - expected[k]![0]!, p[1] - expected[k]![1]!))));
    expect(worst, `worst highlighted-point error ${worst}°`).toBeLessThan(1e-5);
    // Around the antimeridian crossing (minute 15), the stretch is split into two line strings.
    const early = reentryTrackView(groundTrackGeoJson(track, track[15], { catalogNumber: 1, windowStart: '2026-09-10T00:00:00Z', windowEnd: '2026-09-10T01:00:00Z', predictedEpoch: '2026-09-10T00:15:00Z', confidence: 0.9 }));
    expect(highlightAroundNominal(early, 600)).toHaveLength(2);
    expect(highlightAroundNominal({ ...v, nominal: null })).toEqual([]);
  });

  it('an empty or foreign FeatureCollection draws nothing', () => {
    const v = reentryTrackView({ type: 'FeatureCollection', features: [{ geometry: { type: 'Polygon', coordinates: [] } }, { geometry: null }] });
    expect(v).toEqual({ lines: [], start: null, end: null, nominal: null, confidence: null });
  });
});
