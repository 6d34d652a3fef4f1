/**
 * High-fidelity single-satellite benchmark (issue #12): one LEO satellite (ISS-like, 420 km, 51.6°), one day,
 * EGM2008 70×70 + NRLMSISE-00 (CelesTrak SW, GMAT convention) + Sun + Moon + cannonball SRP (conical shadow), DP853 at
 * rtol 1e-10 (atol 1e-10 km and km/s), 60 s output, one thread. Force models built exactly as `skylane propagate
 * --state` builds them (buildForceModels). Peer in the same run: the same orbit with point-mass gravity only. The
 * figure is this thread's CPU time (process.cpuUsage), robust to other load on the machine; wall time is shown too.
 * `--repeat=N` repeats the measured run (default 3, best kept).
 */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { buildForceModels, createTimeScales, NumericalPropagator, readIcgemGravityField, type ForceModel, type SpacecraftProperties } from '@skylane/core';
import { machineDescription, type BenchReport } from './common.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export async function runHifiBench(repeat = 3): Promise<BenchReport> {
  const ts = createTimeScales();
  const epoch = ts.parseUtcIso('2026-06-01T00:00:00Z');
  const field = readIcgemGravityField(gunzipSync(readFileSync(`${ROOT}data/gravity/EGM2008_to120_tidefree.gfc.gz`)).toString('utf8'), 'EGM2008', { maxDegree: 70 });
  const sw = { text: readFileSync(`${ROOT}validation/celestrak-space-weather/SW-window-2026.txt`, 'utf8'), source: 'SW-window-2026.txt' };
  const spacecraft: SpacecraftProperties = { massKg: 420_000, dragAreaM2: 1600, dragCoefficient: 2.2, srpAreaM2: 1600, reflectivityCoefficient: 1.3 };
  // ISS-like circular orbit, 420 km, 51.6°.
  const r = 6378.137 + 420;
  const v = Math.sqrt(398600.4418 / r);
  const inc = (51.6 * Math.PI) / 180;
  const state = [r, 0, 0, 0, v * Math.cos(inc), v * Math.sin(inc)];
  const outputTimesS = Float64Array.from({ length: 1441 }, (_, j) => j * 60);
  const from = { source: 'bench', keywordLines: {} };
  const full = (): ForceModel[] =>
    buildForceModels({ gravityField: field, degree: 70, order: 70, thirdBodies: ['sun', 'moon'], drag: 'nrlmsise00', srp: 'cannonball', spaceWeather: sw }, epoch, ts, spacecraft, from);
  const point = (): ForceModel[] => buildForceModels({ degree: 0, order: 0, thirdBodies: [], drag: 'none', srp: 'none' }, epoch, ts, spacecraft, from);

  const measure = (forces: () => ForceModel[]): { cpuMs: number; wallMs: number; evals: number; steps: number } => {
    let best = { cpuMs: Infinity, wallMs: Infinity, evals: 0, steps: 0 };
    for (let k = 0; k < repeat; k++) {
      // Fresh models each time: caches (Sun/Moon nodes, space-weather days) are part of the cost.
      const prop = new NumericalPropagator({ timeScales: ts, forces: forces(), spacecraft, integrator: 'dp853', rtol: 1e-10, atol: 1e-10 });
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = prop.propagate({ epoch, state, stop: 86400, outputTimesS });
      const wallMs = performance.now() - t0;
      const c = process.cpuUsage(c0);
      const cpuMs = (c.user + c.system) / 1000;
      if (cpuMs < best.cpuMs) best = { cpuMs, wallMs, evals: res.evaluations, steps: res.acceptedSteps };
    }
    return best;
  };
  const peer = measure(point);
  const hifi = measure(full);
  return {
    name: 'High-fidelity LEO day (EGM2008 70×70 + NRLMSISE-00 + Sun + Moon + SRP, DP853 rtol 1e-10, one thread)',
    lines: [
      `machine: ${machineDescription()} (load average ${os.loadavg().map((x) => x.toFixed(1)).join(', ')})`,
      `full model: ${(hifi.cpuMs / 1e3).toFixed(3)} s CPU (${(hifi.wallMs / 1e3).toFixed(3)} s wall), ${hifi.steps} steps, ${hifi.evals} force evaluations, ${((hifi.cpuMs * 1e3) / hifi.evals).toFixed(1)} µs per evaluation (target: under 1 s)`,
      `peer, point mass only, same orbit and tolerances: ${(peer.cpuMs / 1e3).toFixed(3)} s CPU, ${peer.evals} evaluations; full/peer ×${(hifi.cpuMs / peer.cpuMs).toFixed(1)}`,
      `best of ${repeat} runs each`,
    ],
  };
}
