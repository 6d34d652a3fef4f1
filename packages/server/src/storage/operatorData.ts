/**
 * Operator data uploads: CCSDS OEM ephemerides and CDMs, each upload in one transaction with its upload row
 * (append-only, like element sets).
 *
 * OEM segments are stored per object of the tenant: OBJECT_ID is a catalog number or a COSPAR designator visible to
 * the tenant, and the object must be in one of the tenant's fleets (an operator uploads ephemerides of its own
 * satellites). A segment the screener could not use (CENTER_NAME other than EARTH, an unsupported REF_FRAME or
 * INTERPOLATION, fewer than 2 states) is rejected at upload. The tenant's newest segment per object
 * (`latestEphemerides`) replaces the object's element set in that tenant's screenings when it covers the window.
 *
 * CDMs are stored per message. A CDM whose pair has an open event of the tenant with a TCA within a quarter of the
 * shorter orbital period (the screenings' rule) becomes an update of that event; with no such event, it opens one
 * when either object is in one of the tenant's fleets and its TCA has not passed; otherwise it is only stored. The
 * update's Pc is the CDM's own when it states one, else recomputed (`assessCdm`); the level is re-evaluated and an
 * alert raised on a change, in the upload's transaction.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  Instant,
  assessCdm,
  recordList,
  tallyOf,
  type CdmAssessment,
  ephemerisInputFromOem,
  readCdm,
  readOemKvn,
  toRecordFailure,
  writeCdmKvn,
  type CaraHbrRow,
  type CdmFormat,
  type EphemerisInput,
  type OemReadSegment,
  type ReadWarning,
  type RecordFailure,
  type TimeScales,
} from '@skylane/core';
import type { Database, EphemeridesTable } from './schema.ts';
import { currentElementSets, elementSetFromRow, nowIso, yieldToEventLoop } from './catalog.ts';
import { errorReport, storedErrors, UPLOAD_ERROR_LIMIT, type ErrorReport } from '../uploads/limits.ts';
import { appendEventUpdate, tcaGapS, tcaMatchToleranceS, tenantThresholds, type AlertRow } from '../warning/events.ts';

export interface OperatorUploadResult {
  readonly uploadId: number | undefined;
  readonly accepted: number;
  readonly failures: readonly RecordFailure[];
  readonly warnings: readonly ReadWarning[];
}

/** What became of one uploaded CDM. */
export interface CdmOutcome {
  /** 1-based position of the CDM in the upload. */
  readonly index: number;
  readonly messageId: string;
  readonly cdmId: number;
  /** 'event-updated', 'event-created' or 'stored' (kept, no event: see `reason`). */
  readonly outcome: 'event-updated' | 'event-created' | 'stored';
  readonly eventId: number | null;
  readonly updateId: number | null;
  readonly alertLevel?: string;
  readonly pc?: number;
  readonly pcMethod?: string;
  readonly reason?: string;
}

export interface CdmUploadResult extends OperatorUploadResult {
  readonly cdms: readonly CdmOutcome[];
  /** Alerts the updates raised (committed): the caller delivers them. */
  readonly alerts: readonly AlertRow[];
}

/** Segment metadata kept beside the states (ephemerides.metadata_json). */
interface StoredOemMetadata {
  readonly interpolation?: string;
  readonly interpolationDegree?: number;
  readonly useableStart?: string;
  readonly useableStop?: string;
  readonly originator: string;
  readonly creationDate: string;
}

