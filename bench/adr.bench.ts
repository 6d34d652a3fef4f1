// ADR criticality ranking of the bundled 18,407-object catalog, against its peer in the same run: reading that catalog.
// With --gtoc9-s=N also the full GTOC9 plan (123 debris) within N seconds, checked by the independent checker.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { checkGtoc9Solution, createTimeScales, latestElementSets, parseCaraHbrTable, planGtoc9, rankCriticality, readElementSets, readGtoc9Debris, readGtoc9Solution, writeGtoc9Solution } from '../packages/core/src/index.ts';
import { machineDescription, peakRssMiB, readCatalogText, timed, type BenchReport } from './common.ts';

export async function runAdrBench(): Promise<BenchReport> {
  const ts = createTimeScales();
  const text = readCatalogText();
  const read = await timed(() => latestElementSets(readElementSets(text, { timeScales: ts }).elementSets));
  const masses = parseCaraHbrTable(gunzipSync(readFileSync(fileURLToPath(new URL('../data/catalog/cara-hbr-mass-subset.csv.gz', import.meta.url)))).toString('utf8'));
  const rank = await timed(() => rankCriticality({ elementSets: read.value, masses }));
  const lines: string[] = [];
  const flag = process.argv.find((a) => a.startsWith('--gtoc9-s='));
  const gtoc9Path = fileURLToPath(new URL('../../shared/data/gtoc9/gtoc9_debris.csv', import.meta.url));
  if (flag !== undefined && existsSync(gtoc9Path)) {
    const debris = readGtoc9Debris(readFileSync(gtoc9Path, 'utf8'));
    const plan = await timed(() => planGtoc9(debris, { timeLimitS: Number(flag.split('=')[1]), onProgress: (m) => process.stderr.write(`${m}\n`) }));
    const check = checkGtoc9Solution(readGtoc9Solution(writeGtoc9Solution(plan.value.solution)), debris);
    lines.push(`GTOC9 plan: ${check.debrisRemoved}/123 debris in ${plan.value.missions.length} missions, J ${check.costMeur.toFixed(1)} MEUR (c_i = 45), checker ${check.valid ? 'valid' : 'INVALID'}, ${(plan.ms / 1000).toFixed(0)} s`);
  }
  return {
    name: 'ADR criticality ranking (bundled catalog)',
    lines: [
      ...lines,
      machineDescription(),
      `objects ranked: ${rank.value.entries.length}`,
      `ranking wall time: ${rank.ms.toFixed(0)} ms (target < 10,000 ms)`,
      `peer (reading the same catalog): ${read.ms.toFixed(0)} ms; ranking/reading ratio ${(rank.ms / read.ms).toFixed(2)}`,
      `peak RSS: ${peakRssMiB().toFixed(0)} MiB`,
    ],
  };
}
