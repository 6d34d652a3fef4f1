/**
 * TT&C benchmark: passes of a Qianfan-like shell (36 planes × 36 satellites = 1,296, elements derived from the real
 * QIANFAN-1 element set: same epoch, mean motion, inclination and drag, RAAN every 10°, mean anomaly every 10° with a
 * 5° inter-plane phase) over 20 stations of the sample network for 24 h, then contact scheduling of the same.
 * `npm run bench -- passes`; `TTC_BENCH_PLANES=N` shrinks the shell to N planes.
 * Peers measured in the same run: a naive fixed-step elevation scan (10 s and 60 s steps, same SGP4 and frames)
 * for passes, and the exact MILP (HiGHS) on instances small enough to solve, for the heuristic's objective.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import {
  buildSchedulingProblem,
  compileStation,
  createTimeScales,
  EarthFixedTrack,
  predictPassesBatch,
  SAMPLE_GROUND_NETWORK,
  scheduleExact,
  scheduleHeuristic,
  Sgp4Satellite,
  validateSchedule,
  type GroundStation,
  type Pass,
  type Sgp4Input,
} from '@skylane/core';
// Imported from their modules rather than the @skylane/server barrel, so that the benchmark does not load the HTTP layer.
import { highsMilpSolver } from '../packages/server/src/planning/highsSolver.ts';
import { predictPassesParallel } from '../packages/server/src/passes/index.ts';
import { sgp4InputFromOmm, type OmmJson } from '../packages/core/test/events/ommHelper.ts';
import { machineDescription, peakRssMiB, timed, type BenchReport } from './common.ts';

const START = '2026-03-10T00:00:00Z';
const STOP = '2026-03-11T00:00:00Z';

function shell(template: Sgp4Input, planes: number, perPlane: number): Sgp4Input[] {
  const out: Sgp4Input[] = [];
  for (let p = 0; p < planes; p++) {
    for (let k = 0; k < perPlane; k++) {
      out.push({
        ...template,
        catalogNumber: 900_000 + p * perPlane + k,
        raanDeg: (template.raanDeg + (360 / planes) * p) % 360,
        meanAnomalyDeg: (template.meanAnomalyDeg + (360 / perPlane) * k + (5 * p) % (360 / perPlane)) % 360,
      });
    }
  }
  return out;
}

/** Naive peer: elevation sampled every stepS; a pass is a run of samples above the threshold (flat masks only). */
function naiveScan(inputs: readonly Sgp4Input[], stations: readonly GroundStation[], window: { start: ReturnType<ReturnType<typeof createTimeScales>['parseUtcIso']>; stop: ReturnType<ReturnType<typeof createTimeScales>['parseUtcIso']> }, ts: ReturnType<typeof createTimeScales>, stepS: number): { sat: number; station: string; aosS: number; losS: number }[] {
  const found: { sat: number; station: string; aosS: number; losS: number }[] = [];
  const out = new Float64Array(6);
  for (const input of inputs) {
    const track = EarthFixedTrack.create(Sgp4Satellite.create(input), window, ts);
    const open = new Float64Array(stations.length).fill(Number.NaN);
    for (let t = 0; t <= track.durationS; t += stepS) {
      track.itrfInto(t, out, 0);
      stations.forEach((st, k) => {
        const p = st.itrfKm;
        const rx = out[0]! - p[0];
        const ry = out[1]! - p[1];
        const rz = out[2]! - p[2];
        const m = st.enu;
        const sinEl = (m[6]! * rx + m[7]! * ry + m[8]! * rz) / Math.hypot(rx, ry, rz);
        const up = sinEl >= Math.sin(st.minElevationRad);
        if (up && Number.isNaN(open[k]!)) open[k] = t;
        else if (!up && !Number.isNaN(open[k]!)) {
          found.push({ sat: input.catalogNumber, station: st.id, aosS: open[k]!, losS: t });
          open[k] = Number.NaN;
        }
      });
    }
  }
  return found;
}

