/**
 * Propagation benchmark: the full catalog (18,407 objects) for one day at 60 s steps (1,441 instants), Skylane's
 * batch SGP4 (single-threaded core and the worker-thread driver) against the peer, a plain per-call satellite.js
 * `sgp4()` loop, measured in the same run on the same objects and instants.
 */
import os from 'node:os';
import { json2satrec, sgp4 } from 'satellite.js';
import { createTimeScales, evenlySpacedTimes, propagateBatch, readElementSets, sgp4InputFrom } from '@skylane/core';
import { propagateParallel } from '@skylane/server';
import { machineDescription, peakRssMiB, readCatalogText, timed, type BenchReport } from './common.ts';

export async function runPropagationBench(): Promise<BenchReport> {
  const ts = createTimeScales();
  const text = readCatalogText();
  const records = JSON.parse(text) as Record<string, unknown>[];
  const sets = readElementSets(text, { format: 'omm-json', timeScales: ts }).elementSets;
  const inputs = sets.map((s) => sgp4InputFrom(s, ts));
  const start = ts.parseUtcIso('2026-03-10T00:00:00Z');
  const anchor = ts.toUtcDaySeconds(start);
  const steps = 1441;
  const times = evenlySpacedTimes(anchor, 60, steps);
  const subsetStride = 6;
  const subset = inputs.filter((_, i) => i % subsetStride === 0);
  const subsetRecords = records.filter((_, i) => i % subsetStride === 0);
  const props = (n: number): number => n * steps;

  // Peer: plain satellite.js, one sgp4() call per object and instant.
  const peer = await timed(() => {
    let sink = 0;
    for (const r of subsetRecords) {
      const satrec = json2satrec(r as unknown as Parameters<typeof json2satrec>[0]);
      const t0Min = (anchor.mjd + 2400000.5 + anchor.seconds / 86400 - satrec.jdsatepoch) * 1440;
      for (let j = 0; j < steps; j++) {
        const pv = sgp4(satrec, t0Min + j);
        if (pv) sink += pv.position.x;
      }
    }
    return sink;
  });
  const single = await timed(() => {
    let sink = 0;
    for (let b = 0; b < subset.length; b += 256) {
      const r = propagateBatch(subset.slice(b, b + 256), times);
      sink += r.states[0] ?? 0;
    }
    return sink;
  });
  const threads = os.availableParallelism();
  const parallelSubset = await timed(() => propagateParallel(subset, times, { threads, onBlock: () => {} }));
  let checksum = 0;
  const full = await timed(() =>
    propagateParallel(inputs, times, {
      threads,
      onBlock: (_first, block) => {
        for (let k = 0; k < block.states.length; k += 6) if (block.states[k] === block.states[k]) checksum += block.states[k]!;
      },
    }),
  );
  const rate = (n: number, ms: number): string => `${((props(n) / ms) * 1e3 / 1e6).toFixed(2)} M props/s`;
  const peerRate = props(subset.length) / peer.ms;
  return {
    name: 'Propagation (SGP4, full catalog, 1 day at 60 s)',
    lines: [
      `machine: ${machineDescription()}`,
      `objects ${inputs.length}, instants ${steps}, propagations ${props(inputs.length).toLocaleString('en-US')}`,
      `peer  satellite.js sgp4() loop, 1 thread, ${subset.length} objects: ${(peer.ms / 1e3).toFixed(2)} s, ${rate(subset.length, peer.ms)}`,
      `core  propagateBatch, 1 thread, same objects:          ${(single.ms / 1e3).toFixed(2)} s, ${rate(subset.length, single.ms)} (×${(props(subset.length) / single.ms / peerRate).toFixed(2)} of peer)`,
      `server propagateParallel, ${threads} threads, same objects:   ${(parallelSubset.ms / 1e3).toFixed(2)} s, ${rate(subset.length, parallelSubset.ms)} (×${(props(subset.length) / parallelSubset.ms / peerRate).toFixed(2)} of peer)`,
      `server propagateParallel, ${threads} threads, full catalog:   ${(full.ms / 1e3).toFixed(2)} s, ${rate(inputs.length, full.ms)} (×${(props(inputs.length) / full.ms / peerRate).toFixed(2)} of peer), ${full.value.length} objects failed`,
      `peak RSS ${peakRssMiB().toFixed(0)} MiB (checksum ${checksum.toExponential(6)})`,
    ],
  };
}
