/**
 * Data shaping of the breakup view (pure, unit-tested): a breakup alert's Gabbard data (GET
 * /api/v1/breakup/alerts/{id}: apogee and perigee altitude (km) against period (min)) as two scatter series, and the
 * colour of a fragment by its Δv from the parent (m/s, log scale 1 → 1000 m/s, blue → red) or by its age (h since the
 * breakup, 0 → 72 h, yellow → purple).
 */

export interface BreakupAlertView {
  readonly id: number;
  readonly parentCatalogNumber: number | null;
  readonly epoch: string;
  readonly fragmentCount: number;
  readonly createdAt: string;
}

export interface GabbardPointView {
  readonly catalogNumber: number;
  readonly periodMin: number;
  readonly apogeeAltitudeKm: number;
  readonly perigeeAltitudeKm: number;
}

export interface BreakupDetailView extends BreakupAlertView {
  readonly detection: { readonly gabbard: readonly GabbardPointView[]; readonly dispersionKm: number | null };
}

/** GET /api/v1/breakup/alerts/{id}/cloud: ITRF km. */
export interface FragmentCloudView {
  readonly time: string;
  readonly parent: { readonly catalogNumber: number; readonly positionKm: readonly number[] | null; readonly orbitKm: readonly (readonly number[])[] } | null;
  readonly fragments: readonly { readonly catalogNumber: number; readonly positionKm: readonly number[]; readonly deltaVMPerS: number | null; readonly ageH: number }[];
}

export type ColourBy = 'deltaV' | 'age';

/** Apogee and perigee series ([period min, altitude km]) sorted by period. */
export function gabbardSeries(points: readonly GabbardPointView[]): { apogee: [number, number][]; perigee: [number, number][] } {
  const sorted = [...points].sort((a, b) => a.periodMin - b.periodMin);
  return { apogee: sorted.map((p) => [p.periodMin, p.apogeeAltitudeKm]), perigee: sorted.map((p) => [p.periodMin, p.perigeeAltitudeKm]) };
}

/** rgb() between two colours, f in [0, 1] (clamped). */
function mix(a: readonly [number, number, number], b: readonly [number, number, number], f: number): string {
  const t = Math.min(1, Math.max(0, f));
  return `rgb(${a.map((v, i) => Math.round(v + (b[i]! - v) * t)).join(', ')})`;
}

/** Fragment colour: Δv on a log scale 1 → 1000 m/s (blue → red; unknown Δv grey), or age 0 → 72 h (yellow → purple). */
export function fragmentColour(f: { deltaVMPerS: number | null; ageH: number }, by: ColourBy): string {
  if (by === 'age') return mix([255, 235, 59], [156, 39, 176], f.ageH / 72);
  if (f.deltaVMPerS === null) return 'rgb(158, 158, 158)';
  return mix([33, 150, 243], [244, 67, 54], Math.log10(Math.max(f.deltaVMPerS, 1)) / 3);
}
