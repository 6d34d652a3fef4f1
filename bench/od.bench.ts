// Orbit determination: one weighted batch least squares on 2 days of simulated radar data (3 stations, range +
// az/el every 60 s above 10°) with EGM2008 70×70 + exponential drag, estimating the state and C_D from a guess 1 km
// and 1 m/s off. Peer (same run): one propagation of the same arc with the state transition matrix (6×7), the unit
// of work each Gauss–Newton iteration would repeat without reduced partials (the estimator takes its STM from an 8×8
// field and propagates the full 70×70 model only for the residuals).
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { batchLeastSquares, buildForceModels, createTimeScales, DEG_TO_RAD, IERS_LEAP_SECONDS, NumericalPropagator, readGravityField, simulateObservations } from '../packages/core/src/index.ts';
import { machineDescription, peakRssMiB, type BenchReport } from './common.ts';

export async function runOdBench(): Promise<BenchReport> {
  const ts = createTimeScales(IERS_LEAP_SECONDS);
  const epoch = ts.parseUtcIso('2026-03-10T00:00:00Z');
  const text = gunzipSync(readFileSync(fileURLToPath(new URL('../data/gravity/EGM2008_to120_tidefree.gfc.gz', import.meta.url)))).toString('utf8');
  const field = readGravityField(text, 'EGM2008', { maxDegree: 70 });
  const sc = { massKg: 500, dragAreaM2: 4, dragCoefficient: 2.3, srpAreaM2: 4, reflectivityCoefficient: 1.3 };
  const forces = buildForceModels({ gravityField: field, degree: 70, order: 70, thirdBodies: [], drag: 'exponential', srp: 'none' }, epoch, ts, sc, { source: 'bench', keywordLines: {} });
  // Partials (STM) from the same model with the field truncated to 8×8; the residuals use the full 70×70.
  const stmForces = buildForceModels({ gravityField: field, degree: 8, order: 8, thirdBodies: [], drag: 'exponential', srp: 'none' }, epoch, ts, sc, { source: 'bench', keywordLines: {} });
  const r = 6878.137, v = Math.sqrt(398600.4418 / r), inc = 51.6 * DEG_TO_RAD;
  const truth = [r, 0, 0, 0, v * Math.cos(inc), v * Math.sin(inc) * 1.0005];
  const spanS = 2 * 86400;
  const times = Array.from({ length: spanS / 60 + 1 }, (_, k) => k * 60);
  const run = new NumericalPropagator({ timeScales: ts, forces, spacecraft: sc, rtol: 1e-11 }).propagate({ epoch, state: truth, stop: spanS, outputTimesS: times });
  const radar = (name: string, latDeg: number, lonDeg: number, altitudeM: number) => ({
    station: { name, latDeg, lonDeg, altitudeM },
    measurements: [{ type: 'range' as const, sigma: 0.01, twoWay: true }, { type: 'azimuth' as const, sigma: 0.01 * DEG_TO_RAD }, { type: 'elevation' as const, sigma: 0.01 * DEG_TO_RAD }],
  });
  const sensors = [radar('MILLSTONE', 42.6, -71.49, 131), radar('KWAJALEIN', 9.4, 167.48, 10), radar('CANBERRA', -35.4, 148.98, 690)];
  const observations = simulateObservations({ timeScales: ts, epoch, timesS: times, states: run.outputStates, sensors, seed: 13 });
  // Peer: one STM propagation of the arc.
  const cpuS = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1e6;
  const pc0 = process.cpuUsage();
  const p0 = performance.now();
  new NumericalPropagator({ timeScales: ts, forces, spacecraft: { ...sc, dragCoefficient: 2.0 }, rtol: 1e-11 }).propagate({ epoch, state: truth, stop: spanS, outputTimesS: times, stm: true, stmParameters: ['dragCoefficient'] });
  const peerMs = performance.now() - p0;
  const peerCpu = cpuS(process.cpuUsage(pc0));
  const guess = truth.map((x, i) => x + (i < 3 ? 1 / Math.sqrt(3) : 1e-3 / Math.sqrt(3)));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const fit = batchLeastSquares({ timeScales: ts, forces, spacecraft: { ...sc, dragCoefficient: 2.0 }, epoch, initialState: guess, observations, stations: sensors.map((s) => s.station), estimate: { dragCoefficient: true }, rtol: 1e-11, stmForces });
  const ms = performance.now() - t0;
  const cpu = cpuS(process.cpuUsage(c0));
  const errM = Math.hypot(fit.state[0]! - truth[0]!, fit.state[1]! - truth[1]!, fit.state[2]! - truth[2]!) * 1000;
  return {
    name: 'od',
    lines: [
      `machine: ${machineDescription()}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`,
      `${observations.length} measurements (3 radars, 2 days), EGM2008 70×70 + exponential drag, DP853 rtol 1e-11`,
      `peer: one 2-day propagation with the 6×7 STM (full 70×70): ${(peerMs / 1000).toFixed(2)} s wall, ${peerCpu.toFixed(2)} s CPU`,
      `batch LS (state + C_D): ${(ms / 1000).toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU (${(cpu / peerCpu).toFixed(2)}× the peer's CPU), ${fit.iterations} iterations, converged ${fit.converged}, weighted RMS ${fit.weightedRms.toFixed(3)}, position error ${errM.toFixed(2)} m, C_D ${fit.parameters[0]?.value.toFixed(4)}`,
      `peak RSS ${peakRssMiB().toFixed(0)} MiB`,
    ],
  };
}
