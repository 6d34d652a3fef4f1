/**
 * Piecewise-exponential atmosphere of Vallado, Fundamentals of Astrodynamics and Applications (4th ed., 2013),
 * Table 8-4 (from CIRA-72 mean conditions): ρ(h) = ρ0,i · exp(−(h − h0,i)/H_i) for h0,i ≤ h < h0,i+1.
 *
 * h is the geodetic height above the WGS-84 ellipsoid (as in OSTk's `Exponential` model and GMAT's `Exponential`
 * atmosphere, the references of the cross-validation scenarios). Below 0 km the first band and above 1000 km the
 * last band are extrapolated. Density in kg/m³. No time dependence: no solar or geomagnetic activity.
 */
import type { AtmosphereModel } from '../propagation/numerical/forceModel.ts';
import { itrfToGeodetic } from '../frames/geodetic.ts';
import { vec3 } from '../math/vec3.ts';

/** One band of the table: base height (km), base density (kg/m³), scale height (km). */
export interface ExponentialBand {
  readonly baseHeightKm: number;
  readonly baseDensityKgPerM3: number;
  readonly scaleHeightKm: number;
}

const ROWS: readonly (readonly [number, number, number])[] = [
  [0, 1.225, 7.249],
  [25, 3.899e-2, 6.349],
  [30, 1.774e-2, 6.682],
  [40, 3.972e-3, 7.554],
  [50, 1.057e-3, 8.382],
  [60, 3.206e-4, 7.714],
  [70, 8.77e-5, 6.549],
  [80, 1.905e-5, 5.799],
  [90, 3.396e-6, 5.382],
  [100, 5.297e-7, 5.877],
  [110, 9.661e-8, 7.263],
  [120, 2.438e-8, 9.473],
  [130, 8.484e-9, 12.636],
  [140, 3.845e-9, 16.149],
  [150, 2.07e-9, 22.523],
  [180, 5.464e-10, 29.74],
  [200, 2.789e-10, 37.105],
  [250, 7.248e-11, 45.546],
  [300, 2.418e-11, 53.628],
  [350, 9.518e-12, 53.298],
  [400, 3.725e-12, 58.515],
  [450, 1.585e-12, 60.828],
  [500, 6.967e-13, 63.822],
  [600, 1.454e-13, 71.835],
  [700, 3.614e-14, 88.667],
  [800, 1.17e-14, 124.64],
  [900, 5.245e-15, 181.05],
  [1000, 3.019e-15, 268.0],
];

/** Vallado (2013) Table 8-4, 28 bands from 0 to 1000 km. */
export const VALLADO_EXPONENTIAL_TABLE: readonly ExponentialBand[] = ROWS.map(([h, rho, H]) => ({
  baseHeightKm: h,
  baseDensityKgPerM3: rho,
  scaleHeightKm: H,
}));

/** Density (kg/m³) of the piecewise-exponential table at geodetic height `heightKm`. */
export function exponentialDensityKgPerM3(heightKm: number, table: readonly ExponentialBand[] = VALLADO_EXPONENTIAL_TABLE): number {
  let i = table.length - 1;
  while (i > 0 && heightKm < table[i]!.baseHeightKm) i--;
  const b = table[i]!;
  return b.baseDensityKgPerM3 * Math.exp(-(heightKm - b.baseHeightKm) / b.scaleHeightKm);
}

/** The exponential table as an `AtmosphereModel` (geodetic height from the ITRF position, WGS-84). */
export class ExponentialAtmosphere implements AtmosphereModel {
  readonly name: string = 'exponential-vallado';
  private readonly table: readonly ExponentialBand[];
  constructor(table: readonly ExponentialBand[] = VALLADO_EXPONENTIAL_TABLE) {
    this.table = table;
  }
  densityKgPerM3(_instant: unknown, _timeScales: unknown, itrfPositionKm: ArrayLike<number>): number {
    const g = itrfToGeodetic(vec3<'ITRF'>(itrfPositionKm[0]!, itrfPositionKm[1]!, itrfPositionKm[2]!));
    return exponentialDensityKgPerM3(g.heightKm, this.table);
  }
}
