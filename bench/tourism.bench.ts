/**
 * Suborbital tourism benchmark (issue #19 target: a profile with a 1,000-sample landing dispersion under 10 s): the
 * full plan of the bundled `capsule` from Jiuquan (nominal profile, tolerance check, 1,000 dispersed flights with the
 * booster's ballistic return, 3σ ellipses, hazard areas, and the abort analysis at its defaults), against a peer
 * measured in the same run: the same number of plain vacuum flights (uniform gravity, no atmosphere, no rotation).
 * `npm run bench -- tourism [--samples=1000]`.
 */
import { createTimeScales, findLaunchSite, findSuborbitalVehicle, flySuborbital, planSuborbitalFlight } from '../packages/core/src/index.ts';
import { machineDescription, peakRssMiB, timed, type BenchReport } from './common.ts';

export function tourismBenchFlags(flags: readonly string[]): { samples: number } {
  const s = flags.find((f) => f.startsWith('--samples='))?.split('=')[1];
  return { samples: Number(s ?? 1000) };
}

export async function runTourismBench(opts: { samples: number }): Promise<BenchReport> {
  const lines: string[] = [machineDescription()];
  const ts = createTimeScales();
  const site = findLaunchSite('jiuquan');
  const vehicle = findSuborbitalVehicle('capsule');
  const launch = ts.parseUtcIso('2026-12-07T03:00:00Z');
  // Warm-up (JIT) outside the timings.
  for (let k = 0; k < 20; k++) flySuborbital({ site, vehicle, record: false });
  const cpu0 = process.cpuUsage();
  const noAborts = await timed(() => planSuborbitalFlight({ site, vehicle, launch, samples: opts.samples, abortStepS: 0 }));
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const full = await timed(() => planSuborbitalFlight({ site, vehicle, launch, samples: opts.samples }));
  const peer = await timed(() => {
    for (let k = 0; k < opts.samples; k++) flySuborbital({ site, vehicle, options: { gravity: 'uniform', earthRotation: false, atmosphere: false }, record: false });
  });
  const e = full.value.capsuleEllipse!;
  lines.push(
    `suborbital profile capsule, ${opts.samples}-sample landing dispersion: ${(noAborts.ms / 1000).toFixed(2)} s wall, ${cpuS.toFixed(2)} s CPU (target < 10 s); with the abort analysis (${full.value.aborts.length} abort times × 41 flights) ${(full.ms / 1000).toFixed(2)} s; ` +
      `capsule 3σ ellipse ${e.semiMajorKm.toFixed(2)} × ${e.semiMinorKm.toFixed(2)} km; peer ${opts.samples} vacuum flights ${(peer.ms / 1000).toFixed(2)} s; ratio (dispersion / peer) ${(noAborts.ms / peer.ms).toFixed(2)}`,
  );
  lines.push(`peak RSS ${peakRssMiB().toFixed(0)} MiB`);
  return { name: 'Suborbital tourism: profile with landing dispersion', lines };
}
