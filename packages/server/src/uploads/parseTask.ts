/**
 * The upload parse task: decodes an upload's bytes, hashes them, recognises its kind and reads it (GP element sets
 * into plain rows, CDMs read and assessed), with bounded error reports. Pure CPU work on plain data, run in a
 * worker thread (`worker.mjs`, piscina) for large bodies so that the request thread stays free, or inline for
 * small ones. OEM bodies are only recognised here (they are read on the request thread with the tenant's fleets).
 */
import { createHash } from 'node:crypto';
import { workerData } from 'piscina';
import { createTimeScales, IERS_LEAP_SECONDS, isOemKvn, type CaraHbrRow, type ElementSetFormat, type TimeScales } from '@skylane/core';
import { parseElementSets, type ParsedElementSets } from '../storage/catalog.ts';
import { parseCdms, type ParsedCdms } from '../storage/operatorData.ts';

export const UPLOAD_FORMATS = ['auto', 'tle', 'omm-kvn', 'omm-xml', 'omm-json', 'csv', 'oem', 'cdm', 'cdm-json'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

export interface ParseUploadTask {
  readonly bytes: Uint8Array;
  readonly format: UploadFormat;
  readonly name?: string;
}

export type ParsedUpload =
  | { readonly kind: 'empty' }
  | { readonly kind: 'oem-xml' }
  | { readonly kind: 'oem'; readonly text: string; readonly contentSha256: string }
  | ({ readonly kind: 'gp' } & ParsedElementSets)
  | ({ readonly kind: 'cdm' } & ParsedCdms);

/** Upload kind of a body: OEM (KVN), CDM (KVN or XML; Space-Track JSON only with format=cdm-json) or GP element sets. */
export function uploadKind(format: UploadFormat, text: string): 'oem' | 'cdm' | 'oem-xml' | 'gp' {
  if (format === 'oem') return 'oem';
  if (format === 'cdm' || format === 'cdm-json') return 'cdm';
  if (format !== 'auto') return 'gp';
  if (isOemKvn(text)) return 'oem';
  const head = text.slice(0, 4000);
  if (/^\s*(?:\uFEFF)?\s*CCSDS_CDM_VERS\s*=/.test(head) || /<cdm[\s>]/.test(head)) return 'cdm';
  if (/<oem[\s>]/.test(head)) return 'oem-xml';
  return 'gp';
}

/** Reads one upload (see the module header). */
export function parseUpload(task: ParseUploadTask, ts: TimeScales, hbrTable: ReadonlyMap<number, CaraHbrRow> | undefined): ParsedUpload {
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  const text = bytes.toString('utf8');
  if (text.trim() === '' || text.trim() === '\ufeff') return { kind: 'empty' };
  const contentSha256 = createHash('sha256').update(bytes).digest('hex');
  const kind = uploadKind(task.format, text);
  switch (kind) {
    case 'oem-xml':
      return { kind };
    case 'oem':
      return { kind, text, contentSha256 };
    case 'cdm':
      return { kind, ...parseCdms(text, ts, task.format === 'cdm-json' ? 'json' : undefined, hbrTable, contentSha256) };
    case 'gp':
      return { kind, ...parseElementSets(text, task.format as ElementSetFormat | 'auto', ts, task.name, contentSha256) };
  }
}

let workerTimeScales: TimeScales | undefined;

/** The worker-thread entry (piscina): `workerData` holds the CARA HBR table, when the service has one. */
export default function parseUploadTask(task: ParseUploadTask): ParsedUpload {
  workerTimeScales ??= createTimeScales(IERS_LEAP_SECONDS);
  const data = workerData as { hbrTable?: ReadonlyMap<number, CaraHbrRow> } | undefined;
  return parseUpload(task, workerTimeScales, data?.hbrTable);
}
