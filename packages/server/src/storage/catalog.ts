/**
 * The catalog store: append-only element-set history with its uploads. Every element set ever received is a row;
 * the current element set of an object is the visible row with the latest epoch (ties: the latest received), a
 * query rather than an overwrite. Visibility: rows with no tenant are the shared public catalog; rows with a
 * tenant are that tenant's private data.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import {
  Instant,
  readElementSets,
  type ElementSet,
  type ElementSetFormat,
  type ObjectType,
  type ReadWarning,
  type RecordFailure,
  type TimeScales,
} from '@skylane/core';
import type { Database, ElementSetsTable } from './schema.ts';
import { errorReport, storedErrors, UPLOAD_ERROR_LIMIT, UPLOAD_WARNING_LIMIT, type ErrorReport } from '../uploads/limits.ts';

export type ElementSetRow = Selectable<ElementSetsTable>;
export type Visibility = 'public' | 'private';

/** Rows per INSERT statement: 27 columns × 400 stays under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const INSERT_BATCH = 400;

export function nowIso(): string {
  return new Date().toISOString();
}

export interface IngestOptions {
  readonly tenantId: number;
  readonly visibility: Visibility;
  readonly text: string;
  readonly format: ElementSetFormat | 'auto';
  readonly name?: string;
  readonly timeScales: TimeScales;
  /** Called after each batch is written inside the transaction (rows written so far, total). */
  readonly onProgress?: (written: number, total: number) => void | Promise<void>;
}

export interface IngestResult {
  /** The upload's id, or undefined when nothing could be read (then nothing was stored). */
  readonly uploadId: number | undefined;
  readonly format: ElementSetFormat | 'unknown';
  readonly accepted: number;
  readonly failures: readonly RecordFailure[];
  readonly warnings: readonly ReadWarning[];
  /** Catalog numbers of the accepted element sets (each once). */
  readonly catalogNumbers: readonly number[];
}

/** The columns of an element-set row that depend on the set alone (plain data: made in the upload worker). */
export type ElementSetValues = ReturnType<typeof elementSetValues>;

/** The element-set columns of a row, without its upload, tenant and receipt time. */
export function elementSetValues(s: ElementSet, ts: TimeScales, format: string) {
  return {
    catalog_number: s.catalogNumber,
    object_name: s.objectName ?? null,
    object_id: s.objectId ?? null,
    object_type: s.objectType ?? null,
    classification: s.classification,
    epoch_utc: ts.formatUtcIso(s.epoch, 6),
    epoch_tai_day: s.epoch.taiDay,
    epoch_tai_s: s.epoch.taiSeconds,
    mean_motion_rev_per_day: s.meanMotionRevPerDay,
    eccentricity: s.eccentricity,
    inclination_deg: s.inclinationDeg,
    raan_deg: s.raanDeg,
    arg_of_pericenter_deg: s.argOfPericenterDeg,
    mean_anomaly_deg: s.meanAnomalyDeg,
    bstar_per_earth_radii: s.bstarPerEarthRadii,
    mean_motion_dot_rev_per_day2: s.meanMotionDotRevPerDay2,
    mean_motion_ddot_rev_per_day3: s.meanMotionDdotRevPerDay3,
    ephemeris_type: s.ephemerisType,
    element_set_no: s.elementSetNo,
    rev_at_epoch: s.revAtEpoch,
    source_format: s.source?.format ?? format,
    source_name: s.source?.name ?? null,
    source_line: s.source?.line ?? null,
  };
}

/** Rebuilds the core ElementSet of a stored row (exact epoch from its TAI day and seconds). */
export function elementSetFromRow(r: ElementSetRow): ElementSet {
  return {
    catalogNumber: r.catalog_number,
    ...(r.object_name !== null ? { objectName: r.object_name } : {}),
    ...(r.object_id !== null ? { objectId: r.object_id } : {}),
    ...(r.object_type !== null ? { objectType: r.object_type as ObjectType } : {}),
    classification: r.classification,
    epoch: Instant.fromTai(r.epoch_tai_day, r.epoch_tai_s),
    meanMotionRevPerDay: r.mean_motion_rev_per_day,
    eccentricity: r.eccentricity,
    inclinationDeg: r.inclination_deg,
    raanDeg: r.raan_deg,
    argOfPericenterDeg: r.arg_of_pericenter_deg,
    meanAnomalyDeg: r.mean_anomaly_deg,
    bstarPerEarthRadii: r.bstar_per_earth_radii,
    meanMotionDotRevPerDay2: r.mean_motion_dot_rev_per_day2,
    meanMotionDdotRevPerDay3: r.mean_motion_ddot_rev_per_day3,
    ephemerisType: r.ephemeris_type,
    elementSetNo: r.element_set_no,
    revAtEpoch: r.rev_at_epoch,
    source: {
      format: r.source_format as ElementSetFormat,
      ...(r.source_name !== null ? { name: r.source_name } : {}),
      ...(r.source_line !== null ? { line: r.source_line } : {}),
    },
  };
}

