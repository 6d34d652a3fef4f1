/** `skylane cdm`: convert CDMs between KVN, NDM/XML and Space-Track JSON; validate NDM/XML against the CCSDS XSDs. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { readCdm, validateNdmXml, writeCdmJson, writeCdmKvn, writeCdmXml, type SchemaFile } from '@skylane/core';
import { checkOutputFile, log, openOutput, readTextFile } from '../io.ts';
import { parseChoice, UsageError } from '../usage.ts';
import { cliTimeScales } from '../context.ts';

const TARGETS = ['kvn', 'xml', 'json'] as const;

/** The CCSDS NDM/XML 2.0.0 schemas shipped in validation/ccsds-schemas (see PROVENANCE.md there). */
function loadSchemas(dir?: string): SchemaFile[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const d = dir ?? path.resolve(here, '../../../../validation/ccsds-schemas');
  let names: string[];
  try {
    names = readdirSync(d).filter((f) => f.endsWith('.xsd'));
  } catch {
    throw new UsageError(`schema folder ${d} not found: give --schemas DIR (the NDM/XML 2.0.0 XSDs).`);
  }
  return names.map((f) => ({ fileName: f, contents: readFileSync(path.join(d, f), 'utf8') }));
}

export function registerCdmCommand(program: Command): void {
  const cdm = program.command('cdm').description('CCSDS Conjunction Data Messages: convert and validate');
  cdm
    .command('convert')
    .description('convert a CDM (KVN, XML or Space-Track JSON) to KVN, NDM/XML or JSON')
    .argument('<file>', 'CDM file')
    .requiredOption('--to <format>', TARGETS.join('|'))
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (file: string, opts: { to: string; out?: string }) => {
      const to = parseChoice(opts.to, '--to', TARGETS);
      checkOutputFile(opts.out, '--out');
      const ts = cliTimeScales();
      const r = readCdm(readTextFile(file), { timeScales: ts });
      for (const w of r.warnings) log.warn(`${file}:${w.line}: ${w.message}`);
      if (r.cdms.length === 0) throw new UsageError(`${file} holds no full CDM to convert.`);
      if (to === 'kvn' && r.cdms.length > 1) log.info(`${r.cdms.length} CDMs, written one after the other.`);
      const text = to === 'xml' ? writeCdmXml(r.cdms, ts) : to === 'json' ? writeCdmJson(r.cdms, ts) : r.cdms.map((c) => writeCdmKvn(c, ts)).join('');
      const o = openOutput(opts.out);
      o.write(text);
      await o.close();
    });
  cdm
    .command('validate')
    .description('validate an NDM/XML CDM against the CCSDS NDM/XML 2.0.0 schemas (exit 0 valid, 1 invalid); KVN and JSON are checked by reading')
    .argument('<file>', 'CDM file')
    .option('--schemas <dir>', 'folder holding the ndmxml-2.0.0-*.xsd files (default: validation/ccsds-schemas)')
    .action(async (file: string, opts: { schemas?: string }) => {
      const text = readTextFile(file);
      const ts = cliTimeScales();
      let readError: string | undefined;
      try {
        const r = readCdm(text, { timeScales: ts });
        for (const w of r.warnings) log.warn(`${file}:${w.line}: ${w.message}`);
      } catch (e) {
        readError = e instanceof Error ? e.message : String(e);
      }
      const isXml = text.trimStart().startsWith('<') || text.charCodeAt(0) === 0xfeff;
      if (!isXml) {
        if (readError !== undefined) {
          process.stdout.write(`${file}: invalid: ${readError}\n`);
          process.exitCode = 1;
        } else process.stdout.write(`${file}: valid (read as a CDM; schema validation applies to XML only)\n`);
        return;
      }
      const v = await validateNdmXml(text, loadSchemas(opts.schemas));
      if (v.namespaceAdded) log.info('no NDM/XML namespace in the file: validated as if urn:ccsds:schema:ndmxml were declared.');
      for (const e of v.errors) process.stdout.write(`${file}:${e.line ?? '?'}: ${e.message}\n`);
      if (readError !== undefined) process.stdout.write(`${file}: ${readError}\n`);
      if (v.valid && readError === undefined) process.stdout.write(`${file}: valid\n`);
      else process.exitCode = 1;
    });
}
