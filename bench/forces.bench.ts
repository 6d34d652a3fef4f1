// Force-model evaluation cost: EGM2008 70×70 (and 20×20, 120×120) acceleration per call vs the point-mass peer, same run.
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { BodyPositionCache, bodyPositionKm, conicalShadowFraction, readIcgemGravityField, SphericalHarmonicGravity } from '../packages/core/src/index.ts';
import { machineDescription, type BenchReport } from './common.ts';

/** 1,000 LEO/MEO positions (ITRF, km) spread over the sphere, fixed seed. */
function positions(): Float64Array {
  const p = new Float64Array(3000);
  let s = 12345;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 1000; i++) {
    const z = 2 * rnd() - 1;
    const lon = 2 * Math.PI * rnd();
    const r = 6678 + 2000 * rnd();
    const u = Math.sqrt(1 - z * z);
    p[3 * i] = r * u * Math.cos(lon);
    p[3 * i + 1] = r * u * Math.sin(lon);
    p[3 * i + 2] = r * z;
  }
  return p;
}

/**
 * Nanoseconds per call over at least `minMs` of wall time. The figure is this thread's CPU time (process.cpuUsage,
 * user + system) per call, which is robust to the other sessions sharing the machine; wall time is also returned.
 */
function nsPerCall(fn: (x: number, y: number, z: number, out: Float64Array) => void, p: Float64Array, minMs: number): { ns: number; wallNs: number; sink: number } {
  const out = new Float64Array(3);
  let n = 0;
  let sink = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    for (let i = 0; i < 3000; i += 3) {
      fn(p[i]!, p[i + 1]!, p[i + 2]!, out);
      sink += out[0]!;
    }
    n += 1000;
    t = performance.now();
  }
  const c = process.cpuUsage(c0);
  return { ns: ((c.user + c.system) * 1e3) / n, wallNs: ((t - t0) * 1e6) / n, sink };
}

export async function runForcesBench(): Promise<BenchReport> {
  const path = fileURLToPath(new URL('../data/gravity/EGM2008_to120_tidefree.gfc.gz', import.meta.url));
  const egm = readIcgemGravityField(gunzipSync(readFileSync(path)).toString('utf8'), 'EGM2008_to120_tidefree.gfc');
  const p = positions();
  const pointMass = (x: number, y: number, z: number, out: Float64Array): void => {
    const r2 = x * x + y * y + z * z;
    const k = -398600.4415 / (r2 * Math.sqrt(r2));
    out[0] = k * x;
    out[1] = k * y;
    out[2] = k * z;
  };
  const models = [20, 70, 120].map((d) => new SphericalHarmonicGravity(egm, { degree: d }));
  for (const m of models) nsPerCall((x, y, z, o) => m.accelerationItrf(x, y, z, o), p, 200); // warm-up
  const peer = nsPerCall(pointMass, p, 300);
  const rows = models.map((m) => ({ m, r: nsPerCall((x, y, z, o) => m.accelerationItrf(x, y, z, o), p, 1000) }));
  // Moon position: interpolating cache vs direct astronomy-engine, over one day of 1,000 evaluation times.
  const t0 = 8.262e8;
  const cache = new BodyPositionCache('moon');
  let i = 0;
  const cached = nsPerCall((_x, _y, _z, o) => cache.positionAt(t0 + (i++ % 86400), o), p, 300);
  let j = 0;
  const direct = nsPerCall((_x, _y, _z, o) => bodyPositionKm('moon', t0 + (j++ % 86400), o), p, 300);
  const shadow = nsPerCall((x, y, z, o) => {
    o[0] = conicalShadowFraction(x, y, z, 1.4e8, 3e7, 1e7);
  }, p, 300);
  return {
    name: 'forces',
    lines: [
      `machine: ${machineDescription()}`,
      `peer: point-mass acceleration ${peer.ns.toFixed(1)} ns CPU/call (wall ${peer.wallNs.toFixed(1)} ns)`,
      `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`,
      ...rows.map(({ m, r }) => `EGM2008 ${m.degree}x${m.order}: ${(r.ns / 1000).toFixed(2)} µs CPU/call (wall ${(r.wallNs / 1000).toFixed(2)} µs; ${(r.ns / peer.ns).toFixed(0)}× point mass), one thread, no allocation`),
      `Moon position: cache (1 h, 8-node Lagrange) ${(cached.ns / 1000).toFixed(2)} µs/call vs direct astronomy-engine ${(direct.ns / 1000).toFixed(1)} µs/call (${(direct.ns / cached.ns).toFixed(0)}×)`,
      `conical shadow fraction: ${shadow.ns.toFixed(0)} ns/call`,
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    ],
  };
}
