/**
 * Constellation benchmark: coverage of a 1,296-satellite shell (Walker 1296/36/1 at 1,068.5 km, 89°) on a 1° grid
 * for 24 h at 60 s, minimum elevation 10°, on worker threads (`computeCoverageParallel`), and a full campaign plan.
 * Peer measured in the same run: the brute-force reference of the coverage test (every cell a ground station,
 * lookAngles for every satellite and sample, full TEME→ITRF chain) on a slice of the same problem (`--peer-rows`
 * latitude rows, default 2, ~720 cells, 1 h); the figure is the ratio of cell×satellite×sample evaluations per second.
 * `npm run bench -- constellation`; flags: `--hours=H` (default 24), `--campaign` adds the 15,000-satellite,
 * 3-shell campaign plan with deployment screening.
 */
import { availableParallelism } from 'node:os';
import {
  compileStation,
  createTimeScales,
  designConstellation,
  designElementSets,
  lookAngles,
  planDeployment,
  Sgp4Satellite,
  sgp4InputFrom,
  temeToItrf,
  type CoverageRequest,
} from '@skylane/core';
import { computeCoverageParallel } from '../packages/server/src/constellation/index.ts';
import { machineDescription, peakRssMiB, timed, type BenchReport } from './common.ts';

const START = '2026-03-10T00:00:00Z';

function flag(flags: readonly string[], name: string): string | undefined {
  const f = flags.find((x) => x.startsWith(`--${name}`));
  if (f === undefined) return undefined;
  const eq = f.indexOf('=');
  return eq < 0 ? 'true' : f.slice(eq + 1);
}

export async function runConstellationBench(flags: readonly string[] = []): Promise<BenchReport> {
  const ts = createTimeScales();
  const hours = Number(flag(flags, 'hours') ?? 24);
  const peerRows = Number(flag(flags, 'peer-rows') ?? 2);
  const design = designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: 1296, planes: 36, phasing: 1, altitudeKm: 1068.5, inclinationDeg: 89 }] });
  const inputs = designElementSets(design, ts.parseUtcIso(START)).map((e) => sgp4InputFrom(e, ts));
  const req: CoverageRequest = { inputs, startIso: START, durationS: hours * 3600, stepS: 60, minElevationDeg: 10, latStepDeg: 1, lonStepDeg: 1 };
  const threads = Math.min(2, availableParallelism());
  const fast = await timed(() => computeCoverageParallel(req, { threads }));
  const samples = Math.floor(req.durationS / req.stepS) + 1;
  const fastRate = (64_800 * 1296 * samples) / (fast.ms / 1000);

  // Peer: brute force on peerRows rows around 45°N for 1 h.
  const peerSamples = 61;
  const start = ts.parseUtcIso(START);
  const sats = inputs.map((i) => Sgp4Satellite.create(i));
  const peer = await timed(() => {
    let inView = 0;
    const stations = [];
    for (let k = 0; k < peerRows; k++) for (let j = 0; j < 360; j++) stations.push(compileStation({ id: 'C', latDeg: 45.5 + k, lonDeg: -179.5 + j, altM: 0, minElevationDeg: 10 }, ts));
    for (let m = 0; m < peerSamples; m++) {
      const t = ts.plusUtcClockSeconds(start, m * 60);
      const utc = ts.toUtcDaySeconds(t);
      const pos = sats.map((s) => temeToItrf(s.propagateAt(utc), t, ts).r);
      for (const st of stations) for (const p of pos) if (lookAngles(st, p).elevationRad >= (10 * Math.PI) / 180) inView++;
    }
    return inView;
  });
  const peerRate = (peerRows * 360 * 1296 * peerSamples) / (peer.ms / 1000);
  const lines = [
    `machine: ${machineDescription()}`,
    `coverage 1,296 satellites, 1° grid (64,800 cells), ${hours} h at 60 s, ${threads} threads: ${(fast.ms / 1000).toFixed(1)} s wall`,
    `  global coverage ${(fast.value.coverageFraction * 100).toFixed(2)} %, mean in view ${fast.value.meanSatellitesInView.toFixed(2)}, max revisit gap ${fast.value.maxRevisitGapS} s`,
    `  ${(fastRate / 1e9).toFixed(2)} G cell·satellite·samples/s vs brute-force peer ${(peerRate / 1e6).toFixed(2)} M/s (${peerRows} rows, 1 h, 1 thread): ratio ${(fastRate / peerRate).toFixed(0)}×`,
    `  peak RSS ${peakRssMiB().toFixed(0)} MiB`,
  ];
  if (flag(flags, 'campaign') !== undefined) {
    const big = designConstellation({
      shells: [
        { kind: 'walker-delta', totalSatellites: 5184, planes: 72, phasing: 1, altitudeKm: 1068.5, inclinationDeg: 89 },
        { kind: 'walker-delta', totalSatellites: 5184, planes: 72, phasing: 1, altitudeKm: 1100, inclinationDeg: 53 },
        { kind: 'walker-delta', totalSatellites: 4632, planes: 72, phasing: 1, altitudeKm: 1150, inclinationDeg: 60 },
      ].map((s) => ({ ...s, kind: 'walker-delta' as const, totalSatellites: s.totalSatellites - (s.totalSatellites % s.planes) })),
    });
    const t0 = performance.now();
    const plan = await timed(() =>
      planDeployment(big, {
        start: ts.parseUtcIso(START),
        timeScales: ts,
        insertionAltitudeKm: 800,
        satellitesPerLaunch: 36,
        safety: { alertDistanceKm: 1, reportDistanceKm: 10, screeningDays: 1 },
        onLaunch: (n, placed, total) => {
          if (n % 50 === 0) process.stderr.write(`  campaign: ${n} launches, ${placed}/${total} satellites, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
        },
      }),
    );
    lines.push(
      `campaign ${big.satellites.length} satellites, 3 shells, screening on: ${(plan.ms / 1000).toFixed(1)} s wall, ${plan.value.launchCount} launches, full service ${plan.value.fullServiceEpoch}, ${plan.value.launchesRephased} rephased`,
    );
  }
  return { name: 'constellation coverage and campaign', lines };
}