/** An element-set upload read (in the upload worker or inline): its rows and its bounded error report. */
export interface ParsedElementSets {
  readonly format: ElementSetFormat | 'unknown';
  readonly rows: ElementSetValues[];
  readonly catalogNumbers: number[];
  readonly report: ErrorReport;
  readonly warningCount: number;
  readonly contentSha256: string;
}

/** Reads an element-set upload into plain rows with a bounded error report (pure: runs in a worker thread). */
export function parseElementSets(text: string, format: ElementSetFormat | 'auto', ts: TimeScales, name: string | undefined, contentSha256: string): ParsedElementSets {
  const read = readElementSets(text, { format, timeScales: ts, maxFailures: UPLOAD_ERROR_LIMIT, maxWarnings: UPLOAD_WARNING_LIMIT, ...(name !== undefined ? { sourceName: name } : {}) });
  const fmt = read.format === 'unknown' ? 'unknown' : read.format;
  return {
    format: read.format,
    rows: read.elementSets.map((s) => elementSetValues(s, ts, fmt)),
    catalogNumbers: [...new Set(read.elementSets.map((s) => s.catalogNumber))],
    report: errorReport(read.failures, read.failureTally),
    warningCount: read.warningTally.total,
    contentSha256,
  };
}

/** Yields to the event loop (between the batches of a long write). */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads an upload and stores it in ONE transaction: the upload row and all its accepted element sets commit
 * together or not at all (a crash mid-ingest leaves the database as it was). Rejected records are returned with
 * their line, field and reason, and recorded on the upload row; nothing is stored when no record could be read.
 * The HTTP route reads uploads in a worker thread (`parseElementSets`) and stores them with `storeElementSets`.
 */
export async function ingestElementSets(db: Kysely<Database>, o: IngestOptions): Promise<IngestResult> {
  const parsed = parseElementSets(o.text, o.format, o.timeScales, o.name, createHash('sha256').update(o.text).digest('hex'));
  const r = await storeElementSets(db, parsed, o);
  return { ...r, failures: parsed.report.errors as RecordFailure[], warnings: [] };
}

export interface StoreOptions {
  readonly tenantId: number;
  readonly visibility: Visibility;
  readonly name?: string;
  readonly onProgress?: (written: number, total: number) => void | Promise<void>;
}

/** What storing a parsed upload did. */
export interface StoreResult {
  readonly uploadId: number | undefined;
  readonly format: ElementSetFormat | 'unknown';
  readonly accepted: number;
  readonly report: ErrorReport;
  readonly catalogNumbers: readonly number[];
}

/**
 * Stores a parsed element-set upload in ONE transaction (see `ingestElementSets`), INSERT_BATCH rows per statement,
 * yielding to the event loop between statements so that the process keeps serving (on PostgreSQL other requests
 * use other pool connections meanwhile).
 */
