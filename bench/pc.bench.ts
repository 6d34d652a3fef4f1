// 2D Pc throughput: Foster (exact erfc quadrature) and Chan (series) vs a naive 2D grid integration peer, same run.
import { pcChan1997Principal, pcFoster1992Principal, type PrincipalEncounter } from '../packages/core/src/index.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Event { enc: PrincipalEncounter; r: number }

function loadEvents(): Event[] {
  const path = fileURLToPath(new URL('../validation/collision-probability/pc-test-cases.json', import.meta.url));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const d: any = JSON.parse(readFileSync(path, 'utf8'));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return d.encounter_plane_2d_cases.cases.map((c: any) => ({
    enc: { xmKm: c.inputs_m.xm, ymKm: c.inputs_m.ym, sigmaXKm: c.inputs_m.sigmaX, sigmaYKm: c.inputs_m.sigmaY },
    r: c.inputs_m.radius,
  }));
}

/** Naive peer: midpoint rule on an n x n grid over the bounding square of the hard-body circle. */
function gridPc(e: Event, n: number): number {
  const { xmKm: xm, ymKm: ym, sigmaXKm: sx, sigmaYKm: sy } = e.enc;
  const h = (2 * e.r) / n;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const x = -e.r + (i + 0.5) * h;
    for (let j = 0; j < n; j++) {
      const y = -e.r + (j + 0.5) * h;
      if (x * x + y * y > e.r * e.r) continue;
      const u = (x - xm) / sx, v = (y - ym) / sy;
      s += Math.exp(-0.5 * (u * u + v * v));
    }
  }
  return (s * h * h) / (2 * Math.PI * sx * sy);
}

function rate(fn: (e: Event) => number, events: Event[], minMs: number): { perSec: number; sink: number } {
  let n = 0, sink = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    for (const e of events) sink += fn(e);
    n += events.length;
    t = performance.now();
  }
  return { perSec: (n * 1000) / (t - t0), sink };
}

export async function runPcBench(): Promise<{ name: string; lines: string[] }> {
  const events = loadEvents();
  const t0 = performance.now();
  const gridN = 200;
  rate((e) => pcFoster1992Principal(e.enc, e.r), events, 200); // warm-up
  const foster = rate((e) => pcFoster1992Principal(e.enc, e.r), events, 1000);
  const chan = rate((e) => pcChan1997Principal(e.enc, e.r), events, 1000);
  const grid = rate((e) => gridPc(e, gridN), events, 1000);
  const mem = process.memoryUsage().rss / 2 ** 20;
  return {
    name: 'pc-2d',
    lines: [
      `events: ${events.length} Orekit encounter-plane cases, cycled`,
      `Foster 1992 (erfc + adaptive Gauss–Legendre, ~1e-12 rel): ${foster.perSec.toFixed(0)} events/s = ${(foster.perSec / grid.perSec).toFixed(1)}x the ${gridN}x${gridN} grid peer`,
      `Chan 1997 (20-term series):                    ${chan.perSec.toFixed(0)} events/s = ${(chan.perSec / grid.perSec).toFixed(1)}x the grid peer`,
      `naive ${gridN}x${gridN} grid peer:                       ${grid.perSec.toFixed(0)} events/s (inaccurate for thin ellipses)`,
      `wall ${((performance.now() - t0) / 1000).toFixed(1)} s, rss ${mem.toFixed(0)} MiB`,
    ],
  };
}
