// Orbital lifetime and disposal compliance of the bundled 18,407-object catalog (issue #14 item 3, target < 60 s on
// 2 cores), against its peer in the same run: reading that catalog.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { catalogCompliance, catalogLifetimes, createTimeScales, latestElementSets, msisMeanAtmosphere, parseCaraHbrTable, readElementSets, summarizeCompliance } from '../packages/core/src/index.ts';
import { machineDescription, peakRssMiB, readCatalogText, timed, type BenchReport } from './common.ts';

export async function runLifetimeBench(): Promise<BenchReport> {
  const ts = createTimeScales();
  const text = readCatalogText();
  const read = await timed(() => latestElementSets(readElementSets(text, { timeScales: ts }).elementSets));
  const masses = parseCaraHbrTable(gunzipSync(readFileSync(fileURLToPath(new URL('../data/catalog/cara-hbr-mass-subset.csv.gz', import.meta.url)))).toString('utf8'));
  const table = await timed(() => msisMeanAtmosphere());
  const life = await timed(() => catalogLifetimes({ elementSets: read.value, masses }));
  const comp = await timed(() => catalogCompliance({ elementSets: read.value, masses }));
  const s = summarizeCompliance(comp.value.entries, () => 'all')[0]!;
  return {
    name: 'Orbital lifetime and disposal compliance (bundled catalog)',
    lines: [
      machineDescription(),
      `objects: ${life.value.entries.length} lifetimes, ${life.value.failures.length} failures`,
      `NRLMSISE-00 mean table (once per process): ${table.ms.toFixed(0)} ms`,
      `lifetime wall time: ${life.ms.toFixed(0)} ms; compliance (lifetime + Δv root finding for both rules) wall time: ${comp.ms.toFixed(0)} ms; total ${(life.ms + comp.ms).toFixed(0)} ms (target < 60,000 ms)`,
      `peer (reading the same catalog): ${read.ms.toFixed(0)} ms; lifetime/reading ratio ${(life.ms / read.ms).toFixed(2)}, compliance/reading ratio ${(comp.ms / read.ms).toFixed(2)}`,
      `compliance: ${s.compliant25} meet 25 yr, ${s.compliant5} meet 5 yr, ${s.activeDisposalOnly} active-disposal-only, median lifetime ${s.medianLifetimeYears.toFixed(1)} yr`,
      `peak RSS: ${peakRssMiB().toFixed(0)} MiB`,
    ],
  };
}
