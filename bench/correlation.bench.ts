/**
 * Correlation benchmark (issue 13): N simulated tracks (default 100,000; `--tracks=N`) against the bundled
 * 18,407-object catalog. Each track is a position fix (σ 100 m per axis) of a random catalog object at a random
 * instant of a 2-hour window, the truth displaced from the catalog's SGP4 prediction by a draw from the assumed
 * catalog covariance. Peer measured in the same run: a brute-force reference that propagates EVERY catalog object
 * exactly to each track's instant and scores it with the same Mahalanobis gate, on the first `--peer=N` tracks
 * (default 200); its assignments must equal the fast path's.
 */
import {
  correlateTracks, createTimeScales, DEFAULT_CATALOG_COVARIANCE, GATE_CHI2_3DOF_9999, readElementSets, Sgp4Satellite, sgp4InputFrom, vec3,
  type Instant, type Track,
} from '@skylane/core';
import { rng, gaussian } from '../packages/core/test/helpers/trackSim.ts';
import { machineDescription, peakRssMiB, readCatalogText, timed, type BenchReport } from './common.ts';

export function correlationBenchFlags(flags: readonly string[]): { tracks: number; peer: number } {
  const get = (k: string, d: number): number => {
    const f = flags.find((x) => x.startsWith(`--${k}=`));
    return f ? Number(f.slice(k.length + 3)) : d;
  };
  return { tracks: get('tracks', 100_000), peer: get('peer', 200) };
}

export async function runCorrelationBench(opts: { tracks: number; peer: number }): Promise<BenchReport> {
  const ts = createTimeScales();
  const catalog = readElementSets(readCatalogText(), { format: 'auto', timeScales: ts }).elementSets;
  const sats = catalog.map((el) => {
    try {
      return { el, sat: Sgp4Satellite.create(sgp4InputFrom(el, ts)) };
    } catch {
      return undefined;
    }
  });
  const start = ts.parseUtcIso('2026-03-10T12:00:00Z');
  const r = rng(2026);
  const tracks: Track[] = [];
  const truth: number[] = [];
  const sigma = 0.1;
  const simStart = performance.now();
  while (tracks.length < opts.tracks) {
    const x = sats[Math.floor(r() * sats.length)];
    if (!x) continue;
    const epoch: Instant = ts.plusUtcClockSeconds(start, r() * 7200);
    let sv;
    try {
      sv = x.sat.propagateMinutes(ts.utcClockSecondsBetween(x.el.epoch, epoch) / 60);
    } catch {
      continue;
    }
    const s = DEFAULT_CATALOG_COVARIANCE.sigmasKm(ts.utcClockSecondsBetween(x.el.epoch, epoch) / 86400);
    const rn = Math.hypot(...sv.r);
    const R = sv.r.map((c) => c / rn);
    const h = [sv.r[1] * sv.v[2] - sv.r[2] * sv.v[1], sv.r[2] * sv.v[0] - sv.r[0] * sv.v[2], sv.r[0] * sv.v[1] - sv.r[1] * sv.v[0]];
    const hn = Math.hypot(h[0]!, h[1]!, h[2]!);
    const N = h.map((c) => c / hn);
    const T = [N[1]! * R[2]! - N[2]! * R[1]!, N[2]! * R[0]! - N[0]! * R[2]!, N[0]! * R[1]! - N[1]! * R[0]!];
    const o = [s[0] * gaussian(r), s[1] * gaussian(r), s[2] * gaussian(r)];
    const p = [0, 1, 2].map((i) => sv.r[i]! + o[0]! * R[i]! + o[1]! * T[i]! + o[2]! * N[i]! + sigma * gaussian(r));
    tracks.push({ id: String(tracks.length), observationCount: 1, fix: { kind: 'position', epoch, positionKm: vec3<'TEME'>(p[0]!, p[1]!, p[2]!), covarianceKm2: [sigma ** 2, 0, 0, 0, sigma ** 2, 0, 0, 0, sigma ** 2] } });
    truth.push(x.el.catalogNumber);
  }
  const simMs = performance.now() - simStart;
  const fast = await timed(() => correlateTracks(tracks, catalog, { timeScales: ts }));
  let correct = 0, wrong = 0, ambiguous = 0, uct = 0;
  fast.value.results.forEach((res, i) => {
    if (res.status === 'uct') uct++;
    else if (res.catalogNumber === truth[i]) correct++;
    else if (res.status === 'correlated') wrong++;
    if (res.status === 'ambiguous') ambiguous++;
  });
  // Peer: brute force, every object exactly, same covariance and gate.
  const peerTracks = tracks.slice(0, opts.peer);
  const peer = await timed(() => correlateTracks(peerTracks, catalog, { timeScales: ts, cellKm: 1e9 }));
  let agree = 0;
  peer.value.results.forEach((res, i) => {
    if (res.status === fast.value.results[i]!.status && res.catalogNumber === fast.value.results[i]!.catalogNumber) agree++;
  });
  const perTrackFast = fast.ms / tracks.length;
  const perTrackPeer = peer.ms / peerTracks.length;
  return {
    name: 'Correlation (issue 13)',
    lines: [
      `machine: ${machineDescription()}`,
      `${tracks.length} position tracks over 2 h vs ${catalog.length} objects (gate χ²₃ 99.99 % = ${GATE_CHI2_3DOF_9999}); simulation ${(simMs / 1000).toFixed(1)} s`,
      `fast path: ${(fast.ms / 1000).toFixed(2)} s, ${(tracks.length / (fast.ms / 1000)).toFixed(0)} tracks/s, ${(perTrackFast * 1000).toFixed(1)} µs/track`,
      `  correct ${correct} (${((100 * correct) / tracks.length).toFixed(2)} %), wrong inside the gate ${wrong}, ambiguous ${ambiguous}, UCT ${uct}`,
      `peer (brute force over the catalog, one spatial cell): ${peerTracks.length} tracks in ${(peer.ms / 1000).toFixed(2)} s, ${(perTrackPeer * 1000).toFixed(0)} µs/track; agreement ${agree}/${peerTracks.length}`,
      `speed-up vs peer per track: ${(perTrackPeer / perTrackFast).toFixed(1)}×; peak RSS ${peakRssMiB().toFixed(0)} MiB`,
    ],
  };
}