async function insertUpload(trx: Kysely<Database>, tenantId: number, kind: string, format: string, name: string | undefined, contentSha256: string, accepted: number, report: ErrorReport, receivedAt: string): Promise<number> {
  const u = await trx
    .insertInto('uploads')
    .values({
      tenant_id: tenantId,
      kind,
      format,
      name: name ?? null,
      visibility: 'private',
      accepted_count: accepted,
      rejected_count: report.rejected,
      failures_json: storedErrors(report),
      content_sha256: contentSha256,
      received_at: receivedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return u.id;
}

/** Stores the readable segments of an OEM (KVN) for the tenant's own objects; the others are failures. */
export async function ingestOem(db: Kysely<Database>, ts: TimeScales, tenantId: number, text: string, name: string | undefined): Promise<OperatorUploadResult> {
  let read;
  try {
    read = readOemKvn(text, { timeScales: ts });
  } catch (e) {
    return { uploadId: undefined, accepted: 0, failures: [toRecordFailure(e, 1)], warnings: [] };
  }
  const failures: RecordFailure[] = [...read.failures];
  const own = new Set(
    (await db.selectFrom('fleet_members').innerJoin('fleets', 'fleets.id', 'fleet_members.fleet_id').select('fleet_members.catalog_number').where('fleets.tenant_id', '=', tenantId).execute()).map((r) => r.catalog_number),
  );
  const rows: { seg: (typeof read.segments)[number]; catalogNumber: number }[] = [];
  for (const seg of read.segments) {
    const id = seg.metadata.objectId.trim();
    let catalogNumber: number | undefined;
    if (/^\d{1,9}$/.test(id)) catalogNumber = Number(id);
    else {
      const [row] = await currentElementSets(db, tenantId, { intdes: id });
      if (row !== undefined && row.object_id === id) catalogNumber = row.catalog_number;
    }
    if (catalogNumber === undefined) {
      failures.push({ line: seg.line, field: 'OBJECT_ID', code: 'NOT_FOUND', reason: `OBJECT_ID ${id} is neither a catalog number nor a COSPAR designator of an object visible to this tenant: write the catalog number or the international designator.` });
    } else if (!own.has(catalogNumber)) {
      failures.push({ line: seg.line, field: 'OBJECT_ID', code: 'ARGUMENT_INVALID', reason: `object ${catalogNumber} is in none of this tenant's fleets: ephemerides are accepted for the tenant's own satellites; add it to a fleet first.` });
    } else {
      try {
        ephemerisInputFromOem(seg, { catalogNumber, timeScales: ts });
        rows.push({ seg, catalogNumber });
      } catch (e) {
        failures.push(toRecordFailure(e, seg.line));
      }
    }
  }
  failures.sort((a, b) => a.line - b.line);
  if (rows.length === 0) return { uploadId: undefined, accepted: 0, failures, warnings: read.warnings };
  const receivedAt = nowIso();
  const uploadId = await db.transaction().execute(async (trx) => {
    const id = await insertUpload(trx, tenantId, 'oem', 'oem-kvn', name, createHash('sha256').update(text).digest('hex'), rows.length, errorReport(failures, tallyOf(failures)), receivedAt);
    for (const { seg, catalogNumber } of rows) {
      await trx
        .insertInto('ephemerides')
        .values({
          tenant_id: tenantId,
          upload_id: id,
          catalog_number: catalogNumber,
          object_name: seg.metadata.objectName,
          object_id: seg.metadata.objectId,
          center_name: seg.metadata.centerName,
          ref_frame: seg.metadata.refFrame,
          start_utc: ts.formatUtcIso(seg.metadata.startTime, 3),
          stop_utc: ts.formatUtcIso(seg.metadata.stopTime, 3),
          state_count: seg.states.length,
          covariance_count: seg.covariances.length,
          states_json: JSON.stringify(seg.states.map((s) => [ts.formatUtcIso(s.epoch, 6), ...s.state])),
          received_at: receivedAt,
          metadata_json: JSON.stringify(storedMetadata(seg, read.header, ts)),
        })
        .execute();
    }
    return id;
  });
  return { uploadId, accepted: rows.length, failures, warnings: read.warnings };
}

function storedMetadata(seg: OemReadSegment, header: { originator: string; creationDate: Instant }, ts: TimeScales): StoredOemMetadata {
  const m = seg.metadata;
  return {
    ...(m.interpolation !== undefined ? { interpolation: m.interpolation } : {}),
    ...(m.interpolationDegree !== undefined ? { interpolationDegree: m.interpolationDegree } : {}),
    ...(m.useableStartTime !== undefined ? { useableStart: ts.formatUtcIso(m.useableStartTime, 6) } : {}),
    ...(m.useableStopTime !== undefined ? { useableStop: ts.formatUtcIso(m.useableStopTime, 6) } : {}),
    originator: header.originator,
    creationDate: ts.formatUtcIso(header.creationDate, 3),
  };
}

/** A stored ephemeris as the screener's trajectory input (TEME, UTC clock). */
export function ephemerisInputFromRow(row: Pick<EphemeridesTable, 'catalog_number' | 'object_name' | 'object_id' | 'center_name' | 'ref_frame' | 'start_utc' | 'stop_utc' | 'states_json' | 'metadata_json'>, ts: TimeScales): EphemerisInput {
  const meta = row.metadata_json !== null ? (JSON.parse(row.metadata_json) as StoredOemMetadata) : undefined;
  const states = (JSON.parse(row.states_json) as [string, number, number, number, number, number, number][]).map(([t, ...x]) => ({
    epoch: ts.parseUtcIso(t),
    state: x as [number, number, number, number, number, number],
  }));
  const segment: OemReadSegment = {
    line: 0,
    metadata: {
      comments: [],
      objectName: row.object_name,
      objectId: row.object_id,
      centerName: row.center_name,
      refFrame: row.ref_frame,
      timeSystem: 'UTC',
      startTime: ts.parseUtcIso(row.start_utc),
      stopTime: ts.parseUtcIso(row.stop_utc),
      ...(meta?.useableStart !== undefined ? { useableStartTime: ts.parseUtcIso(meta.useableStart) } : {}),
      ...(meta?.useableStop !== undefined ? { useableStopTime: ts.parseUtcIso(meta.useableStop) } : {}),
      ...(meta?.interpolation !== undefined ? { interpolation: meta.interpolation } : {}),
      ...(meta?.interpolationDegree !== undefined ? { interpolationDegree: meta.interpolationDegree } : {}),
    },
    dataComments: [],
    states,
    covariances: [],
  };
  return ephemerisInputFromOem(segment, {
    catalogNumber: row.catalog_number ?? 0,
    timeScales: ts,
    ...(meta !== undefined ? { originator: meta.originator, creationDate: ts.parseUtcIso(meta.creationDate) } : {}),
  });
}

/** The tenant's newest ephemeris per object (only this tenant's uploads): its id and trajectory input, or why it cannot be used. */
export async function latestEphemerides(db: Kysely<Database>, ts: TimeScales, tenantId: number): Promise<Map<number, { ephemerisId: number; input?: EphemerisInput; error?: string }>> {
  const newest = db.selectFrom('ephemerides').select((eb) => eb.fn.max('id').as('id')).where('tenant_id', '=', tenantId).groupBy('catalog_number');
  const rows = await db.selectFrom('ephemerides').selectAll().where('tenant_id', '=', tenantId).where('catalog_number', 'is not', null).where('id', 'in', newest).execute();
  const out = new Map<number, { ephemerisId: number; input?: EphemerisInput; error?: string }>();
  for (const r of rows) {
    try {
      out.set(r.catalog_number!, { ephemerisId: r.id, input: ephemerisInputFromRow(r, ts) });
    } catch (e) {
      out.set(r.catalog_number!, { ephemerisId: r.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}

export interface CdmIngestOptions {
  readonly hbrTable?: ReadonlyMap<number, CaraHbrRow>;
  /** The service clock: a CDM whose TCA has passed opens no new event. */
  readonly now: Date;
  /** Called after each chunk of CDMs commits, with the alerts that chunk raised (the route delivers them at once). */
  readonly onChunk?: (alerts: readonly AlertRow[]) => void | Promise<void>;
}

/** One uploaded CDM as read and assessed in the upload worker (plain data). */
export interface ParsedCdm {
  /** 1-based position of the CDM in the upload. */
  readonly index: number;
  readonly messageId: string;
  readonly originator: string;
  readonly tcaUtc: string;
  readonly tcaTaiDay: number;
  readonly tcaTaiS: number;
  readonly missDistanceKm: number;
  readonly pc: number | null;
  readonly kvn: string;
  /** The pair, lower catalog number first; null when the designators are not two different catalog numbers. */
  readonly o1: number | null;
  readonly o2: number | null;
  /** assessCdm of the CDM (objects in o1, o2 order); null when the pair is unknown. */
  readonly assessment: CdmAssessment | null;
}

/** A CDM upload read in the upload worker: its messages and its bounded error report. */
export interface ParsedCdms {
  readonly format: string;
  readonly cdms: ParsedCdm[];
  readonly report: ErrorReport;
  readonly warningCount: number;
  readonly contentSha256: string;
}

/** Reads and assesses every CDM of an upload (pure: runs in a worker thread, off the request thread). */
export function parseCdms(text: string, ts: TimeScales, format: CdmFormat | undefined, hbrTable: ReadonlyMap<number, CaraHbrRow> | undefined, contentSha256: string): ParsedCdms {
  let read;
  try {
    read = readCdm(text, { timeScales: ts, ...(format !== undefined ? { format } : {}) });
  } catch (e) {
    const f = [toRecordFailure(e, 1)];
    return { format: format ?? 'unknown', cdms: [], report: errorReport(f, tallyOf(f)), warningCount: 0, contentSha256 };
  }
  const failures = recordList<RecordFailure>(UPLOAD_ERROR_LIMIT);
  const cdms: ParsedCdm[] = [];
  read.cdms.forEach((cdm, i) => {
    try {
      const a = Number(cdm.object1.metadata.objectDesignator);
      const b = Number(cdm.object2.metadata.objectDesignator);
      const ok = Number.isSafeInteger(a) && Number.isSafeInteger(b) && a > 0 && b > 0 && a !== b;
      const o1 = ok ? Math.min(a, b) : null;
      const tca = cdm.relative.tca;
      cdms.push({
        index: i + 1,
        messageId: cdm.header.messageId,
        originator: cdm.header.originator,
        tcaUtc: ts.formatUtcIso(tca, 3),
        tcaTaiDay: tca.taiDay,
        tcaTaiS: tca.taiSeconds,
        missDistanceKm: cdm.relative.missDistanceKm,
        pc: cdm.relative.collisionProbability ?? null,
        kvn: writeCdmKvn(cdm, ts),
        o1,
        o2: ok ? Math.max(a, b) : null,
        assessment: ok ? assessCdm(cdm, hbrTable, a !== o1) : null,
      });
    } catch (e) {
      failures.push({ ...toRecordFailure(e, i + 1), reason: `CDM ${i + 1} (${cdm.header.messageId}): ${toRecordFailure(e, i + 1).reason}` });
    }
  });
  if (cdms.length === 0 && failures.length === 0) failures.push({ line: 1, code: 'FIELD_MISSING', reason: 'the upload holds no full CDM (Space-Track cdm_public summaries carry no states or covariances).' });
  return { format: read.format === 'json' ? 'cdm-json' : `cdm-${read.format}`, cdms, report: errorReport(failures, tallyOf(failures)), warningCount: read.warnings.length, contentSha256 };
}

/** CDMs per transaction: each chunk commits on its own, so that other requests reach the database in between. */
export const CDM_CHUNK = 50;

/** Stores every CDM of an upload; each becomes an update of the tenant's matching event, or opens one, or is only stored (see the module header). */
export async function ingestCdms(db: Kysely<Database>, ts: TimeScales, tenantId: number, text: string, name: string | undefined, format: CdmFormat | undefined, options: CdmIngestOptions): Promise<CdmUploadResult> {
  const parsed = parseCdms(text, ts, format, options.hbrTable, createHash('sha256').update(text).digest('hex'));
  const r = await storeCdms(db, ts, tenantId, parsed, name, options);
  return { uploadId: r.uploadId, accepted: r.accepted, failures: parsed.report.errors as RecordFailure[], warnings: [], cdms: r.cdms, alerts: r.alerts };
}

/**
 * Stores a parsed CDM upload in chunks of CDM_CHUNK messages, one transaction each, yielding to the event loop
 * between chunks: a 2,000-CDM upload never holds the database (SQLite has one connection) for more than one chunk.
 * The upload row commits with the first chunk and its accepted count grows with each chunk, so that after a crash
 * it counts exactly the CDMs stored; each CDM commits together with its event update and alert.
 */
export async function storeCdms(
  db: Kysely<Database>,
  ts: TimeScales,
  tenantId: number,
  parsed: ParsedCdms,
  name: string | undefined,
  options: CdmIngestOptions,
): Promise<{ uploadId: number | undefined; accepted: number; cdms: CdmOutcome[]; alerts: AlertRow[] }> {
  const rows = parsed.cdms;
  if (rows.length === 0) return { uploadId: undefined, accepted: 0, cdms: [], alerts: [] };
  const receivedAt = nowIso();
  const nowIsoClock = options.now.toISOString();
  const own = new Set(
    (await db.selectFrom('fleet_members').innerJoin('fleets', 'fleets.id', 'fleet_members.fleet_id').select('fleet_members.catalog_number').where('fleets.tenant_id', '=', tenantId).execute()).map((r) => r.catalog_number),
  );
  const outcomes: CdmOutcome[] = [];
  const alerts: AlertRow[] = [];
  let uploadId: number | undefined;
  for (let c = 0; c < rows.length; c += CDM_CHUNK) {
    const chunk = rows.slice(c, c + CDM_CHUNK);
    const chunkAlerts: AlertRow[] = [];
    const chunkOutcomes: CdmOutcome[] = [];
    await db.transaction().execute(async (trx) => {
      const id = uploadId ?? (await insertUpload(trx, tenantId, 'cdm', parsed.format, name, parsed.contentSha256, c + chunk.length, parsed.report, receivedAt));
      if (uploadId !== undefined) await trx.updateTable('uploads').set({ accepted_count: c + chunk.length }).where('id', '=', id).execute();
      const thresholds = await tenantThresholds(trx, tenantId);
      for (const r of chunk) chunkOutcomes.push(await storeOneCdm(trx, ts, tenantId, id, r, own, thresholds, receivedAt, nowIsoClock, chunkAlerts));
      uploadId = id;
    });
    outcomes.push(...chunkOutcomes);
    alerts.push(...chunkAlerts);
    if (chunkAlerts.length > 0) await options.onChunk?.(chunkAlerts);
    await yieldToEventLoop();
  }
  return { uploadId, accepted: rows.length, cdms: outcomes, alerts };
}

async function storeOneCdm(
  trx: Transaction<Database>,
  ts: TimeScales,
  tenantId: number,
  uploadId: number,
  r: ParsedCdm,
  own: ReadonlySet<number>,
  thresholds: Awaited<ReturnType<typeof tenantThresholds>>,
  receivedAt: string,
  nowIsoClock: string,
  alerts: AlertRow[],
): Promise<CdmOutcome> {
  const tcaUtc = r.tcaUtc;
  const tca = Instant.fromTai(r.tcaTaiDay, r.tcaTaiS);
  const stored = await trx
    .insertInto('cdms')
    .values({
      tenant_id: tenantId,
      upload_id: uploadId,
      event_id: null,
      object1: r.o1,
      object2: r.o2,
      message_id: r.messageId,
      originator: r.originator,
      tca_utc: tcaUtc,
      miss_distance_km: r.missDistanceKm,
      pc: r.pc,
      cdm_kvn: r.kvn,
      received_at: receivedAt,
      update_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const base = { index: r.index, messageId: r.messageId, cdmId: stored.id };
  if (r.o1 === null || r.o2 === null || r.assessment === null) {
    return { ...base, outcome: 'stored', eventId: null, updateId: null, reason: 'OBJECT_DESIGNATOR of the two objects are not two different catalog numbers: the CDM cannot be matched to an event.' };
  }
  const sets = new Map((await currentElementSets(trx, tenantId, { catalogNumbers: [r.o1, r.o2] })).map((s) => [s.catalog_number, elementSetFromRow(s)]));
  const tol = tcaMatchToleranceS(sets.get(r.o1), sets.get(r.o2));
  const open = await trx.selectFrom('events').select(['id', 'tca_tai_day', 'tca_tai_s', 'alert_level', 'update_count']).where('tenant_id', '=', tenantId).where('object1', '=', r.o1).where('object2', '=', r.o2).where('status', '=', 'open').execute();
  let target: (typeof open)[number] | undefined;
  let best = Infinity;
  for (const c of open) {
    const dt = tcaGapS(c, tca);
    if (dt <= tol && dt < best) {
      best = dt;
      target = c;
    }
  }
  if (target === undefined) {
    const why = !own.has(r.o1) && !own.has(r.o2) ? `neither ${r.o1} nor ${r.o2} is in this tenant's fleets` : tcaUtc < nowIsoClock ? `its TCA ${tcaUtc} has passed` : undefined;
    if (why !== undefined) {
      return { ...base, outcome: 'stored', eventId: null, updateId: null, reason: `no open event of ${r.o1}-${r.o2} within ${tol.toFixed(0)} s of TCA ${tcaUtc}, and ${why}: the CDM is stored (GET /api/v1/cdms) but opens no event.` };
    }
  }
  const a = r.assessment;
  const finite = (x: number): number => (Number.isFinite(x) ? x : 0);
  const u = await appendEventUpdate(
    trx,
    ts,
    tenantId,
    thresholds,
    target,
    {
      object1: r.o1,
      object2: r.o2,
      tca,
      missDistanceKm: a.missDistanceKm,
      relativeSpeedKmPerS: finite(a.relativeSpeedKmPerS),
      missRtnKm: [finite(a.missRtnKm[0]), finite(a.missRtnKm[1]), finite(a.missRtnKm[2])],
      pc: a.pc,
      maxPc: a.maxPc,
      pcMethod: a.pcMethod,
      hbrM: a.hbrM,
      cdmKvn: r.kvn,
      source: 'cdm',
      jobId: null,
      cdmId: stored.id,
      covarianceSource: 'cdm',
      clockIso: nowIsoClock,
    },
    receivedAt,
  );
  await trx.updateTable('cdms').set({ event_id: u.eventId, update_id: u.updateId }).where('id', '=', stored.id).execute();
  if (u.alert) alerts.push(u.alert);
  return {
    ...base,
    outcome: u.created ? 'event-created' : 'event-updated',
    eventId: u.eventId,
    updateId: u.updateId,
    alertLevel: (u.alert?.level ?? target?.alert_level) as string,
    pc: a.pc,
    pcMethod: a.pcMethod,
    ...(a.notes.length > 0 ? { reason: a.notes.join('; ') } : {}),
  };
}
