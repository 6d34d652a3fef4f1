/**
 * Media corrections for ground-station measurements (all optional; measurements are geometric by default):
 * - Marini & Murray (1973) tropospheric range delay for laser ranging, in the form of the IERS Conventions (1996) ch. 9;
 * - Saastamoinen (1972/73) tropospheric delay for radio ranging (zenith hydrostatic + wet terms, 1/cos z mapping with
 *   the B·tan²z term, B interpolated linearly in height from Saastamoinen's table);
 * - Saemundsson (1986) astronomical refraction for elevations (true → apparent altitude), scaled by P/1010 hPa and
 *   283 K/T as in the Astronomical Almanac;
 * - ITU-R P.834 ray bending for radio elevations: τ = 1/(1.314 + 0.6437θ + 0.02869θ² + h(0.2305 + 0.09428θ + 0.01096θ²)
 *   + 0.008583h²) degrees, θ the geometric elevation (deg), h the site height (km), standard radio atmosphere;
 * - standard atmosphere at the site when no weather is given: P = 1013.25 (1 − 2.2557e-5 h)^5.2568 hPa, T = 291.15 −
 *   0.0065 h K (18 °C at sea level), 50 % relative humidity.
 * Heights in metres, pressures in hPa, temperatures in kelvin; the delays are returned in km (core unit).
 */
import type { MediaCorrections } from './observation.ts';

/** Surface weather at a site. */
export interface SiteWeather {
  readonly pressureHPa: number;
  readonly temperatureK: number;
  readonly relativeHumidity: number;
}

/** Standard atmosphere at height `heightM` (see the module header) unless the corrections give the weather. */
export function siteWeather(heightM: number, c: MediaCorrections = {}): SiteWeather {
  const p = c.pressureHPa ?? 1013.25 * Math.pow(1 - 2.2557e-5 * heightM, 5.2568);
  const t = c.temperatureK ?? 291.15 - 0.0065 * heightM;
  return { pressureHPa: p, temperatureK: t, relativeHumidity: c.relativeHumidity ?? 0.5 };
}

/** Water-vapour partial pressure (hPa) from relative humidity (0..1) and temperature (K), Magnus formula over water. */
export function waterVapourPressureHPa(w: SiteWeather): number {
  const tc = w.temperatureK - 273.15;
  return w.relativeHumidity * 6.11 * Math.pow(10, (7.5 * tc) / (237.3 + tc));
}

/**
 * Marini–Murray tropospheric range correction (one-way, km) at elevation `elRad`, for a laser of wavelength
 * `wavelengthUm` (µm) at geodetic latitude `latRad`, height `heightM`:
 *   ΔR = f(λ)/F(φ,H) · (A + B) / (sin E + (B/(A+B)) / (sin E + 0.01))   [m]
 *   A = 0.002357 P + 0.000141 e,  K = 1.163 − 0.00968 cos 2φ − 0.00104 T + 0.00001435 P,
 *   B = 1.084e-8 P T K + 4.734e-8 (P²/T) · 2/(3 − 1/K),  F = 1 − 0.0026 cos 2φ − 0.00031 H[km],
 *   f(λ) = 0.9650 + 0.0164/λ² + 0.000228/λ⁴.
 */
export function mariniMurrayDelayKm(elRad: number, latRad: number, heightM: number, w: SiteWeather, wavelengthUm = 0.532): number {
  const p = w.pressureHPa;
  const t = w.temperatureK;
  const e = waterVapourPressureHPa(w);
  const a = 0.002357 * p + 0.000141 * e;
  const k = 1.163 - 0.00968 * Math.cos(2 * latRad) - 0.00104 * t + 0.00001435 * p;
  const b = 1.084e-8 * p * t * k + 4.734e-8 * ((p * p) / t) * (2 / (3 - 1 / k));
  const f = 1 - 0.0026 * Math.cos(2 * latRad) - 0.00031 * (heightM / 1000);
  const fl = 0.965 + 0.0164 / (wavelengthUm * wavelengthUm) + 0.000228 / Math.pow(wavelengthUm, 4);
  const s = Math.sin(Math.max(elRad, 0.01));
  const dm = (fl / f) * ((a + b) / (s + b / (a + b) / (s + 0.01)));
  return dm / 1000;
}

/** Saastamoinen's B (hPa) against height: 1.156 at 0 km, 1.079 at 1 km, 1.006 at 2 km, 0.938 at 3 km (linear in between). */
function saastamoinenB(heightM: number): number {
  const table = [1.156, 1.079, 1.006, 0.938, 0.874, 0.813];
  const hk = Math.min(Math.max(heightM / 1000, 0), table.length - 1.0001);
  const i = Math.floor(hk);
  return table[i]! + (table[i + 1]! - table[i]!) * (hk - i);
}

/**
 * Saastamoinen tropospheric delay for radio signals (one-way, km) at elevation `elRad`:
 *   ΔR = 0.002277 / cos z · [P + (1255/T + 0.05) e − B tan² z]   [m], z = π/2 − E (floored at E = 3°).
 */
export function saastamoinenDelayKm(elRad: number, heightM: number, w: SiteWeather): number {
  const z = Math.PI / 2 - Math.max(elRad, (3 * Math.PI) / 180);
  const e = waterVapourPressureHPa(w);
  const tz = Math.tan(z);
  const dm = (0.002277 / Math.cos(z)) * (w.pressureHPa + (1255 / w.temperatureK + 0.05) * e - saastamoinenB(heightM) * tz * tz);
  return dm / 1000;
}

/**
 * Atmospheric refraction (rad) to add to a true (geometric) elevation `elRad` to get the apparent one, Saemundsson:
 *   R[arcmin] = 1.02 / tan(h + 10.3/(h + 5.11)), h in degrees, × (P/1010)(283/T). Zero below −1°.
 */
export function refractionRad(elRad: number, w: SiteWeather): number {
  const h = (elRad * 180) / Math.PI;
  if (h < -1) return 0;
  const rArcmin = 1.02 / Math.tan(((h + 10.3 / (h + 5.11)) * Math.PI) / 180);
  return ((rArcmin / 60) * Math.PI) / 180 * (w.pressureHPa / 1010) * (283 / w.temperatureK);
}

/** ITU-R P.834 radio refraction (rad) to add to a geometric elevation `elRad` at height `heightM` (see the module header). */
export function ituP834RefractionRad(elRad: number, heightM: number): number {
  const th = (elRad * 180) / Math.PI;
  if (th < -1) return 0;
  const h = heightM / 1000;
  const tau = 1 / (1.314 + 0.6437 * th + 0.02869 * th * th + h * (0.2305 + 0.09428 * th + 0.01096 * th * th) + 0.008583 * h * h);
  return (tau * Math.PI) / 180;
}
