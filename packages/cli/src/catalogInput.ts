/** Loads element sets from catalog files for any command, reporting every rejected record on stderr. */
import {
  readElementSets,
  latestElementSets,
  type ElementSet,
  type ElementSetFormat,
  type RecordFailure,
  type TimeScales,
} from '@skylane/core';
import { fileLabel, log, readTextFile } from './io.ts';

/** Rejected records listed one by one (on stderr and in JSON summaries); the rest are counted by code, as the server does. */
export const MAX_REPORTED_FAILURES = 100;

export interface LoadedCatalog {
  /** Every element set read, in file order. */
  readonly elementSets: ElementSet[];
  /** The first MAX_REPORTED_FAILURES rejected records, with the file they came from. */
  readonly failures: (RecordFailure & { file: string })[];
  /** Every rejected record: how many, and how many per error code. */
  readonly failureCount: number;
  readonly failuresByCode: Record<string, number>;
  readonly warningsCount: number;
  /** Format detected per file. */
  readonly formats: Record<string, string>;
}

export function loadCatalog(paths: readonly string[], format: ElementSetFormat | 'auto', ts: TimeScales, opts: { quiet?: boolean } = {}): LoadedCatalog {
  const elementSets: ElementSet[] = [];
  const failures: (RecordFailure & { file: string })[] = [];
  const failuresByCode: Record<string, number> = {};
  let failureCount = 0;
  const formats: Record<string, string> = {};
  let warningsCount = 0;
  for (const path of paths) {
    const text = readTextFile(path);
    const label = fileLabel(path);
    const result = readElementSets(text, { format, sourceName: label, timeScales: ts });
    formats[path] = result.format;
    elementSets.push(...result.elementSets);
    for (const f of result.failures) {
      failuresByCode[f.code] = (failuresByCode[f.code] ?? 0) + 1;
      if (failureCount++ >= MAX_REPORTED_FAILURES) continue;
      failures.push({ ...f, file: path });
      if (!opts.quiet) log.warn(`${label}:${f.line}${f.field !== undefined ? ` [${f.field}]` : ''} rejected: ${f.reason}`);
    }
    warningsCount += result.warnings.length;
  }
  if (failureCount > MAX_REPORTED_FAILURES && !opts.quiet) {
    const by = Object.entries(failuresByCode).map(([c, n]) => `${c} ${n}`).join(', ');
    log.warn(`… and ${failureCount - MAX_REPORTED_FAILURES} more rejected record(s) not listed (${failureCount} in all: ${by})`);
  }
  return { elementSets, failures, failureCount, failuresByCode, warningsCount, formats };
}

/** The latest element set per object, optionally restricted to some catalog numbers (missing ones are reported). */
export function selectObjects(sets: readonly ElementSet[], ids: readonly number[] | undefined): ElementSet[] {
  const latest = latestElementSets(sets);
  if (ids === undefined) return latest;
  const byId = new Map(latest.map((s) => [s.catalogNumber, s]));
  const out: ElementSet[] = [];
  for (const id of ids) {
    const s = byId.get(id);
    if (s) out.push(s);
    else log.warn(`catalog number ${id} is not in the catalog`);
  }
  return out;
}
