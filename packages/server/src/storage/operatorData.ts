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
import type { Kysely } from 'kysely';
import {
  assessCdm,
  ephemerisInputFromOem,
  readCdm,
  readOemKvn,
  toRecordFailure,
  writeCdmKvn,
  type CaraHbrRow,
  type CdmFormat,
  type EphemerisInput,
  type Instant,
  type OemReadSegment,
  type ReadWarning,
  type RecordFailure,
  type TimeScales,
} from '@skylane/core';
import type { Database, EphemeridesTable } from './schema.ts';
import { currentElementSets, elementSetFromRow, nowIso } from './catalog.ts';
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

async function insertUpload(trx: Kysely<Database>, tenantId: number, kind: string, format: string, name: string | undefined, text: string, accepted: number, failures: readonly RecordFailure[], receivedAt: string): Promise<number> {
  const u = await trx
    .insertInto('uploads')
    .values({
      tenant_id: tenantId,
      kind,
      format,
      name: name ?? null,
      visibility: 'private',
      accepted_count: accepted,
      rejected_count: failures.length,
      failures_json: JSON.stringify(failures),
      content_sha256: createHash('sha256').update(text).digest('hex'),
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
    const id = await insertUpload(trx, tenantId, 'oem', 'oem-kvn', name, text, rows.length, failures, receivedAt);
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
}

/** Stores every CDM of an upload; each becomes an update of the tenant's matching event, or opens one, or is only stored (see the module header). */
export async function ingestCdms(db: Kysely<Database>, ts: TimeScales, tenantId: number, text: string, name: string | undefined, format: CdmFormat | undefined, options: CdmIngestOptions): Promise<CdmUploadResult> {
  let read;
  try {
    read = readCdm(text, { timeScales: ts, ...(format !== undefined ? { format } : {}) });
  } catch (e) {
    return { uploadId: undefined, accepted: 0, failures: [toRecordFailure(e, 1)], warnings: [], cdms: [], alerts: [] };
  }
  const failures: RecordFailure[] = [];
  const rows: { index: number; kvn: string; o1: number | null; o2: number | null; cdm: (typeof read.cdms)[number] }[] = [];
  read.cdms.forEach((cdm, i) => {
    try {
      const a = Number(cdm.object1.metadata.objectDesignator);
      const b = Number(cdm.object2.metadata.objectDesignator);
      const ok = Number.isSafeInteger(a) && Number.isSafeInteger(b) && a > 0 && b > 0 && a !== b;
      rows.push({ index: i + 1, kvn: writeCdmKvn(cdm, ts), o1: ok ? Math.min(a, b) : null, o2: ok ? Math.max(a, b) : null, cdm });
    } catch (e) {
      failures.push({ ...toRecordFailure(e, i + 1), reason: `CDM ${i + 1} (${cdm.header.messageId}): ${toRecordFailure(e, i + 1).reason}` });
    }
  });
  if (rows.length === 0) {
    if (failures.length === 0) failures.push({ line: 1, code: 'FIELD_MISSING', reason: 'the upload holds no full CDM (Space-Track cdm_public summaries carry no states or covariances).' });
    return { uploadId: undefined, accepted: 0, failures, warnings: read.warnings, cdms: [], alerts: [] };
  }
  const receivedAt = nowIso();
  const nowIsoClock = options.now.toISOString();
  const own = new Set(
    (await db.selectFrom('fleet_members').innerJoin('fleets', 'fleets.id', 'fleet_members.fleet_id').select('fleet_members.catalog_number').where('fleets.tenant_id', '=', tenantId).execute()).map((r) => r.catalog_number),
  );
  const outcomes: CdmOutcome[] = [];
  const alerts: AlertRow[] = [];
  const uploadId = await db.transaction().execute(async (trx) => {
    const id = await insertUpload(trx, tenantId, 'cdm', read.format === 'json' ? 'cdm-json' : `cdm-${read.format}`, name, text, rows.length, failures, receivedAt);
    const thresholds = await tenantThresholds(trx, tenantId);
    for (const r of rows) {
      const tcaUtc = ts.formatUtcIso(r.cdm.relative.tca, 3);
      const stored = await trx
        .insertInto('cdms')
        .values({
          tenant_id: tenantId,
          upload_id: id,
          event_id: null,
          object1: r.o1,
          object2: r.o2,
          message_id: r.cdm.header.messageId,
          originator: r.cdm.header.originator,
          tca_utc: tcaUtc,
          miss_distance_km: r.cdm.relative.missDistanceKm,
          pc: r.cdm.relative.collisionProbability ?? null,
          cdm_kvn: r.kvn,
          received_at: receivedAt,
          update_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const base = { index: r.index, messageId: r.cdm.header.messageId, cdmId: stored.id };
      if (r.o1 === null || r.o2 === null) {
        outcomes.push({ ...base, outcome: 'stored', eventId: null, updateId: null, reason: 'OBJECT_DESIGNATOR of the two objects are not two different catalog numbers: the CDM cannot be matched to an event.' });
        continue;
      }
      const sets = new Map((await currentElementSets(trx, tenantId, { catalogNumbers: [r.o1, r.o2] })).map((s) => [s.catalog_number, elementSetFromRow(s)]));
      const tol = tcaMatchToleranceS(sets.get(r.o1), sets.get(r.o2));
      const open = await trx.selectFrom('events').select(['id', 'tca_tai_day', 'tca_tai_s', 'alert_level', 'update_count']).where('tenant_id', '=', tenantId).where('object1', '=', r.o1).where('object2', '=', r.o2).where('status', '=', 'open').execute();
      let target: (typeof open)[number] | undefined;
      let best = Infinity;
      for (const c of open) {
        const dt = tcaGapS(c, r.cdm.relative.tca);
        if (dt <= tol && dt < best) {
          best = dt;
          target = c;
        }
      }
      if (target === undefined) {
        const why = !own.has(r.o1) && !own.has(r.o2) ? `neither ${r.o1} nor ${r.o2} is in this tenant's fleets` : tcaUtc < nowIsoClock ? `its TCA ${tcaUtc} has passed` : undefined;
        if (why !== undefined) {
          outcomes.push({ ...base, outcome: 'stored', eventId: null, updateId: null, reason: `no open event of ${r.o1}-${r.o2} within ${tol.toFixed(0)} s of TCA ${tcaUtc}, and ${why}: the CDM is stored (GET /api/v1/cdms) but opens no event.` });
          continue;
        }
      }
      const swap = Number(r.cdm.object1.metadata.objectDesignator) !== r.o1;
      const a = assessCdm(r.cdm, options.hbrTable, swap);
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
          tca: r.cdm.relative.tca,
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
        },
        receivedAt,
      );
      await trx.updateTable('cdms').set({ event_id: u.eventId, update_id: u.updateId }).where('id', '=', stored.id).execute();
      if (u.alert) alerts.push(u.alert);
      outcomes.push({
        ...base,
        outcome: u.created ? 'event-created' : 'event-updated',
        eventId: u.eventId,
        updateId: u.updateId,
        alertLevel: (u.alert?.level ?? target?.alert_level) as string,
        pc: a.pc,
        pcMethod: a.pcMethod,
        ...(a.notes.length > 0 ? { reason: a.notes.join('; ') } : {}),
      });
    }
    return id;
  });
  return { uploadId, accepted: rows.length, failures, warnings: read.warnings, cdms: outcomes, alerts };
}
