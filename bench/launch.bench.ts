/**
 * Launch benchmarks (issue #17 targets): a 1,000-sample Monte Carlo dispersion of a three-stage vehicle (heavy-100t,
 * 3 stages + fairing) against a peer of 1,000 nominal ascents without the falls (the same run); and LCOLA over a
 * 2-hour window (121 candidate launch times, 60 s apart, 3 h of parking orbit) against the bundled 18,407-object
 * catalog, against a peer: the screening engine with one SGP4 primary (the ISS) over the same span and catalog.
 * `npm run bench -- launch [--samples=1000] [--window-min=120] [--only=dispersion|lcola]`.
 */
import {
  createTimeScales,
  disperse,
  findLaunchSite,
  findVehicle,
  flyAscent,
  latestElementSets,
  planLaunch,
  readElementSets,
  screenConjunctions,
  screenLaunchWindow,
  solveKickDeg,
} from '../packages/core/src/index.ts';
import { machineDescription, peakRssMiB, readCatalogText, timed, type BenchReport } from './common.ts';

const D = Math.PI / 180;

export function launchBenchFlags(flags: readonly string[]): { samples: number; windowMin: number; only?: string } {
  const get = (k: string): string | undefined => flags.find((f) => f.startsWith(`--${k}=`))?.split('=')[1];
  const only = get('only');
  return { samples: Number(get('samples') ?? 1000), windowMin: Number(get('window-min') ?? 120), ...(only !== undefined ? { only } : {}) };
}

export async function runLaunchBench(opts: { samples: number; windowMin: number; only?: string }): Promise<BenchReport> {
  const lines: string[] = [machineDescription()];
  const ts = createTimeScales();
  if (opts.only === undefined || opts.only === 'dispersion') {
    const site = findLaunchSite('wenchang');
    const req = { site, vehicle: findVehicle('heavy-100t'), payloadKg: 100000, inclinationRad: 41.5 * D, altitudeKm: 400, branch: 'descending' as const };
    const kickDeg = solveKickDeg(req);
    const mc = await timed(() => disperse({ ...req, kickDeg }, opts.samples, 1));
    const peer = await timed(() => {
      for (let k = 0; k < opts.samples; k++) flyAscent({ ...req, kickDeg, trackStepS: 1e9, stepS: 1 });
    });
    const falls = [...mc.value.impacts.values()].reduce((s, l) => s + l.length, 0);
    lines.push(`dispersion heavy-100t, ${opts.samples} samples (${falls} falls): ${(mc.ms / 1000).toFixed(1)} s (target < 30 s); peer ${opts.samples} ascents without falls ${(peer.ms / 1000).toFixed(1)} s; ratio ${(mc.ms / peer.ms).toFixed(2)}`);
  }
  if (opts.only === undefined || opts.only === 'lcola') {
    const catalog = latestElementSets(readElementSets(readCatalogText(), { format: 'auto', timeScales: ts }).elementSets);
    const start = ts.parseUtcIso('2026-03-10T06:00:00Z');
    const end = start.plusSeconds(opts.windowMin * 60);
    const plan = planLaunch({ siteId: 'taiyuan', vehicleId: 'cz-6a', inclinationRad: 89 * D, altitudeKm: 800, launch: start, samples: 0 }, ts);
    const run = await timed(() => screenLaunchWindow(plan.ascent, catalog, { windowStart: start, windowEnd: end, launchStepS: 60, parkingDurationS: 10800 }, ts));
    const spanS = opts.windowMin * 60 + plan.ascent.cutoff.tS + 10800;
    const peer = await timed(() => screenConjunctions(catalog, { start, durationS: spanS, volume: { kind: 'sphere', radiusKm: 25 }, primaries: [25544], timeScales: ts }));
    lines.push(
      `LCOLA ${opts.windowMin} min window, ${run.value.candidates.length} candidates × ${run.value.objectsScreened} objects, span ${(spanS / 3600).toFixed(2)} h: ${(run.ms / 1000).toFixed(1)} s single thread (target < 60 s on 2 cores); ${run.value.blackouts.length} blackouts; peer (one SGP4 primary, same span and catalog) ${(peer.ms / 1000).toFixed(1)} s; ratio ${(run.ms / peer.ms).toFixed(2)}`,
    );
  }
  lines.push(`peak RSS ${peakRssMiB().toFixed(0)} MiB`);
  return { name: 'Launch: dispersion and LCOLA', lines };
}
