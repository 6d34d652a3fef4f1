/**
 * Data shaping of the reentry map layer (pure, no Cesium): the ground-track GeoJSON of a reentry prediction
 * (GET /api/v1/reentries/{id}/ground-track: a MultiLineString over the window, split at the antimeridian, and a Point
 * at the nominal reentry) turned into drawable line strings, the window start and end places, the nominal point, the
 * highlighted stretch around the nominal reentry, and the same shapes as SVG paths for the 2-D fallback map
 * (equirectangular, x = lon + 180, y = 90 − lat).
 */

export interface GroundTrackGeoJson {
  readonly type: string;
  readonly features: readonly {
    readonly geometry?: { readonly type?: string; readonly coordinates?: unknown } | null;
    readonly properties?: Record<string, unknown> | null;
  }[];
}

export interface TrackPlace {
  readonly lonDeg: number;
  readonly latDeg: number;
  /** UTC ISO time of the place (window start or end, nominal epoch), when the GeoJSON gives it. */
  readonly iso: string | null;
}

export interface ReentryTrackView {
  /** Each line string as [lon, lat] pairs in degrees (the window's ground track). */
  readonly lines: readonly (readonly (readonly [number, number])[])[];
  /** First point of the track (the window start) and last point (the window end). */
  readonly start: TrackPlace | null;
  readonly end: TrackPlace | null;
  readonly nominal: TrackPlace | null;
  readonly confidence: number | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const isPair = (c: unknown): c is [number, number] => Array.isArray(c) && c.length >= 2 && Number.isFinite(c[0]) && Number.isFinite(c[1]);

/** The drawable view of a ground-track FeatureCollection (unknown features and bad coordinates are left out). */
export function reentryTrackView(fc: GroundTrackGeoJson): ReentryTrackView {
  const lines: [number, number][][] = [];
  let nominal: TrackPlace | null = null;
  let windowStart: string | null = null;
  let windowEnd: string | null = null;
  let confidence: number | null = null;
  for (const f of fc.features) {
    const g = f.geometry;
    const p = f.properties ?? {};
    if (g?.type === 'MultiLineString' && Array.isArray(g.coordinates)) {
      for (const line of g.coordinates as unknown[]) {
        if (!Array.isArray(line)) continue;
        const pts = line.filter(isPair).map((c): [number, number] => [c[0], c[1]]);
        if (pts.length >= 2) lines.push(pts);
      }
      windowStart = str(p['windowStart']);
      windowEnd = str(p['windowEnd']);
      confidence = typeof p['confidence'] === 'number' ? p['confidence'] : null;
    } else if (g?.type === 'Point' && isPair(g.coordinates)) {
      nominal = { lonDeg: g.coordinates[0], latDeg: g.coordinates[1], iso: str(p['epoch']) };
    }
  }
  const first = lines[0]?.[0];
  const lastLine = lines[lines.length - 1];
  const last = lastLine?.[lastLine.length - 1];
  return {
    lines,
    start: first !== undefined ? { lonDeg: first[0], latDeg: first[1], iso: windowStart } : null,
    end: last !== undefined ? { lonDeg: last[0], latDeg: last[1], iso: windowEnd } : null,
    nominal,
    confidence,
  };
}

/**
 * The stretch of the window's track within ±`halfSpanS` of the nominal reentry (default 45 min: about one orbit in
 * all, the part of the window most likely to be under the reentry), as line strings. The core samples the window
 * track at a uniform time step (plus the nominal instant and the ±180° split points), so a point's time is
 * estimated from its index; the stretch is centred on the track point nearest the nominal point.
 */
export function highlightAroundNominal(view: ReentryTrackView, halfSpanS = 2700): [number, number][][] {
  if (view.nominal === null || view.start?.iso == null || view.end?.iso == null) return [];
  const spanS = (Date.parse(view.end.iso) - Date.parse(view.start.iso)) / 1000;
  const flat = view.lines.flatMap((line, li) => line.map((p, k) => ({ p, li, k })));
  if (!(spanS > 0) || flat.length < 2) return [];
  const n = view.nominal;
  let best = 0;
  let bestD = Infinity;
  flat.forEach((q, i) => {
    const d = Math.hypot(q.p[0] - n.lonDeg, q.p[1] - n.latDeg);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  const m = Math.max(1, Math.round(((flat.length - 1) * halfSpanS) / spanS));
  const from = Math.max(0, best - m);
  const to = Math.min(flat.length - 1, best + m);
  const out: [number, number][][] = [];
  let cur: [number, number][] = [];
  let li = -1;
  for (let i = from; i <= to; i++) {
    const q = flat[i]!;
    if (q.li !== li) {
      if (cur.length >= 2) out.push(cur);
      cur = [];
      li = q.li;
    }
    cur.push([q.p[0], q.p[1]]);
  }
  if (cur.length >= 2) out.push(cur);
  return out;
}

/** Flat [lon, lat, lon, lat, …] of a line (Cesium's fromDegreesArray). */
export function flatDegrees(line: readonly (readonly [number, number])[]): number[] {
  return line.flatMap((p) => [p[0], p[1]]);
}

/** Flat [lon, lat, height m, …] of a line at a constant height (drawn above the globe's surface). */
export function flatDegreesHeights(line: readonly (readonly [number, number])[], heightM: number): number[] {
  return line.flatMap((p) => [p[0], p[1], heightM]);
}

/** The 2-D fallback: one SVG path per line in a 360 × 180 equirectangular view box (x = lon + 180, y = 90 − lat). */
export function svgTrackPaths(view: ReentryTrackView): string[] {
  const xy = (p: readonly [number, number]): string => `${(p[0] + 180).toFixed(2)} ${(90 - p[1]).toFixed(2)}`;
  return view.lines.map((line) => line.map((p, k) => `${k === 0 ? 'M' : 'L'}${xy(p)}`).join(' '));
}

/** A place in the 2-D fallback's view box. */
export function svgPoint(p: Pick<TrackPlace, 'lonDeg' | 'latDeg'>): { x: number; y: number } {
  return { x: p.lonDeg + 180, y: 90 - p.latDeg };
}
