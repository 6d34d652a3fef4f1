/** Data shaping of the ADR ranking panel (pure): the ranking route's query, altitude bands, factor columns. */

export interface AdrItem {
  readonly rank: number;
  readonly object: number;
  readonly name: string;
  readonly type: string;
  readonly owner: string | null;
  readonly massKg: number;
  readonly score: number;
  readonly factors: Readonly<Record<string, number | string | boolean>>;
}

export interface AdrRanking {
  readonly objectsRanked: number;
  readonly satcatObjects?: number;
  readonly items: AdrItem[];
}

export interface AltitudeBand {
  readonly id: string;
  readonly label: string;
  readonly minAltKm?: number;
  readonly maxAltKm?: number;
}

/** Mean-altitude bands of the filter (the ranking's own shells are finer; these are the operator's coarse choice). */
export const ALTITUDE_BANDS: readonly AltitudeBand[] = [
  { id: 'all', label: 'all altitudes' },
  { id: 'below-600', label: '< 600 km', maxAltKm: 600 },
  { id: '600-900', label: '600–900 km', minAltKm: 600, maxAltKm: 900 },
  { id: '900-1200', label: '900–1,200 km', minAltKm: 900, maxAltKm: 1200 },
  { id: '1200-2000', label: '1,200–2,000 km', minAltKm: 1200, maxAltKm: 2000 },
  { id: 'above-2000', label: '> 2,000 km', minAltKm: 2000 },
];

export const OBJECT_TYPES = ['PAYLOAD', 'ROCKET BODY', 'DEBRIS', 'UNKNOWN'] as const;

export interface RankingFilter {
  readonly top: number;
  readonly type?: string;
  readonly owner?: string;
  readonly bandId?: string;
}

/** The path and query of GET /api/v1/adr/ranking for a filter (empty fields left out). */
export function rankingPath(f: RankingFilter): string {
  const q = new URLSearchParams();
  q.set('top', String(Math.max(1, Math.min(100_000, Math.floor(f.top)))));
  if (f.type !== undefined && f.type !== '') q.set('type', f.type);
  if (f.owner !== undefined && f.owner.trim() !== '') q.set('owner', f.owner.trim().toUpperCase());
  const band = ALTITUDE_BANDS.find((b) => b.id === f.bandId);
  if (band?.minAltKm !== undefined) q.set('minAltKm', String(band.minAltKm));
  if (band?.maxAltKm !== undefined) q.set('maxAltKm', String(band.maxAltKm));
  return `/api/v1/adr/ranking?${q.toString()}`;
}

/** The factor columns shown per object (name in the API's factors, label, unit, formatter). */
export const FACTOR_COLUMNS: readonly { readonly key: string; readonly label: string; readonly title: string }[] = [
  { key: 'perigeeAltKm', label: 'hp km', title: 'perigee altitude (km)' },
  { key: 'apogeeAltKm', label: 'ha km', title: 'apogee altitude (km)' },
  { key: 'inclinationDeg', label: 'i °', title: 'inclination (deg)' },
  { key: 'crossSectionM2', label: 'A m²', title: 'cross-section (m²)' },
  { key: 'spatialDensityPerKm3', label: 'ρ /km³', title: 'catalog spatial density around the orbit (objects per km³)' },
  { key: 'collisionRatePerYear', label: 'rate /yr', title: 'collision rate with the background (density × cross-section × mean relative speed), per year' },
  { key: 'lifetimeYears', label: 'life yr', title: 'orbital lifetime (years)' },
  { key: 'collisionProbability', label: 'P(coll)', title: 'collision probability over the horizon' },
  { key: 'fragmentsIfCollision', label: 'frag', title: 'fragments if it collides' },
  { key: 'operationalFactor', label: 'op', title: 'operational factor (0 for an active payload)' },
];

/** A factor value for a table cell: 3 significant digits, exponent for small or large magnitudes. */
export function formatFactor(v: number | string | boolean | undefined): string {
  if (v === undefined) return '—';
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return v > 0 ? '∞' : v < 0 ? '−∞' : '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-2 ? v.toExponential(2) : Number(v.toPrecision(3)).toString();
}

/** Mean altitude of an item (km), from its perigee and apogee factors. */
export function meanAltitudeKm(item: AdrItem): number {
  return (Number(item.factors['perigeeAltKm']) + Number(item.factors['apogeeAltKm'])) / 2;
}
