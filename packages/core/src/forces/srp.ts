/**
 * Solar radiation pressure on a cannonball, with a conical Earth shadow (penumbra and umbra).
 *
 * a = ν · P☉ · C_R · (A/m) · (AU / |r − r☉|)² · (r − r☉)/|r − r☉|   (Montenbruck & Gill 2000, eq. 3.75, cannonball)
 * with P☉ = 4.56e-6 N/m² at 1 AU (ibid. §3.4), C_R the reflectivity coefficient (1 absorbing … 2 mirror), A and m
 * from the spacecraft (SI at that boundary: m², kg → m/s², then × 1e-3 to km/s²), r, r☉ geocentric GCRF (km) and
 * ν ∈ [0, 1] the visible fraction of the Sun's disc.
 *
 * Shadow (conical model, Montenbruck & Gill §3.4.2, eqs. 3.85–3.87): apparent radii of the Sun and the Earth seen from
 * the satellite a = asin(R☉/|r☉ − r|), b = asin(R⊕/|r|), and their separation c = angle(−r, r☉ − r):
 *   c ≥ a + b: ν = 1;  c ≤ b − a: ν = 0 (umbra);  c ≤ a − b: ν = 1 − b²/a² (annular);
 *   otherwise ν = 1 − A/(π a²), A = a² acos(x/a) + b² acos((c − x)/b) − c y,  x = (c² + a² − b²)/(2c),  y = √(a² − x²).
 * The Earth is a sphere of radius R⊕ = 6378.1363 km (no oblateness, no atmosphere), R☉ = 696,000 km.
 * Sun positions come from the shared `BodyPositionCache('sun')` (astronomy-engine, see thirdBody.ts).
 */
import { ArgumentError } from '../errors/index.ts';
import type { ForceEvaluation, ForceModel } from '../propagation/numerical/forceModel.ts';
import { ASTRONOMICAL_UNIT_KM, BodyPositionCache } from './thirdBody.ts';

/** Solar radiation pressure at 1 AU, N/m² (Montenbruck & Gill 2000, §3.4.1). */
export const SOLAR_PRESSURE_AT_1AU_N_PER_M2 = 4.56e-6;
/** Solar radius used by the shadow model, km (Montenbruck & Gill 2000, §3.4.2). */
export const SUN_RADIUS_KM = 696000;
/** Earth radius used by the shadow model, km (the gravity fields' reference radius). */
export const SHADOW_EARTH_RADIUS_KM = 6378.1363;

/**
 * Fraction ν ∈ [0, 1] of the solar disc visible from a satellite at r (km) with the Sun at rSun (km), both geocentric
 * in the same frame (conical shadow of a spherical Earth; Montenbruck & Gill §3.4.2). 1 = full sun, 0 = umbra.
 * Exported for the propagator's eclipse events.
 */
export function conicalShadowFraction(
  rx: number,
  ry: number,
  rz: number,
  sx: number,
  sy: number,
  sz: number,
  earthRadiusKm: number = SHADOW_EARTH_RADIUS_KM,
  sunRadiusKm: number = SUN_RADIUS_KM,
): number {
  const r = Math.sqrt(rx * rx + ry * ry + rz * rz);
  const dx = sx - rx;
  const dy = sy - ry;
  const dz = sz - rz;
  const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
  if (r <= earthRadiusKm) return 0; // inside the Earth: no sunlight
  const a = Math.asin(Math.min(1, sunRadiusKm / d));
  const b = Math.asin(earthRadiusKm / r);
  const cosC = -(rx * dx + ry * dy + rz * dz) / (r * d);
  const c = Math.acos(Math.max(-1, Math.min(1, cosC)));
  if (c >= a + b) return 1;
  if (c <= b - a) return 0;
  if (c <= a - b) return 1 - (b * b) / (a * a);
  const x = (c * c + a * a - b * b) / (2 * c);
  const y = Math.sqrt(Math.max(0, a * a - x * x));
  const area = a * a * Math.acos(Math.max(-1, Math.min(1, x / a))) + b * b * Math.acos(Math.max(-1, Math.min(1, (c - x) / b))) - c * y;
  return Math.min(1, Math.max(0, 1 - area / (Math.PI * a * a)));
}

export interface SolarRadiationPressureOptions {
  /** `conical` (default) or `none` (always lit). */
  readonly shadow?: 'conical' | 'none';
  /** Shared Sun position cache (e.g. the Sun third body's). */
  readonly sunCache?: BodyPositionCache;
  /** N/m² at 1 AU; default 4.56e-6. */
  readonly pressureAt1AuNPerM2?: number;
  readonly earthRadiusKm?: number;
  readonly sunRadiusKm?: number;
}

/** Cannonball solar radiation pressure (GCRF, km/s²), reading C_R, A (m²) and m (kg) from the evaluation's spacecraft. */
export class SolarRadiationPressure implements ForceModel {
  readonly name = 'srp-cannonball';
  readonly sunCache: BodyPositionCache;
  private readonly shadow: boolean;
  private readonly p0: number;
  private readonly earthRadiusKm: number;
  private readonly sunRadiusKm: number;
  private readonly sun = new Float64Array(3);

  constructor(options: SolarRadiationPressureOptions = {}) {
    this.sunCache = options.sunCache ?? new BodyPositionCache('sun');
    if (this.sunCache.body !== 'sun') throw new ArgumentError('Solar radiation pressure needs a Sun position cache.', this.sunCache.body);
    this.shadow = (options.shadow ?? 'conical') === 'conical';
    this.p0 = options.pressureAt1AuNPerM2 ?? SOLAR_PRESSURE_AT_1AU_N_PER_M2;
    this.earthRadiusKm = options.earthRadiusKm ?? SHADOW_EARTH_RADIUS_KM;
    this.sunRadiusKm = options.sunRadiusKm ?? SUN_RADIUS_KM;
  }

  addAcceleration(e: ForceEvaluation, out: Float64Array): void {
    const sc = e.spacecraft;
    if (!(sc.massKg > 0)) {
      throw new ArgumentError(`Solar radiation pressure needs a positive spacecraft mass (got ${sc.massKg} kg): set MASS in the OPM.`, sc.massKg);
    }
    const s = this.sunCache.positionAtInstant(e.instant, this.sun);
    const p = e.position;
    const rx = p[0]!;
    const ry = p[1]!;
    const rz = p[2]!;
    const nu = this.shadow ? conicalShadowFraction(rx, ry, rz, s[0]!, s[1]!, s[2]!, this.earthRadiusKm, this.sunRadiusKm) : 1;
    if (nu === 0) return;
    const dx = rx - s[0]!;
    const dy = ry - s[1]!;
    const dz = rz - s[2]!;
    const d2 = dx * dx + dy * dy + dz * dz;
    const d = Math.sqrt(d2);
    // m/s² → km/s²: × 1e-3.
    const k = (nu * this.p0 * sc.reflectivityCoefficient * (sc.srpAreaM2 / sc.massKg) * ((ASTRONOMICAL_UNIT_KM * ASTRONOMICAL_UNIT_KM) / d2) * 1e-3) / d;
    out[0] = out[0]! + k * dx;
    out[1] = out[1]! + k * dy;
    out[2] = out[2]! + k * dz;
  }
}
