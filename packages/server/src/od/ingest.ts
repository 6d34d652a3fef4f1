/**
 * TDM ingest: a posted CCSDS TDM (KVN or XML) is read with the lenient od-tdm reader, every tracking data line with a
 * usable epoch and path becomes one `observations` row (tenant-scoped), and every rejected record is reported with
 * its line, field and reason (the rest is still stored). Correlation on ingest is by identity: a segment whose object
 * participant is a catalog number with an element set visible to the tenant is tagged `catalog`; any other track is an
 * uncorrelated track (`uct`). Position/covariance gating of UCTs (core od/correlation) is not run on ingest.
 */
import { sql, type Kysely } from 'kysely';
import { isNdmTimeSystem, isTdmXml, parseNdmEpoch, parseTdmPath, readTdm, tdmMeta, type TimeScales } from '@skylane/core';
import type { Database } from '../storage/schema.ts';

/** A rejected record or a reader problem: where, which field, and why. */
export interface IngestProblem {
  readonly line: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface IngestSummary {
  readonly uploadId: number;
  readonly format: 'kvn' | 'xml';
  readonly accepted: number;
  readonly rejected: number;
  /** Counts per station participant, object participant and TDM keyword. */
  readonly counts: readonly { readonly station: string; readonly object: string | null; readonly type: string; readonly count: number; readonly correlation: 'catalog' | 'uct' }[];
  readonly problems: readonly IngestProblem[];
}

type Row = Omit<Database['observations'], 'id'>;

const INSERT_BATCH = 500;

/** Reads, correlates and stores one TDM for `tenantId`. */
export async function ingestTdm(db: Kysely<Database>, ts: TimeScales, tenantId: number, text: string, receivedAt: string): Promise<IngestSummary> {
  const format = isTdmXml(text) ? 'xml' : 'kvn';
  const read = readTdm(text);
  const problems: IngestProblem[] = read.problems.map((p) => ({ line: p.line, field: p.field, code: p.code, message: p.message, severity: p.severity }));
  const pending: (Omit<Row, 'upload_id' | 'correlation'>)[] = [];
  read.tdm.segments.forEach((seg, si) => {
    if (seg.data.length === 0) return;
    const reject = (line: number, field: string, code: string, message: string): void => {
      problems.push({ line, field, code, message, severity: 'error' });
    };
    const system = (tdmMeta(seg, 'TIME_SYSTEM') ?? '').toUpperCase();
    if (!isNdmTimeSystem(system)) {
      for (const d of seg.data) reject(d.line, d.keyword, 'UNSUPPORTED', `TIME_SYSTEM "${system}" of the segment at line ${seg.line} cannot be converted to UTC (UTC, TAI, TT or GPS can); not stored.`);
      return;
    }
    const pathText = tdmMeta(seg, 'PATH') ?? tdmMeta(seg, 'PATH_1');
    const path = pathText !== undefined ? parseTdmPath(pathText) : undefined;
    const names = (path ?? []).map((n) => tdmMeta(seg, `PARTICIPANT_${n}`));
    if (path === undefined || path.length < 2 || names.some((n) => n === undefined)) {
      for (const d of seg.data) reject(d.line, d.keyword, 'INVALID_FORMAT', `the segment at line ${seg.line} has no usable PATH naming its PARTICIPANT_n (a measurement with no station); not stored.`);
      return;
    }
    const participants = names as string[];
    const object = participants.find((p) => /^\d{1,9}$/.test(p.trim()));
    const station = participants.find((p) => p !== object) ?? participants[0]!;
    for (const d of seg.data) {
      if (!Number.isFinite(d.number)) {
        reject(d.line, d.keyword, 'INVALID_FORMAT', `value "${d.value}" is not a number; not stored.`);
        continue;
      }
      let epochUtc: string;
      try {
        epochUtc = ts.formatUtcIso(parseNdmEpoch(d.epoch, system, ts), 6);
      } catch (err) {
        reject(d.line, d.keyword, 'INVALID_FORMAT', `epoch "${d.epoch}": ${err instanceof Error ? err.message : String(err)}; not stored.`);
        continue;
      }
      pending.push({ tenant_id: tenantId, segment: si, station: station.trim(), object_participant: object?.trim() ?? (participants.find((p) => p !== station) ?? null), catalog_number: object !== undefined ? Number(object.trim()) : null, type: d.keyword, epoch_utc: epochUtc, value: d.number, line: d.line });
    }
  });

  const numbers = [...new Set(pending.map((r) => r.catalog_number).filter((n): n is number => n !== null))];
  const known = new Set<number>();
  for (let i = 0; i < numbers.length; i += INSERT_BATCH) {
    const chunk = numbers.slice(i, i + INSERT_BATCH);
    const rows = await db.selectFrom('element_sets').select('catalog_number').distinct().where('catalog_number', 'in', chunk).where(sql<boolean>`(element_sets.tenant_id is null or element_sets.tenant_id = ${tenantId})`).execute();
    for (const r of rows) known.add(r.catalog_number);
  }
  const rejected = problems.filter((p) => p.severity === 'error').length;
  return db.transaction().execute(async (trx) => {
    const upload = await trx
      .insertInto('observation_uploads')
      .values({ tenant_id: tenantId, format, tdm_text: text, accepted_count: pending.length, rejected_count: rejected, problems_json: JSON.stringify(problems), received_at: receivedAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows: Row[] = pending.map((r) => ({ ...r, upload_id: upload.id, correlation: r.catalog_number !== null && known.has(r.catalog_number) ? 'catalog' : 'uct' }));
    for (let i = 0; i < rows.length; i += INSERT_BATCH) await trx.insertInto('observations').values(rows.slice(i, i + INSERT_BATCH)).execute();
    const counts = new Map<string, { station: string; object: string | null; type: string; count: number; correlation: 'catalog' | 'uct' }>();
    for (const r of rows) {
      const key = `${r.station}\u0000${r.object_participant ?? ''}\u0000${r.type}`;
      const c = counts.get(key);
      if (c !== undefined) c.count++;
      else counts.set(key, { station: r.station, object: r.object_participant, type: r.type, count: 1, correlation: r.correlation as 'catalog' | 'uct' });
    }
    return { uploadId: Number(upload.id), format, accepted: rows.length, rejected, counts: [...counts.values()], problems };
  });
}
