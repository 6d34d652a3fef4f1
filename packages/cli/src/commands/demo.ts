/**
 * `skylane demo` (what `npm start` runs): ingests the bundled catalog snapshot, propagates every object to the
 * snapshot time, and prints a summary of the catalog by type and orbit regime.
 */
import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { evenlySpacedTimes, groupByObject, norm, propagateBatch, sgp4InputFrom, vec3, type ObjectType } from '@skylane/core';
import { loadCatalog } from '../catalogInput.ts';
import { log } from '../io.ts';
import { cliTimeScales } from '../context.ts';

/** The embedded default catalog shipped in the repository (CelesTrak data, see data/catalog/PROVENANCE.md). */
export const BUNDLED_CATALOG = fileURLToPath(new URL('../../../../data/catalog/socrates-catalog-gp-2026-03-10.json.gz', import.meta.url));
/** The snapshot time of the bundled catalog. */
export const BUNDLED_CATALOG_TIME = '2026-03-10T00:00:00Z';

type Regime = 'LEO' | 'MEO' | 'GEO' | 'HEO/other';

function regimeOf(perigeeKm: number, apogeeKm: number): Regime {
  if (apogeeKm < 2000) return 'LEO';
  if (perigeeKm > 35_000 && apogeeKm < 37_000) return 'GEO';
  if (perigeeKm >= 2000 && apogeeKm < 35_000) return 'MEO';
  return 'HEO/other';
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('ingest the bundled 18,407-object catalog snapshot, propagate it and print a summary (what `npm start` runs)')
    .option('--catalog <file>', 'catalog file to use instead of the bundled snapshot', BUNDLED_CATALOG)
    .option('--at <iso>', 'instant to propagate to', BUNDLED_CATALOG_TIME)
    .action((opts: { catalog: string; at: string }) => {
      const ts = cliTimeScales();
      const t0 = performance.now();
      const loaded = loadCatalog([opts.catalog], 'auto', ts);
      const objects = groupByObject(loaded.elementSets);
      const tIngest = performance.now();
      const at = ts.parseUtcIso(opts.at);
      const latest = objects.map((o) => o.elementSets[o.elementSets.length - 1]!);
      const result = propagateBatch(
        latest.map((s) => sgp4InputFrom(s, ts)),
        evenlySpacedTimes(ts.toUtcDaySeconds(at), 60, 1),
      );
      const tProp = performance.now();
      const failed = new Set(result.failures.map((f) => f.index));
      const byType: Record<ObjectType, number> = { PAYLOAD: 0, 'ROCKET BODY': 0, DEBRIS: 0, UNKNOWN: 0 };
      const byRegime: Record<Regime, number> = { LEO: 0, MEO: 0, GEO: 0, 'HEO/other': 0 };
      let maxAgeDays = 0;
      for (let i = 0; i < latest.length; i++) {
        byType[objects[i]!.objectType] += 1;
        const s = latest[i]!;
        maxAgeDays = Math.max(maxAgeDays, at.secondsSince(s.epoch) / 86400);
        const a = Math.cbrt(398600.8 / ((s.meanMotionRevPerDay * 2 * Math.PI) / 86400) ** 2);
        byRegime[regimeOf(a * (1 - s.eccentricity) - 6378.135, a * (1 + s.eccentricity) - 6378.135)] += 1;
      }
      let minAltKm = Infinity;
      for (let i = 0; i < latest.length; i++) {
        if (failed.has(i)) continue;
        const o = i * 6;
        minAltKm = Math.min(minAltKm, norm(vec3<'TEME'>(result.states[o]!, result.states[o + 1]!, result.states[o + 2]!)) - 6378.137);
      }
      const lines = [
        'Skylane demo: bundled catalog snapshot',
        `  catalog        ${opts.catalog}`,
        `  objects        ${objects.length} (${loaded.elementSets.length} element sets, ${loaded.failureCount} rejected records)`,
        `  by type        payload ${byType.PAYLOAD}, rocket body ${byType['ROCKET BODY']}, debris ${byType.DEBRIS}, unknown ${byType.UNKNOWN}`,
        `  by regime      LEO ${byRegime.LEO}, MEO ${byRegime.MEO}, GEO ${byRegime.GEO}, HEO/other ${byRegime['HEO/other']}`,
        `  propagated to  ${ts.formatUtcIso(at, 3)}: ${latest.length - failed.size} ok, ${failed.size} failed (decayed or invalid elements)`,
        `  oldest element set ${maxAgeDays.toFixed(1)} days; lowest object ${minAltKm.toFixed(1)} km above the equatorial radius`,
        `  timings        ingest ${(tIngest - t0).toFixed(0)} ms, SGP4 of the whole catalog ${(tProp - tIngest).toFixed(0)} ms`,
      ];
      process.stdout.write(lines.join('\n') + '\n');
      for (const f of result.failures.slice(0, 10)) log.warn(f.message);
      if (result.failures.length > 10) log.warn(`… and ${result.failures.length - 10} more propagation failures`);
    });
}
