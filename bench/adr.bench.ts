// ADR criticality ranking of the bundled 18,407-object catalog, against its peer in the same run: reading that catalog.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createTimeScales, latestElementSets, parseCaraHbrTable, rankCriticality, readElementSets } from '../packages/core/src/index.ts';
import { machineDescription, peakRssMiB, readCatalogText, timed, type BenchReport } from './common.ts';

export async function runAdrBench(): Promise<BenchReport> {
  const ts = createTimeScales();
  const text = readCatalogText();
  const read = await timed(() => latestElementSets(readElementSets(text, { timeScales: ts }).elementSets));
  const masses = parseCaraHbrTable(gunzipSync(readFileSync(fileURLToPath(new URL('../data/catalog/cara-hbr-mass-subset.csv.gz', import.meta.url)))).toString('utf8'));
  const rank = await timed(() => rankCriticality({ elementSets: read.value, masses }));
  return {
    name: 'ADR criticality ranking (bundled catalog)',
    lines: [
      machineDescription(),
      `objects ranked: ${rank.value.entries.length}`,
      `ranking wall time: ${rank.ms.toFixed(0)} ms (target < 10,000 ms)`,
      `peer (reading the same catalog): ${read.ms.toFixed(0)} ms; ranking/reading ratio ${(rank.ms / read.ms).toFixed(2)}`,
      `peak RSS: ${peakRssMiB().toFixed(0)} MiB`,
    ],
  };
}