function missedBy(ours: readonly Pass[], naive: readonly { sat: number; station: string; aosS: number; losS: number }[]): number {
  const key = (s: number, st: string): string => `${s}|${st}`;
  const byPair = new Map<string, { aosS: number; losS: number }[]>();
  for (const p of naive) {
    const k = key(p.sat, p.station);
    const l = byPair.get(k);
    if (l) l.push(p);
    else byPair.set(k, [p]);
  }
  let missed = 0;
  for (const p of ours) {
    if (p.aosClipped || p.losClipped) continue;
    const l = byPair.get(key(p.catalogNumber, p.stationId)) ?? [];
    if (!l.some((q) => q.aosS <= p.losS + 1 && q.losS >= p.aosS - 1)) missed++;
  }
  return missed;
}

const load = (): string => os.loadavg().map((x) => x.toFixed(1)).join(' / ');

export async function runPassesBench(): Promise<BenchReport> {
  const ts = createTimeScales();
  const window = { start: ts.parseUtcIso(START), stop: ts.parseUtcIso(STOP) };
  const qianfan = JSON.parse(readFileSync(new URL('../packages/core/test/events/fixtures/qianfan-36.json', import.meta.url), 'utf8')) as OmmJson[];
  const planes = Number(process.env['TTC_BENCH_PLANES'] ?? 36);
  const inputs = shell(sgp4InputFromOmm(qianfan[0]!, ts), planes, 36);
  const specs = SAMPLE_GROUND_NETWORK.slice(0, 20);
  const stations = specs.map((s) => compileStation(s, ts));
  const lines: string[] = [];
  const say = (l: string): void => {
    lines.push(l);
    process.stderr.write(`  ${l}\n`);
  };
  say(`machine: ${machineDescription()}; load average (1/5/15 min) at start ${load()}`);
  say(`${inputs.length} satellites × ${stations.length} stations × 24 h (${START})`);

  const single = await timed(() => predictPassesBatch(inputs, stations, window, ts));
  const passes = single.value.passes;
  say(`passes (root finding, with Sun/shadow, 1 thread): ${passes.length} passes in ${(single.ms / 1000).toFixed(2)} s; load ${load()}`);
  const threads = 2;
  const parallel = await timed(() => predictPassesParallel({ inputs, stations: specs, startIso: START, stopIso: STOP }, { threads }));
  const identical = JSON.stringify(parallel.value.passes) === JSON.stringify(passes);
  say(`passes (root finding, with Sun/shadow, ${threads} worker threads): ${(parallel.ms / 1000).toFixed(2)} s = ${(single.ms / parallel.ms).toFixed(2)}× 1 thread, identical to 1 thread: ${identical}; load ${load()}`);

  // Peer on a slice (the first 4 planes = 144 satellites): naive fixed-step scans vs root finding, both without Sun/shadow.
  const slice = inputs.slice(0, Math.min(inputs.length, 144));
  const sliceRoot = await timed(() => predictPassesBatch(slice, stations, window, ts, { illumination: false }));
  const slicePasses = sliceRoot.value.passes;
  say(`slice of ${slice.length} satellites: root finding without Sun/shadow, 1 thread: ${slicePasses.length} passes in ${(sliceRoot.ms / 1000).toFixed(2)} s`);
  const naive10 = await timed(() => naiveScan(slice, stations, window, ts, 10));
  say(`  peer naive 10 s scan (±10 s AOS/LOS): ${(naive10.ms / 1000).toFixed(2)} s = ${(naive10.ms / sliceRoot.ms).toFixed(2)}× root finding; missed ${missedBy(slicePasses, naive10.value)} of ${slicePasses.length} passes`);
  const naive60 = await timed(() => naiveScan(slice, stations, window, ts, 60));
  say(`  peer naive 60 s scan (±60 s AOS/LOS): ${(naive60.ms / 1000).toFixed(2)} s = ${(naive60.ms / sliceRoot.ms).toFixed(2)}× root finding; missed ${missedBy(slicePasses, naive60.value)} passes; load ${load()}`);

  // Scheduling of the same: every satellite asks for 4 contacts/day, at most 6 h apart, min contact 120 s.
  const ids = inputs.map((i) => i.catalogNumber);
  const problem = buildSchedulingProblem(passes, ids, stations, window, ts, [], {
    minContactDurationS: 120,
    defaultRequirement: { minContactsPerDay: 4, maxGapS: 6 * 3600 },
  });
  const cpu0 = process.cpuUsage();
  const heur = await timed(() => scheduleHeuristic(problem));
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const violations = validateSchedule(heur.value.contacts, passes, stations, window, ts, 120);
  const m = heur.value.metrics;
  const util = m.stations.map((s) => s.utilisation);
  const meanUtil = m.stations.reduce((a, s, k) => a + s.utilisation * stations[k]!.antennaCount, 0) / stations.reduce((a, s) => a + s.antennaCount, 0);
  const missing = heur.value.unmet.reduce((a, u) => a + u.missingContacts, 0);
  const gaps = heur.value.unmet.reduce((a, u) => a + u.gapViolations, 0);
  say(
    `schedule (heuristic, 1 thread): ${problem.opportunities.length} opportunities → ${m.contacts} contacts, ${(m.totalContactS / 3600).toFixed(1)} h, ` +
      `${m.satellitesWithUnmetRequirements} of ${m.satellites} satellites with unmet requirements (${missing} missing contacts, ${gaps} gap violations), ` +
      `antenna utilisation ${(meanUtil * 100).toFixed(1)} % (stations ${(Math.min(...util) * 100).toFixed(0)}–${(Math.max(...util) * 100).toFixed(0)} %), objective ${heur.value.objective.toFixed(0)}, ` +
      `${(heur.ms / 1000).toFixed(2)} s wall, ${cpuS.toFixed(2)} s CPU, validator violations ${violations.length}; load ${load()}`,
  );

  // Heuristic vs exact optimum on small instances cut from the same shell (evenly spaced satellites, one antenna per station).
  const small: [number, number, number][] = [
    [8, 3, 3],
    [12, 4, 2],
    [16, 5, 4],
    [24, 6, 4],
  ];
  const chinaFirst = ['KASHI', 'SANYA', 'JIAMUSI', 'WEINAN', 'KIRUNA', 'SVALSAT'];
  const milpLimitS = 60;
  for (const [nSat, nSt, perDay] of small) {
    const subset = inputs.filter((_, i) => i % Math.floor(inputs.length / nSat) === 0).slice(0, nSat);
    const subStations = chinaFirst.slice(0, nSt).map((id) => stations.find((s) => s.id === id)!).map((s) => compileStation({ ...s.spec, antennas: { count: 1, setupTimeS: 180 } }, ts));
    const sp = predictPassesBatch(subset, subStations, window, ts, { illumination: false }).passes;
    const prob = buildSchedulingProblem(sp, subset.map((s) => s.catalogNumber), subStations, window, ts, [], {
      minContactDurationS: 120,
      defaultRequirement: { minContactsPerDay: perDay, maxGapS: 8 * 3600 },
    });
    const ex = await timed(() => scheduleExact(prob, highsMilpSolver, { timeLimitS: milpLimitS }));
    const he = await timed(() => scheduleHeuristic(prob));
    const bad = validateSchedule(he.value.contacts, sp, subStations, window, ts, 120).length + validateSchedule(ex.value.contacts, sp, subStations, window, ts, 120).length;
    const o = ex.value.objective;
    const h = he.value.objective;
    const cmp =
      ex.value.status === 'optimal'
        ? `optimum ${o.toFixed(1)} (proven) in ${(ex.ms / 1000).toFixed(2)} s; heuristic ${h.toFixed(1)} in ${(he.ms / 1000).toFixed(2)} s; ratio ${(h / o).toFixed(4)}, shortfall ${((o - h) / Math.abs(o) * 100).toFixed(2)} % of |optimum|`
        : `MILP hit its ${milpLimitS} s time limit: incumbent ${o.toFixed(1)}, not proven optimal, no ratio counted; heuristic ${h.toFixed(1)} in ${(he.ms / 1000).toFixed(2)} s (heuristic − incumbent ${(h - o).toFixed(1)})`;
    say(`small ${nSat} sats × ${nSt} stations (${prob.opportunities.length} opportunities, ${perDay}/day, 8 h gap): ${cmp}; unmet satellites MILP ${ex.value.unmet.length}, heuristic ${he.value.unmet.length}; validator violations ${bad}`);
  }
  say(`peak RSS ${peakRssMiB().toFixed(0)} MiB; load average at end ${load()}`);
  return { name: 'TT&C: passes and contact scheduling', lines };
}

const invokedDirectly = process.argv[1] !== undefined && /passes\.bench\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  const r = await runPassesBench();
  process.stdout.write(`## ${r.name}\n${r.lines.map((l) => `    ${l}`).join('\n')}\n`);
}
