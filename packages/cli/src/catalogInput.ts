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

export interface LoadedCatalog {
  /** Every element set read, in file order. */
  readonly elementSets: ElementSet[];
  /** Rejected records, with the file they came from. */
  readonly failures: (RecordFailure & { file: string })[];
  readonly warningsCount: number;
  /** Format detected per file. */
  readonly formats: Record<string, string>;
}

export function loadCatalog(paths: readonly string[], format: ElementSetFormat | 'auto', ts: TimeScales, opts: { quiet?: boolean } = {}): LoadedCatalog {
  const elementSets: ElementSet[] = [];
  const failures: (RecordFailure & { file: string })[] = [];
  const formats: Record<string, string> = {};
  let warningsCount = 0;
  for (const path of paths) {
    const text = readTextFile(path);
    const label = fileLabel(path);
    const result = readElementSets(text, { format, sourceName: label, timeScales: ts });
    formats[path] = result.format;
    elementSets.push(...result.elementSets);
    for (const f of result.failures) failures.push({ ...f, file: path });
    warningsCount += result.warnings.length;
    if (!opts.quiet) {
      for (const f of result.failures) log.warn(`${label}:${f.line}${f.field !== undefined ? ` [${f.field}]` : ''} rejected: ${f.reason}`);
    }
  }
  return { elementSets, failures, warningsCount, formats };
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
