/** `skylane catalog import|convert`: read GP element sets in any supported format, report, convert. */
import type { Command } from 'commander';
import { groupByObject, writeElementSets, type ElementSetFormat, type ObjectType } from '@skylane/core';
import { loadCatalog } from '../catalogInput.ts';
import { checkOutputFile, log, openOutput } from '../io.ts';
import { parseChoice, UsageError } from '../usage.ts';
import { cliTimeScales, nowInstant } from '../context.ts';

const READ_FORMATS = ['auto', 'tle', 'omm-kvn', 'omm-xml', 'omm-json', 'csv'] as const;
const WRITE_FORMATS = ['tle', 'omm-kvn', 'omm-xml', 'omm-json', 'csv'] as const;

export interface ImportSummary {
  files: { path: string; format: string }[];
  elementSets: number;
  objects: number;
  byType: Record<ObjectType, number>;
  epochRange: { first: string; last: string } | null;
  rejected: { file: string; line: number; field?: string; code: string; reason: string }[];
  /** Every rejected record (`rejected` lists the first 100) and the count per error code. */
  rejectedCount: number;
  rejectedByCode: Record<string, number>;
  warnings: number;
}

export function registerCatalogCommand(program: Command): void {
  const catalog = program.command('catalog').description('read, check and convert GP element sets (TLE, OMM KVN/XML/JSON, CelesTrak CSV)');

  catalog
    .command('import')
    .description('read catalog files, report the objects found and every rejected record (line, field, reason)')
    .argument('<files...>', 'input files (.gz accepted)')
    .option('--format <format>', `input format: ${READ_FORMATS.join('|')}`, 'auto')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ skylane catalog import data/catalog/socrates-catalog-gp-2026-03-10.json.gz
  $ skylane catalog import stations.tle debris.xml --json`,
    )
    .action((files: string[], opts: { format: string; json?: boolean }) => {
      const format = parseChoice(opts.format, '--format', READ_FORMATS);
      const ts = cliTimeScales();
      const loaded = loadCatalog(files, format, ts, { quiet: opts.json === true });
      const objects = groupByObject(loaded.elementSets);
      const byType: Record<ObjectType, number> = { PAYLOAD: 0, 'ROCKET BODY': 0, DEBRIS: 0, UNKNOWN: 0 };
      for (const o of objects) byType[o.objectType] += 1;
      let first = loaded.elementSets[0]?.epoch;
      let last = first;
      for (const s of loaded.elementSets) {
        if (first && s.epoch.isBefore(first)) first = s.epoch;
        if (last && s.epoch.isAfter(last)) last = s.epoch;
      }
      const summary: ImportSummary = {
        files: files.map((path) => ({ path, format: loaded.formats[path] ?? 'unknown' })),
        elementSets: loaded.elementSets.length,
        objects: objects.length,
        byType,
        epochRange: first && last ? { first: ts.formatUtcIso(first, 3), last: ts.formatUtcIso(last, 3) } : null,
        rejected: loaded.failures.map((f) => ({
          file: f.file,
          line: f.line,
          ...(f.field !== undefined ? { field: f.field } : {}),
          code: f.code,
          reason: f.reason,
        })),
        rejectedCount: loaded.failureCount,
        rejectedByCode: loaded.failuresByCode,
        warnings: loaded.warningsCount,
      };
      if (opts.json) {
        process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      } else {
        const lines = [
          `files:        ${summary.files.map((f) => `${f.path} (${f.format})`).join(', ')}`,
          `element sets: ${summary.elementSets}`,
          `objects:      ${summary.objects} (payload ${byType.PAYLOAD}, rocket body ${byType['ROCKET BODY']}, debris ${byType.DEBRIS}, unknown ${byType.UNKNOWN})`,
          `epochs:       ${summary.epochRange ? `${summary.epochRange.first} .. ${summary.epochRange.last}` : 'none'}`,
          `rejected:     ${loaded.failureCount} record(s)${loaded.failureCount > 0 ? (loaded.failureCount > summary.rejected.length ? ` (the first ${summary.rejected.length} listed on stderr)` : ' (listed on stderr)') : ''}`,
          `warnings:     ${summary.warnings}`,
        ];
        process.stdout.write(lines.join('\n') + '\n');
      }
      if (loaded.elementSets.length === 0 && loaded.failureCount > 0) process.exitCode = 1;
    });

  catalog
    .command('convert')
    .description('convert element sets to another format (TLE only for catalog numbers up to 339999)')
    .argument('<file>', 'input file (.gz accepted)')
    .requiredOption('--to <format>', `output format: ${WRITE_FORMATS.join('|')}`)
    .option('--format <format>', `input format: ${READ_FORMATS.join('|')}`, 'auto')
    .option('--out <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ skylane catalog convert stations.json --to omm-xml > stations.xml
  $ skylane catalog convert stations.xml --to tle --out stations.tle`,
    )
    .action(async (file: string, opts: { to: string; format: string; out?: string }) => {
      const to: ElementSetFormat = parseChoice(opts.to, '--to', WRITE_FORMATS);
      const format = parseChoice(opts.format, '--format', READ_FORMATS);
      checkOutputFile(opts.out, '--out');
      const ts = cliTimeScales();
      const loaded = loadCatalog([file], format, ts);
      if (loaded.elementSets.length === 0) throw new UsageError(`${file}: no element set could be read, nothing to convert.`);
      const text = writeElementSets(loaded.elementSets, to, { timeScales: ts, creationDate: nowInstant(ts), originator: 'SKYLANE' });
      const out = openOutput(opts.out);
      out.write(text);
      await out.close();
      log.info(`converted ${loaded.elementSets.length} element set(s) to ${to}${loaded.failureCount ? `; ${loaded.failureCount} rejected record(s) reported above` : ''}`);
    });
}
