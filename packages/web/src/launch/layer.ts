/**
 * Data shaping of the launch layer (pure, no Cesium): a launch plan's JSON (POST /api/v1/launch/plans) and the site
 * network (GET /api/v1/launch/sites) turned into drawable inputs: the ground track split at the antimeridian, drop
 * zones as closed [lon, lat] rings with their activation windows, the landing point and failure area, and recovery
 * assets with their base, zone and ETA.
 */

export interface NetworkSiteView {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly radiusKm: number;
}

export interface DropZoneView {
  readonly element: string;
  readonly centerLat: number;
  readonly centerLon: number;
  readonly downrangeKm: number;
  readonly polygon: readonly (readonly number[])[];
  readonly activeFrom: string;
  readonly activeTo: string;
}

export interface LaunchPlanView {
  readonly site: string;
  readonly vehicle: string;
  readonly launch: string;
  readonly azimuthDeg: number;
  readonly dropZones: readonly DropZoneView[];
  readonly landing: { readonly mode: string; readonly element?: string; readonly centerLat?: number; readonly centerLon?: number; readonly downrangeKm?: number; readonly landingTime?: string; readonly failureAreaPolygon?: readonly (readonly number[])[]; readonly note?: string };
  readonly recovery: readonly { readonly zone: string; readonly asset: string | null; readonly arrivalTime?: string; readonly transitKm?: number; readonly searchRadiusKm?: number; readonly reason?: string }[];
  readonly groundTrack: readonly { readonly tS: number; readonly lat: number; readonly lon: number; readonly altKm: number }[];
}

/** Ground-track segments ([lon, lat, altitude m] triples), split where the longitude jumps across ±180°. */
export function trackSegments(track: LaunchPlanView['groundTrack']): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  let prev: number | undefined;
  for (const p of track) {
    if (prev !== undefined && Math.abs(p.lon - prev) > 180) {
      if (cur.length >= 6) out.push(cur);
      cur = [];
    }
    cur.push(p.lon, p.lat, p.altKm * 1000);
    prev = p.lon;
  }
  if (cur.length >= 6) out.push(cur);
  return out;
}

/** A polygon ring as a flat [lon, lat, …] array without the closing point (Cesium closes polygons itself). */
export function ringDegrees(ring: readonly (readonly number[])[]): number[] {
  const pts = ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1] ? ring.slice(0, -1) : ring;
  return pts.flatMap((p) => [p[0]!, p[1]!]);
}

/** Whether a hazard area is active at `tMs` (inclusive window). */
export function isActive(zone: Pick<DropZoneView, 'activeFrom' | 'activeTo'>, tMs: number): boolean {
  return tMs >= Date.parse(zone.activeFrom) && tMs <= Date.parse(zone.activeTo);
}

export interface RecoveryLink {
  readonly asset: string;
  readonly zone: string;
  readonly base: { readonly latDeg: number; readonly lonDeg: number } | null;
  readonly target: { readonly latDeg: number; readonly lonDeg: number } | null;
  readonly arrivalTime?: string;
  readonly searchRadiusKm?: number;
}

/**
 * Recovery assets of a plan with their base (ships are named `ship-<port>` after their port `port-<port>`,
 * helicopters after their base) and the zone they serve (a drop-zone element or the landing element).
 */
export function recoveryLinks(plan: LaunchPlanView, sites: readonly NetworkSiteView[]): RecoveryLink[] {
  const byId = new Map(sites.map((s) => [s.id, s]));
  const zoneAt = (zone: string): { latDeg: number; lonDeg: number } | null => {
    const z = plan.dropZones.find((d) => d.element === zone);
    if (z !== undefined) return { latDeg: z.centerLat, lonDeg: z.centerLon };
    const l = plan.landing;
    if (l.centerLat !== undefined && l.centerLon !== undefined && (l.element === zone || zone === 'landing')) return { latDeg: l.centerLat, lonDeg: l.centerLon };
    return null;
  };
  return plan.recovery
    .filter((r): r is typeof r & { asset: string } => r.asset !== null)
    .map((r) => {
      const base = byId.get(r.asset) ?? byId.get(r.asset.replace(/^ship-/, 'port-'));
      return {
        asset: r.asset,
        zone: r.zone,
        base: base !== undefined ? { latDeg: base.latDeg, lonDeg: base.lonDeg } : null,
        target: zoneAt(r.zone),
        ...(r.arrivalTime !== undefined ? { arrivalTime: r.arrivalTime } : {}),
        ...(r.searchRadiusKm !== undefined ? { searchRadiusKm: r.searchRadiusKm } : {}),
      };
    });
}

/** Colour of a network place by kind (CSS). */
export const SITE_KIND_COLORS: Readonly<Record<string, string>> = {
  'launch-site': '#ff7043',
  'sea-launch': '#ffa726',
  'landing-zone': '#66bb6a',
  'recovery-area': '#26c6da',
  port: '#90caf9',
  'helicopter-base': '#ce93d8',
};

/** A hazard area of a NOTAM (a GeoJSON Feature of POST /api/v1/launch/notams) as a drawable ring. */
export interface NotamArea {
  readonly code: string;
  readonly activeFrom: string;
  readonly activeTo: string;
  /** Flat [lon, lat, …] without the closing point. */
  readonly ring: number[];
}

/** The polygons of a hazard-area FeatureCollection (first ring of each Polygon; other geometries left out). */
export function notamAreas(fc: { readonly features: readonly { readonly geometry?: { readonly type?: string; readonly coordinates?: unknown }; readonly properties?: Record<string, unknown> }[] }): NotamArea[] {
  const out: NotamArea[] = [];
  for (const f of fc.features) {
    if (f.geometry?.type !== 'Polygon') continue;
    const ring = (f.geometry.coordinates as number[][][] | undefined)?.[0];
    if (ring === undefined || ring.length < 4) continue;
    const p = f.properties ?? {};
    out.push({ code: String(p['code'] ?? p['id'] ?? ''), activeFrom: String(p['activeFrom'] ?? ''), activeTo: String(p['activeTo'] ?? ''), ring: ringDegrees(ring) });
  }
  return out;
}
