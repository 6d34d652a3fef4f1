/**
 * Oracle: the closed form of a vertical rocket flight with constant thrust and constant mass flow in a UNIFORM gravity
 * field g₀ = 9.80665 m/s² (no atmosphere, non-rotating Earth), derived in docs/design/space-tourism-suborbital.md:
 *   v(t) = vₑ ln(m₀/m(t)) − g t,   h(t) = vₑ [t − (m(t)/ṁ) ln(m₀/m(t))] − ½ g t²   (m(t) = m₀ − ṁ t, vₑ = T/ṁ),
 *   burn-out at t_b = m_p/ṁ; coast: apogee H = h_b + v_b²/(2g) at t_b + v_b/g; impact after a further √(2H/g).
 * The simulation integrates the 3-D equations in frame L (RK4) with `gravity: 'uniform'` along the site's vertical.
 * Issue 19 tolerance: apogee and time of flight within 0.1 %.
 */
import { describe, expect, it } from 'vitest';
import { findLaunchSite } from '../../src/launch/index.ts';
import { flySuborbital, findSuborbitalVehicle, KARMAN_LINE_KM, type SuborbitalVehicle } from '../../src/tourism/index.ts';
import { STANDARD_GRAVITY_MPS2 } from '../../src/units/index.ts';

const base = findSuborbitalVehicle('capsule');
// Constant thrust (sea-level = vacuum), exactly vertical, no separation impulse.
const vehicle: SuborbitalVehicle = { ...base, id: 'vacuum-test', booster: { ...base.booster, thrustSlKn: 530, thrustVacKn: 530 }, pitchFromVerticalDeg: 0, separationSpeedMps: 0 };

describe('vacuum vertical flight vs the closed form (uniform gravity, constant thrust)', () => {
  it('burn-out, apogee, time of flight, time above 100 km and microgravity time within 0.1 %', () => {
    const g = STANDARD_GRAVITY_MPS2;
    const T = vehicle.booster.thrustVacKn * 1000;
    const mdot = T / (g * vehicle.booster.ispVacS);
    const ve = T / mdot;
    const m0 = vehicle.booster.dryMassKg + vehicle.booster.propellantMassKg + vehicle.capsule.massKg;
    const mf = m0 - vehicle.booster.propellantMassKg;
    const tb = vehicle.booster.propellantMassKg / mdot;
    const vb = ve * Math.log(m0 / mf) - g * tb;
    const hb = ve * (tb - (mf / mdot) * Math.log(m0 / mf)) - 0.5 * g * tb * tb;
    const H = hb + (vb * vb) / (2 * g);
    const tApo = tb + vb / g;
    const tof = tApo + Math.sqrt((2 * H) / g);
    const tKarman = 2 * Math.sqrt((2 * (H - KARMAN_LINE_KM * 1000)) / g);

    const f = flySuborbital({ site: findLaunchSite('jiuquan'), vehicle, options: { gravity: 'uniform', earthRotation: false, atmosphere: false } });
    const rel = {
      mecoAlt: Math.abs(f.mecoAltKm * 1000 - hb) / hb,
      mecoSpeed: Math.abs(f.mecoSpeedKmS * 1000 - vb) / vb,
      apogee: Math.abs(f.apogeeKm * 1000 - H) / H,
      apogeeTime: Math.abs(f.apogeeTS - tApo) / tApo,
      timeOfFlight: Math.abs(f.landing.tS - tof) / tof,
      aboveKarman: Math.abs(f.timeAboveKarmanS - tKarman) / tKarman,
      microgravity: Math.abs(f.microgravityS - (tof - tb)) / (tof - tb),
    };
    console.info(`closed form: burn-out ${(hb / 1000).toFixed(3)} km at ${vb.toFixed(2)} m/s, apogee ${(H / 1000).toFixed(3)} km, time of flight ${tof.toFixed(2)} s; relative errors ${JSON.stringify(rel, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toExponential(2)) : v))}`);
    expect(H / 1000).toBeGreaterThan(KARMAN_LINE_KM);
    for (const [k, e] of Object.entries(rel)) expect(e, k).toBeLessThan(1e-3);
    // The apogee is the vertex of a parabola through the coast samples around it (steps ≤ 4 s).
    expect(rel.apogee).toBeLessThan(2e-5);
    // No atmosphere: only the thrust is felt, T/m, largest at burn-out (the last sample is ≤ 0.5 s before it).
    expect(Math.abs(f.maxAscentG - T / mf / g) / (T / mf / g)).toBeLessThan(1e-3);
    expect(f.maxReentryG).toBeLessThan(1e-9);
  });
});
