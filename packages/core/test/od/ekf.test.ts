/**
 * Extended Kalman filter, simulate-then-recover: a LEO object (EGM2008 8×8) tracked by 3 radars for 12 h (range σ 10 m,
 * az/el σ 0.01°); the filter starts 1 km and 1 m/s off (a priori σ 2 km, 2 m/s) and must end within 3σ of the truth
 * at its last epoch with post-fit residuals at the noise level. Oracle: the simulated truth.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildForceModels, createTimeScales, DEG_TO_RAD, extendedKalmanFilter, IERS_LEAP_SECONDS, NumericalPropagator, readGravityField, simulateObservations } from '../../src/index.ts';

const repo = (p: string): string => fileURLToPath(new URL(`../../../../${p}`, import.meta.url));

describe('EKF simulate-then-recover: LEO, 3 radars, 12 h', () => {
  it('ends within 3σ of the truth with post-fit residuals at the noise level', () => {
    const ts = createTimeScales(IERS_LEAP_SECONDS);
    const epoch = ts.parseUtcIso('2026-03-10T00:00:00Z');
    const field = readGravityField(gunzipSync(readFileSync(repo('data/gravity/EGM2008_to120_tidefree.gfc.gz'))).toString('utf8'), 'EGM2008', { maxDegree: 8 });
    const sc = { massKg: 500, dragAreaM2: 4, dragCoefficient: 2.3, srpAreaM2: 4, reflectivityCoefficient: 1.3 };
    const forces = buildForceModels({ gravityField: field, degree: 8, order: 8, thirdBodies: [], drag: 'none', srp: 'none' }, epoch, ts, sc, { source: 'test', keywordLines: {} });
    const r = 6878.137, v = Math.sqrt(398600.4418 / r), inc = 51.6 * DEG_TO_RAD;
    const truth = [r, 0, 0, 0, v * Math.cos(inc), v * Math.sin(inc) * 1.0005];
    const times = Array.from({ length: 12 * 60 + 1 }, (_, k) => k * 60);
    const run = new NumericalPropagator({ timeScales: ts, forces, spacecraft: sc, rtol: 1e-11 }).propagate({ epoch, state: truth, stop: times[times.length - 1]!, outputTimesS: times });
    const radar = (name: string, latDeg: number, lonDeg: number) => ({
      station: { name, latDeg, lonDeg, altitudeM: 0 },
      measurements: [{ type: 'range' as const, sigma: 0.01, twoWay: true }, { type: 'azimuth' as const, sigma: 0.01 * DEG_TO_RAD }, { type: 'elevation' as const, sigma: 0.01 * DEG_TO_RAD }],
    });
    const sensors = [radar('MILLSTONE', 42.6, -71.49), radar('KWAJALEIN', 9.4, 167.48), radar('CANBERRA', -35.4, 148.98)];
    const observations = simulateObservations({ timeScales: ts, epoch, timesS: times, states: run.outputStates, sensors, seed: 21 });
    const guess = truth.map((x, i) => x + (i < 3 ? 1 / Math.sqrt(3) : 1e-3 / Math.sqrt(3)));
    const t0 = performance.now();
    const f = extendedKalmanFilter({ timeScales: ts, forces, spacecraft: sc, epoch, initialState: guess, initialSigmaKm: 2, initialSigmaKmPerS: 2e-3, observations, stations: sensors.map((s) => s.station) });
    const ms = performance.now() - t0;
    const k = times.indexOf(f.epoch.secondsSince(epoch));
    expect(k).toBeGreaterThan(0);
    const err = Array.from({ length: 6 }, (_, i) => f.state[i]! - run.outputStates[k * 6 + i]!);
    const ratios = err.map((e, i) => Math.abs(e) / Math.sqrt(f.covariance[i * 6 + i]!));
    const range = f.statistics.find((s) => s.station === '*' && s.type === 'range')!;
    console.info('EKF simulate-recover:', JSON.stringify({ observations: observations.length, processed: f.processed, edited: f.edited, finalPositionErrorM: Math.hypot(err[0]!, err[1]!, err[2]!) * 1000, worstSigmaRatio: Math.max(...ratios), postFitRangeRmsM: range.rms * 1000, ms: Math.round(ms) }));
    expect(f.processed).toBe(observations.length);
    for (let i = 0; i < 6; i++) expect(ratios[i], `component ${i}`).toBeLessThan(3);
    expect(range.rms * 1000).toBeLessThan(15);
    expect(f.edited).toBeLessThan(observations.length * 0.01);
  });
});
