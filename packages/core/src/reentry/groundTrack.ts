/**
 * Ground track of a reentry window as GeoJSON (RFC 7946): a MultiLineString of [lon, lat] degrees, split where the
 * track crosses the antimeridian (§3.1.9; the crossing latitude is interpolated on both sides at ±180°), and a Point
 * at the nominal reentry.
 */
export interface ReentryTrackPoint {
  readonly tS: number;
  readonly iso: string;
  readonly latDeg: number;
  readonly lonDeg: number;
}

export interface GroundTrackFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly {
    readonly type: 'Feature';
    readonly geometry: { readonly type: 'MultiLineString'; readonly coordinates: number[][][] } | { readonly type: 'Point'; readonly coordinates: number[] };
    readonly properties: Record<string, unknown>;
  }[];
}

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Splits a track into antimeridian-safe line strings. */
export function splitAtAntimeridian(points: readonly { latDeg: number; lonDeg: number }[]): number[][][] {
  const lines: number[][][] = [];
  let cur: number[][] = [];
  for (let k = 0; k < points.length; k++) {
    const p = points[k]!;
    if (k > 0) {
      const q = points[k - 1]!;
      const d = p.lonDeg - q.lonDeg;
      if (Math.abs(d) > 180) {
        // Crossing: unwrap p next to q, interpolate the latitude at ±180°.
        const edge = q.lonDeg > 0 ? 180 : -180;
        const pl = p.lonDeg + (q.lonDeg > 0 ? 360 : -360);
        const f = (edge - q.lonDeg) / (pl - q.lonDeg);
        const lat = q.latDeg + f * (p.latDeg - q.latDeg);
        cur.push([edge, r6(lat)]);
        if (cur.length >= 2) lines.push(cur);
        cur = [[-edge, r6(lat)]];
      }
    }
    cur.push([r6(p.lonDeg), r6(p.latDeg)]);
  }
  if (cur.length >= 2) lines.push(cur);
  return lines;
}

/** The window's track and the nominal reentry point as a FeatureCollection. */
export function groundTrackGeoJson(
  window: readonly ReentryTrackPoint[],
  nominal: ReentryTrackPoint | undefined,
  props: { catalogNumber: number; windowStart: string | null; windowEnd: string | null; predictedEpoch: string | null; confidence: number },
): GroundTrackFeatureCollection {
  const features: GroundTrackFeatureCollection['features'][number][] = [];
  const lines = splitAtAntimeridian(window);
  if (lines.length > 0) {
    features.push({
      type: 'Feature',
      geometry: { type: 'MultiLineString', coordinates: lines },
      properties: { kind: 'reentry-window-track', catalogNumber: props.catalogNumber, windowStart: props.windowStart, windowEnd: props.windowEnd, confidence: props.confidence },
    });
  }
  if (nominal !== undefined) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r6(nominal.lonDeg), r6(nominal.latDeg)] },
      properties: { kind: 'nominal-reentry', catalogNumber: props.catalogNumber, epoch: props.predictedEpoch },
    });
  }
  return { type: 'FeatureCollection', features };
}
