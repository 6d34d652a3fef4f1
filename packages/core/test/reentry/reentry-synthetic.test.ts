/**
 * Synthetic decay with a known ballistic coefficient: a Cowell propagation (J2 + NRLMSISE-00 drag with a co-rotating
 * atmosphere, C_D·A/m = 0.02 m²/kg) from 235 km over 3 days, reduced to element sets (osculating semi-major axis
 * averaged over one orbital period → SGP4 mean motion), is fitted by `predictReentry`: the fitted B must be within
 * 2 % of the simulated one, with NRLMSISE-00 (CelesTrak space weather) and with JB2008 (SET indices). The numerical propagator is the oracle; the predictor's orbit-averaged model is
 * independent of it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  celestrakNrlmsiseInputs,
  createTimeScales,
  DragForce,
  kozaiMeanMotionRevPerDay,
  meanRadialOffsetKm,
  Nrlmsise00Atmosphere,
  NumericalPropagator,
  parseCelestrakSpaceWeather,
  predictReentry,
  Jb2008Atmosphere,
  Jb2008SpaceWeather,
  readDtcFile,
  readSolfsmy,
  ZonalGravity,
  type AtmosphereModel,
  type ElementSet,
  type Instant,
} from '../../src/index.ts';

const ts = createTimeScales();
const sw = parseCelestrakSpaceWeather(readFileSync(new URL('../../../../validation/celestrak-space-weather/SW-window-2026.txt', import.meta.url), 'utf8'), 'SW-window-2026.txt');
const B_M2_PER_KG = 0.02;

describe('reentry: synthetic decay with a known ballistic coefficient', () => {
  it('numerical propagator (J2 + NRLMSISE-00 drag, B = 0.02 m²/kg) → element sets → fitted B within 2 %', () => {
    const epoch = ts.fromUtc(2026, 7, 1, 0, 0, 0);
    const lastSetMjd = ts.toUtcDaySeconds(epoch).mjd + 3;
    const provider = celestrakNrlmsiseInputs(sw, { asOfMjd: lastSetMjd - 1 });
    const sets = simulate(epoch, 3 * 86400, new Nrlmsise00Atmosphere({ spaceWeather: provider }));
    const p = predictReentry(sets, { timeScales: ts, spaceWeather: sw, samples: 10 });
    const rel = p.ballisticCoefficient.valueM2PerKg / B_M2_PER_KG - 1;
    console.info(`synthetic decay (NRLMSISE-00): ${sets.length} sets, fitted B = ${p.ballisticCoefficient.valueM2PerKg.toFixed(5)} m²/kg (error ${(rel * 100).toFixed(2)} %), fit rms ${(p.ballisticCoefficient.fitRmsKm * 1000).toFixed(1)} m`);
    expect(p.maneuversDetected).toBe(false);
    expect(Math.abs(rel), `fitted B ${p.ballisticCoefficient.valueM2PerKg} vs ${B_M2_PER_KG}`).toBeLessThan(0.02);
  }, 120_000);

  it('the same with JB2008 (SET SOLFSMY/DTCFILE 2017 DOY 176-198, validation/jb2008): fitted B within 2 %', () => {
    const epoch = ts.fromUtc(2017, 7, 2, 0, 0, 0);
    const spanS = 2 * 86400;
    const dir = new URL('../../../../validation/jb2008/', import.meta.url);
    const solfsmy = readSolfsmy(readFileSync(new URL('SOLFSMY_2017d176-198.txt', dir), 'utf8'));
    const dtc = readDtcFile(readFileSync(new URL('DTCFILE_2017d176-198.txt', dir), 'utf8'));
    // The predictor reads the indices as known at its prediction time (the last set's epoch): the truth does the same.
    const probe = simulate(epoch, spanS, undefined);
    const lastEpoch = ts.toUtcDaySeconds(probe[probe.length - 1]!.epoch);
    const asOfUtcMjd = lastEpoch.mjd + lastEpoch.seconds / 86400;
    const sets = simulate(epoch, spanS, new Jb2008Atmosphere(new Jb2008SpaceWeather(solfsmy, dtc, { asOfUtcMjd })));
    const p = predictReentry(sets, { timeScales: ts, atmosphere: 'jb2008', jb2008Indices: { solfsmy, dtc }, samples: 10 });
    const rel = p.ballisticCoefficient.valueM2PerKg / B_M2_PER_KG - 1;
    console.info(`synthetic decay (JB2008): ${sets.length} sets, fitted B = ${p.ballisticCoefficient.valueM2PerKg.toFixed(5)} m²/kg (error ${(rel * 100).toFixed(2)} %), reentry ${p.predictedEpoch}`);
    expect(p.atmosphere).toBe('jb2008');
    expect(Math.abs(rel), `fitted B ${p.ballisticCoefficient.valueM2PerKg} vs ${B_M2_PER_KG}`).toBeLessThan(0.02);
  }, 120_000);
});

/** Element sets of a Cowell decay from 235 km (osculating a averaged over one period, every 4 h); epochs only when `atmosphere` is undefined. */
function simulate(epoch: Instant, spanS: number, atmosphere: AtmosphereModel | undefined): ElementSet[] {
    const grav = new ZonalGravity({ maxDegree: 2 });
    const mu = grav.muKm3S2;
    const prop = new NumericalPropagator({
      timeScales: ts,
      forces: atmosphere === undefined ? [grav] : [grav, new DragForce({ atmosphere, useLengthOfDay: false })],
      spacecraft: { massKg: 1000, dragAreaM2: 10, dragCoefficient: 2, srpAreaM2: 0, reflectivityCoefficient: 0 },
      rtol: 1e-10,
      atol: 1e-9,
    });
    const r0 = 6378.137 + 235;
    const v0 = Math.sqrt(mu / r0);
    const inc = (51.6 * Math.PI) / 180;
    const step = 30;
    const outT = Array.from({ length: Math.floor(spanS / step) + 1 }, (_, k) => k * step);
    const res = prop.propagate({ epoch, state: [r0, 0, 0, 0, v0 * Math.cos(inc), v0 * Math.sin(inc)], stop: spanS, outputTimesS: outT });
    const rOsc = outT.map((_, k) => Math.hypot(res.outputStates[6 * k]!, res.outputStates[6 * k + 1]!, res.outputStates[6 * k + 2]!));
    const aOsc = outT.map((_, k) => {
      const s = res.outputStates.subarray(6 * k, 6 * k + 6);
      const r = Math.hypot(s[0]!, s[1]!, s[2]!);
      const v2 = s[3]! ** 2 + s[4]! ** 2 + s[5]! ** 2;
      return 1 / (2 / r - v2 / mu);
    });
    const sets: ElementSet[] = [];
    const period = 2 * Math.PI * Math.sqrt(r0 ** 3 / mu);
    const half = Math.round(period / 2 / step);
    const means: { t: number; a: number }[] = [];
    let radialOffsetErrorKm = NaN;
    for (let t = 3 * 3600; t + period / 2 < spanS; t += 4 * 3600) {
      const c = Math.round(t / step);
      let sum = 0;
      for (let k = c - half; k < c + half; k++) sum += aOsc[k]!;
      means.push({ t, a: sum / (2 * half) });
      if (t === 3 * 3600) {
        let rs = 0;
        for (let k = c - half; k < c + half; k++) rs += rOsc[k]!;
        radialOffsetErrorKm = rs / (2 * half) - sum / (2 * half) - meanRadialOffsetKm(sum / (2 * half), 0, inc);
        console.info(`mean radius − mean a over one orbit: ${(rs / (2 * half) - sum / (2 * half)).toFixed(3)} km; SGP4 offset ${meanRadialOffsetKm(sum / (2 * half), 0, inc).toFixed(3)} km`);
      }
    }
    for (let k = 0; k < means.length; k++) {
      const m = means[k]!;
      const n = kozaiMeanMotionRevPerDay(m.a, 0.0005, 51.6);
      const j = Math.min(k + 1, means.length - 1);
      const i = j - 1;
      const dadtKmPerDay = ((means[j]!.a - means[i]!.a) / (means[j]!.t - means[i]!.t)) * 86400;
      sets.push({
        catalogNumber: 99001,
        objectName: 'SYNTHETIC DECAY',
        classification: 'U',
        epoch: epoch.plusSeconds(m.t),
        meanMotionRevPerDay: n,
        eccentricity: 0.0005,
        inclinationDeg: 51.6,
        raanDeg: 0,
        argOfPericenterDeg: 0,
        meanAnomalyDeg: 0,
        bstarPerEarthRadii: 0,
        meanMotionDotRevPerDay2: (-1.5 * (n / m.a) * dadtKmPerDay) / 2,
        meanMotionDdotRevPerDay3: 0,
        ephemerisType: 0,
        elementSetNo: k + 1,
        revAtEpoch: 0,
      });
    }
    expect(Math.abs(radialOffsetErrorKm), 'SGP4 mean radial offset vs the numerical orbit').toBeLessThan(0.05);
    return sets;
}
