/**
 * Orbit raising with the satellite's own low-thrust propulsion.
 *
 * Δv of a coplanar circle-to-circle low-thrust spiral (Edelbaum 1961, "Propulsion requirements for controllable
 * satellites", ARS Journal 31; the i = 0 case of Edelbaum's Δv = √(v₀² + v₁² − 2 v₀ v₁ cos(π Δi / 2))):
 *   Δv = |v₀ − v₁|,  v = √(μ / r).
 * Under constant thrust F with exhaust speed c = g₀ I_sp the mass is m(t) = m₀ − (F/c) t, so the time and propellant
 * are exactly (Tsiolkovsky): m_p = m₀ (1 − e^(−Δv/c)),  t = m_p c / F.
 * For comparison the impulsive Hohmann Δv is reported too (Vallado 4th ed. alg. 36).
 * Along the spiral the speed falls as dv/dt = −F/m(t); the nodal drift accumulated while raising is the integral of
 * the J2 rate Ω̇ = −(3/2) J2 R² cos i v⁷ / μ³ (j2.ts with a = μ/v²) over the spiral, computed by Simpson's rule in v
 * (dt = m(v) dv / F, m(v) = m₀ e^(−(v₀ − v)/c)). The in-plane angle travelled while raising is ∫ n dt likewise.
 */
import { DEG_TO_RAD, RAD_TO_DEG } from '../../units/index.ts';
import { circularSpeedKmS, J2_EARTH, J2_MODEL_MU_KM3S2, J2_MODEL_RADIUS_KM } from '../../orbits/index.ts';
import { DeploymentConstraintError } from './errors.ts';
import { STANDARD_GRAVITY_MPS2 } from '../../units/index.ts';

export interface SatellitePropulsion {
  /** Wet mass at separation, kg (what the launch vehicle carries). */
  readonly massKg: number;
  /** Thrust, N. */
  readonly thrustN: number;
  /** Specific impulse, s. */
  readonly ispS: number;
  /** Propellant on board, kg (optional: checked when given). */
  readonly propellantKg?: number;
}

/** Default satellite: a ~230 kg Qianfan-class bus with a Hall thruster (Skylane assumption, documented). */
export const DEFAULT_SATELLITE: SatellitePropulsion = { massKg: 230, thrustN: 0.04, ispS: 1500, propellantKg: 20 };

export interface RaiseResult {
  readonly dvMps: number;
  readonly hohmannDvMps: number;
  readonly propellantKg: number;
  readonly durationS: number;
  /** RAAN change accumulated during the spiral (J2 secular), deg. */
  readonly nodalDriftDeg: number;
  /** Argument of latitude travelled during the spiral, deg (unwrapped). */
  readonly argLatTravelDeg: number;
}

/** Edelbaum/Tsiolkovsky raise from h₀ to h₁ (km) at inclination i (deg); see the module header. */
export function lowThrustRaise(p: SatellitePropulsion, fromAltitudeKm: number, toAltitudeKm: number, inclinationDeg: number): RaiseResult {
  if (!(p.massKg > 0 && p.thrustN > 0 && p.ispS > 0)) {
    throw new DeploymentConstraintError('SATELLITE_PROPULSION', `satellite propulsion needs positive massKg, thrustN and ispS; got ${JSON.stringify(p)}.`, p);
  }
  const mu = J2_MODEL_MU_KM3S2;
  const r0 = J2_MODEL_RADIUS_KM + fromAltitudeKm;
  const r1 = J2_MODEL_RADIUS_KM + toAltitudeKm;
  const v0 = circularSpeedKmS(r0) * 1000;
  const v1 = circularSpeedKmS(r1) * 1000;
  const dv = Math.abs(v0 - v1);
  const c = p.ispS * STANDARD_GRAVITY_MPS2;
  const mp = p.massKg * (1 - Math.exp(-dv / c));
  if (p.propellantKg !== undefined && mp > p.propellantKg + 1e-9) {
    throw new DeploymentConstraintError(
      'SATELLITE_PROPULSION',
      `raising from ${fromAltitudeKm} km to ${toAltitudeKm} km needs ${mp.toFixed(2)} kg of propellant (Δv ${dv.toFixed(1)} m/s at Isp ${p.ispS} s), more than the ${p.propellantKg} kg on board; insert higher or carry more propellant.`,
      { propellantKg: mp },
    );
  }
  const durationS = (mp * c) / p.thrustN;
  const at = (r0 + r1) / 2;
  const hohmann = (Math.abs(Math.sqrt(mu * (2 / r0 - 1 / at)) - Math.sqrt(mu / r0)) + Math.abs(Math.sqrt(mu / r1) - Math.sqrt(mu * (2 / r1 - 1 / at)))) * 1000;
  // Integrals over the spiral in v (m/s): dt = m(v) dv / F with v running from v0 to v1.
  const k = -1.5 * J2_EARTH * J2_MODEL_RADIUS_KM * J2_MODEL_RADIUS_KM * Math.cos(inclinationDeg * DEG_TO_RAD);
  const N = 200;
  let nodal = 0;
  let travel = 0;
  if (dv > 0) {
    const h = (v1 - v0) / N;
    for (let j = 0; j <= N; j++) {
      const v = v0 + j * h;
      const m = p.massKg * Math.exp(-Math.abs(v - v0) / c);
      const w = j === 0 || j === N ? 1 : j % 2 === 1 ? 4 : 2;
      const vk = v / 1000;
      const dtdv = m / p.thrustN; // s per (m/s)
      nodal += w * ((k * vk ** 7) / mu ** 3) * dtdv;
      travel += w * ((vk ** 3) / mu) * dtdv; // n = v³/μ (rad/s)
    }
    nodal *= Math.abs(h) / 3;
    travel *= Math.abs(h) / 3;
  }
  return { dvMps: dv, hohmannDvMps: hohmann, propellantKg: mp, durationS, nodalDriftDeg: nodal * RAD_TO_DEG, argLatTravelDeg: travel * RAD_TO_DEG };
}

/** Δv (m/s) of an impulsive change of RAAN by ΔΩ at inclination i on a circular orbit of speed v: 2 v sin(θ/2), sin(θ/2) = sin i · sin(ΔΩ/2). */
export function raanChangeDvMps(altitudeKm: number, inclinationDeg: number, deltaRaanDeg: number): number {
  const v = circularSpeedKmS(J2_MODEL_RADIUS_KM + altitudeKm) * 1000;
  return 2 * v * Math.sin(inclinationDeg * DEG_TO_RAD) * Math.abs(Math.sin((deltaRaanDeg * DEG_TO_RAD) / 2));
}
