/**
 * `npm run bench`: runs every benchmark and prints each figure as a ratio against a peer measured in the same run.
 * `npm run bench -- propagation` runs one part; `--name=value` flags go to the parts (e.g. `npm run bench --
 * screening --only=fleet --days=1`, see screening.bench.ts; `npm run bench -- service-hostile-load --garbage-mb=10`).
 */
import { runPropagationBench } from './propagation.bench.ts';
import { runPcBench } from './pc.bench.ts';
import { runPassesBench } from './passes.bench.ts';
import { runScreeningBench, screeningBenchFlags } from './screening.bench.ts';
import { runDashboardBench } from './dashboard.bench.ts';
import { runForcesBench } from './forces.bench.ts';
import { numericalBenchFlags, runNumericalBench } from './numerical.bench.ts';
import { hostileLoadFlags, runServiceHostileLoadBench } from './serviceHostileLoad.bench.ts';
import { runHifiBench } from './hifi.bench.ts';
import { runAdrBench } from './adr.bench.ts';
import { runLifetimeBench } from './lifetime.bench.ts';
import { launchBenchFlags, runLaunchBench } from './launch.bench.ts';
import { runConstellationBench } from './constellation.bench.ts';
import { distributedBenchFlags, runDistributedBench } from './distributed.bench.ts';
import { mergeBenchFlags, runMergeBench } from './merge.bench.ts';
import { runOdBench } from './od.bench.ts';
import { correlationBenchFlags, runCorrelationBench } from './correlation.bench.ts';
import { runReentryBench } from './reentry.bench.ts';
import { runAvoidanceBench } from './avoidance.bench.ts';
import { runTourismBench, tourismBenchFlags } from './tourism.bench.ts';
import { runSgp4StepBench } from './sgp4-step.bench.ts';
import type { BenchReport } from './common.ts';

const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const parts: Record<string, () => Promise<BenchReport>> = {
  propagation: runPropagationBench,
  pc: runPcBench,
  passes: runPassesBench,
  screening: () => runScreeningBench(screeningBenchFlags(flags)),
  dashboard: runDashboardBench,
  forces: runForcesBench,
  numerical: () => runNumericalBench(numericalBenchFlags(flags)),
  'service-hostile-load': () => runServiceHostileLoadBench(hostileLoadFlags(flags)),
  hifi: () => runHifiBench(),
  adr: runAdrBench,
  launch: () => runLaunchBench(launchBenchFlags(flags)),
  constellation: () => runConstellationBench(flags),
  distributed: () => runDistributedBench(distributedBenchFlags(flags)),
  merge: () => runMergeBench(mergeBenchFlags(flags)),
  od: runOdBench,
  correlation: () => runCorrelationBench(correlationBenchFlags(flags)),
  reentry: runReentryBench,
  avoidance: runAvoidanceBench,
  lifetime: runLifetimeBench,
  tourism: () => runTourismBench(tourismBenchFlags(flags)),
  'sgp4-step': () => runSgp4StepBench(flags),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in parts));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; available: ${Object.keys(parts).join(', ')}\n`);
  process.exit(2);
}
for (const [name, run] of Object.entries(parts)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  process.stderr.write(`running ${name}…\n`);
  const report = await run();
  process.stdout.write(`\n## ${report.name}\n\n${report.lines.map((l) => `    ${l}`).join('\n')}\n`);
}
