/**
 * SGP4 call benchmark (issue #18 item 4): calls per second of Skylane's own allocation-free near-earth step
 * (`Sgp4Satellite.propagateInto`) against the peer, satellite.js 7.1's `sgp4()` on the same objects and times, in
 * the same run: every near-earth object of the bundled catalog, 60 per-minute instants from 2026-03-10T00:00Z.
 * Three variants are alternated over several rounds (the machine is shared): ours, satellite.js through the
 * wrapper (`propagateSatelliteJsInto`, today's path before the change) and a plain `sgp4()` loop.
 */
import { json2satrec, sgp4, type SatRec } from 'satellite.js';
import { createTimeScales, readElementSets, sgp4InputFrom, Sgp4Satellite } from '@skylane/core';
import { machineDescription, readCatalogText, type BenchReport } from './common.ts';

export async function runSgp4StepBench(flags: readonly string[] = []): Promise<BenchReport> {
  const rounds = Number(flags.find((f) => f.startsWith('--rounds='))?.slice(9) ?? 4);
  const ts = createTimeScales();
  const text = readCatalogText();
  const records = JSON.parse(text) as Record<string, unknown>[];
  const sets = readElementSets(text, { format: 'omm-json', timeScales: ts }).elementSets;
  const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
  const steps = 60;
  const sats: Sgp4Satellite[] = [];
  const t0s: number[] = [];
  const satrecs: SatRec[] = [];
  const satrecT0s: number[] = [];
  const anchor = ts.toUtcDaySeconds(start);
  for (let i = 0; i < sets.length; i++) {
    let sat: Sgp4Satellite;
    try {
      sat = Sgp4Satellite.create(sgp4InputFrom(sets[i]!, ts));
    } catch {
      continue;
    }
    if (!sat.usesNearEarthStep) continue;
    sats.push(sat);
    t0s.push(ts.utcClockSecondsBetween(sets[i]!.epoch, start) / 60);
    const satrec = json2satrec(records[i] as unknown as Parameters<typeof json2satrec>[0]);
    satrecs.push(satrec);
    satrecT0s.push((anchor.mjd + 2400000.5 + anchor.seconds / 86400 - satrec.jdsatepoch) * 1440);
  }
  const calls = sats.length * steps;
  const out = new Float64Array(6);
  const variants: [string, () => number][] = [
    [
      'ours  near-earth step (propagateInto)',
      () => {
        let sink = 0;
        for (let i = 0; i < sats.length; i++) {
          const sat = sats[i]!;
          const t0 = t0s[i]!;
          for (let j = 0; j < steps; j++) if (sat.propagateInto(t0 + j, out, 0) === 0) sink += out[0]!;
        }
        return sink;
      },
    ],
    [
      'base  satellite.js via wrapper (propagateSatelliteJsInto)',
      () => {
        let sink = 0;
        for (let i = 0; i < sats.length; i++) {
          const sat = sats[i]!;
          const t0 = t0s[i]!;
          for (let j = 0; j < steps; j++) if (sat.propagateSatelliteJsInto(t0 + j, out, 0) === 0) sink += out[0]!;
        }
        return sink;
      },
    ],
    [
      'peer  plain satellite.js sgp4() loop',
      () => {
        let sink = 0;
        for (let i = 0; i < satrecs.length; i++) {
          const satrec = satrecs[i]!;
          const t0 = satrecT0s[i]!;
          for (let j = 0; j < steps; j++) {
            const pv = sgp4(satrec, t0 + j);
            if (pv) sink += pv.position.x;
          }
        }
        return sink;
      },
    ],
  ];
  const ns: number[][] = variants.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let v = 0; v < variants.length; v++) {
      const t0 = performance.now();
      variants[v]![1]();
      ns[v]!.push(((performance.now() - t0) * 1e6) / calls);
    }
  }
  const median = (a: number[]): number => {
    const s = [...a].sort((x, y) => x - y);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const peerMedian = median(ns[2]!);
  return {
    name: 'SGP4 call (near-earth objects of the catalog, 60 per-minute instants, rounds alternated)',
    lines: [
      `machine: ${machineDescription()}`,
      `near-earth objects ${sats.length}, calls per variant and round ${calls.toLocaleString('en-US')}, rounds ${rounds} (the first includes JIT warm-up)`,
      ...variants.map(
        ([name], v) =>
          `${name.padEnd(58)} ns/call ${ns[v]!.map((x) => x.toFixed(0)).join(' ')}; median ${median(ns[v]!).toFixed(0)} ns, ${(1e3 / median(ns[v]!)).toFixed(2)} M calls/s (×${(peerMedian / median(ns[v]!)).toFixed(2)} of the plain sgp4 loop)`,
      ),
    ],
  };
}