export async function storeElementSets(db: Kysely<Database>, parsed: ParsedElementSets, o: StoreOptions): Promise<StoreResult> {
  const base = { format: parsed.format, report: parsed.report, catalogNumbers: parsed.catalogNumbers };
  if (parsed.rows.length === 0) return { ...base, uploadId: undefined, accepted: 0 };
  const receivedAt = nowIso();
  const format = parsed.format;
  const uploadId = await db.transaction().execute(async (trx) => {
    const upload = await trx
      .insertInto('uploads')
      .values({
        tenant_id: o.tenantId,
        kind: 'gp',
        format,
        name: o.name ?? null,
        visibility: o.visibility,
        accepted_count: parsed.rows.length,
        rejected_count: parsed.report.rejected,
        failures_json: storedErrors(parsed.report),
        content_sha256: parsed.contentSha256,
        received_at: receivedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const owner = o.visibility === 'public' ? null : o.tenantId;
    const total = parsed.rows.length;
    for (let i = 0; i < total; i += INSERT_BATCH) {
      const rows = parsed.rows.slice(i, i + INSERT_BATCH).map((r) => ({ ...r, upload_id: upload.id, tenant_id: owner, received_at: receivedAt }));
      await trx.insertInto('element_sets').values(rows).execute();
      await o.onProgress?.(Math.min(i + INSERT_BATCH, total), total);
      await yieldToEventLoop();
    }
    return upload.id;
  });
  return { ...base, uploadId, accepted: parsed.rows.length };
}

/** Rows visible to a tenant: the public catalog plus its own private rows. */
function visibleTo(tenantId: number) {
  return sql<boolean>`(element_sets.tenant_id is null or element_sets.tenant_id = ${tenantId})`;
}

export interface GpFilter {
  readonly catalogNumbers?: readonly number[];
  /** COSPAR designator or its launch prefix ("1998-067" matches "1998-067A"…). */
  readonly intdes?: string;
  /** Case-insensitive substring of the object name. */
  readonly name?: string;
}

/** Escapes LIKE's wildcards with `!` (the query says `escape '!'`): `50%_OFF` matches itself only. */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

/** The current (latest-epoch) element set of each object matching the filter, as visible to the tenant, by catalog number. */
export async function currentElementSets(db: Kysely<Database>, tenantId: number, filter: GpFilter, limit = 100_000): Promise<ElementSetRow[]> {
  const ranked = db
    .selectFrom('element_sets')
    .selectAll()
    .select(sql<number>`row_number() over (partition by catalog_number order by epoch_utc desc, id desc)`.as('rn'))
    .where(visibleTo(tenantId))
    .$if(filter.catalogNumbers !== undefined, (q) => q.where('catalog_number', 'in', filter.catalogNumbers as number[]))
    .$if(filter.intdes !== undefined, (q) => q.where('object_id', 'like', `${filter.intdes ?? ''}%`))
    // NAME is a plain substring: LIKE's wildcards (% and _) and the escape character itself are escaped.
    .$if(filter.name !== undefined, (q) => q.where(sql<boolean>`upper(object_name) like ${`%${escapeLike((filter.name ?? '').toUpperCase())}%`} escape '!'`));
  const rows = await db
    .selectFrom(ranked.as('r'))
    .selectAll()
    .where('rn', '=', 1)
    .orderBy('catalog_number')
    .limit(limit)
    .execute();
  return rows.map(({ rn: _rn, ...r }) => r as ElementSetRow);
}

export interface ObjectSummary {
  readonly catalogNumber: number;
  readonly objectName: string | null;
  readonly objectId: string | null;
  readonly objectType: string | null;
  readonly elementSetCount: number;
  readonly latestEpochUtc: string;
}

/** One page of the objects visible to the tenant, ordered by catalog number, starting after `afterCatalogNumber`. */
export async function listObjects(db: Kysely<Database>, tenantId: number, afterCatalogNumber: number, limit: number): Promise<ObjectSummary[]> {
  const page = await db
    .selectFrom('element_sets')
    .select(['catalog_number', db.fn.countAll<number>().as('n')])
    .where(visibleTo(tenantId))
    .where('catalog_number', '>', afterCatalogNumber)
    .groupBy('catalog_number')
    .orderBy('catalog_number')
    .limit(limit)
    .execute();
  if (page.length === 0) return [];
  const latest = await currentElementSets(db, tenantId, { catalogNumbers: page.map((p) => p.catalog_number) });
  const byId = new Map(latest.map((r) => [r.catalog_number, r]));
  return page.map((p) => {
    const r = byId.get(p.catalog_number)!;
    return {
      catalogNumber: p.catalog_number,
      objectName: r.object_name,
      objectId: r.object_id,
      objectType: r.object_type,
      elementSetCount: Number(p.n),
      latestEpochUtc: r.epoch_utc,
    };
  });
}

/** One page of an object's element-set history visible to the tenant, newest receipt first, ids below `beforeId`. */
export async function elementSetHistory(db: Kysely<Database>, tenantId: number, catalogNumber: number, beforeId: number | undefined, limit: number): Promise<ElementSetRow[]> {
  return db
    .selectFrom('element_sets')
    .selectAll()
    .where(visibleTo(tenantId))
    .where('catalog_number', '=', catalogNumber)
    .$if(beforeId !== undefined, (q) => q.where('id', '<', beforeId ?? 0))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Which of `catalogNumbers` have at least one element set visible to the tenant. */
export async function knownCatalogNumbers(db: Kysely<Database>, tenantId: number, catalogNumbers: readonly number[]): Promise<Set<number>> {
  if (catalogNumbers.length === 0) return new Set();
  const rows = await db
    .selectFrom('element_sets')
    .select('catalog_number')
    .distinct()
    .where(visibleTo(tenantId))
    .where('catalog_number', 'in', [...catalogNumbers])
    .execute();
  return new Set(rows.map((r) => r.catalog_number));
}
