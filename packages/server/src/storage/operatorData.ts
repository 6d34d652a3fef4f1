/**
 * Operator data uploads: CCSDS OEM ephemerides and CDMs, each upload in one transaction with its upload row
 * (append-only, like element sets). OEM segments are stored per object of the tenant: OBJECT_ID is a catalog
 * number or a COSPAR designator visible to the tenant, and the object must be in one of the tenant's fleets (an
 * operator uploads ephemerides of its own satellites). They are stored and listed; screenings still use element
 * sets (an ephemeris-based screening path does not exist in the engine yet). CDMs are stored per message, linked to
 * the tenant's event of the same pair whose TCA is within a quarter of the shorter orbital period.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { readCdm, readOemKvn, toRecordFailure, writeCdmKvn, type CdmFormat, type ReadWarning, type RecordFailure, type TimeScales } from '@skylane/core';
import type { Database } from './schema.ts';
import { currentElementSets, elementSetFromRow, nowIso } from './catalog.ts';
import { periodS, TCA_MATCH_PERIOD_FRACTION } from '../warning/events.ts';

export interface OperatorUploadResult {
  readonly uploadId: number | undefined;
  readonly accepted: number;
  readonly failures: readonly RecordFailure[];
  readonly warnings: readonly ReadWarning[];
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
    } else rows.push({ seg, catalogNumber });
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
        })
        .execute();
    }
    return id;
  });
  return { uploadId, accepted: rows.length, failures, warnings: read.warnings };
}

/** Stores every CDM of an upload, each linked to the tenant's matching event when there is one. */
export async function ingestCdms(db: Kysely<Database>, ts: TimeScales, tenantId: number, text: string, name: string | undefined, format: CdmFormat | undefined): Promise<OperatorUploadResult> {
  let read;
  try {
    read = readCdm(text, { timeScales: ts, ...(format !== undefined ? { format } : {}) });
  } catch (e) {
    return { uploadId: undefined, accepted: 0, failures: [toRecordFailure(e, 1)], warnings: [] };
  }
  const failures: RecordFailure[] = [];
  const rows: { kvn: string; o1: number | null; o2: number | null; cdm: (typeof read.cdms)[number] }[] = [];
  read.cdms.forEach((cdm, i) => {
    try {
      const a = Number(cdm.object1.metadata.objectDesignator);
      const b = Number(cdm.object2.metadata.objectDesignator);
      const ok = Number.isSafeInteger(a) && Number.isSafeInteger(b) && a > 0 && b > 0;
      rows.push({ kvn: writeCdmKvn(cdm, ts), o1: ok ? Math.min(a, b) : null, o2: ok ? Math.max(a, b) : null, cdm });
    } catch (e) {
      failures.push({ ...toRecordFailure(e, i + 1), reason: `CDM ${i + 1} (${cdm.header.messageId}): ${toRecordFailure(e, i + 1).reason}` });
    }
  });
  if (rows.length === 0) {
    if (failures.length === 0) failures.push({ line: 1, code: 'FIELD_MISSING', reason: 'the upload holds no full CDM (Space-Track cdm_public summaries carry no states or covariances).' });
    return { uploadId: undefined, accepted: 0, failures, warnings: read.warnings };
  }
  const receivedAt = nowIso();
  const uploadId = await db.transaction().execute(async (trx) => {
    const id = await insertUpload(trx, tenantId, 'cdm', read.format === 'json' ? 'cdm-json' : `cdm-${read.format}`, name, text, rows.length, failures, receivedAt);
    for (const r of rows) {
      let eventId: number | null = null;
      if (r.o1 !== null && r.o2 !== null) {
        const sets = new Map((await currentElementSets(trx, tenantId, { catalogNumbers: [r.o1, r.o2] })).map((s) => [s.catalog_number, elementSetFromRow(s)]));
        const tol = TCA_MATCH_PERIOD_FRACTION * Math.min(periodS(sets.get(r.o1)), periodS(sets.get(r.o2)));
        const candidates = await trx.selectFrom('events').select(['id', 'tca_tai_day', 'tca_tai_s']).where('tenant_id', '=', tenantId).where('object1', '=', r.o1).where('object2', '=', r.o2).execute();
        let best = Infinity;
        for (const c of candidates) {
          const dt = Math.abs((c.tca_tai_day - r.cdm.relative.tca.taiDay) * 86_400 + (c.tca_tai_s - r.cdm.relative.tca.taiSeconds));
          if (dt <= tol && dt < best) {
            best = dt;
            eventId = c.id;
          }
        }
      }
      await trx
        .insertInto('cdms')
        .values({
          tenant_id: tenantId,
          upload_id: id,
          event_id: eventId,
          object1: r.o1,
          object2: r.o2,
          message_id: r.cdm.header.messageId,
          originator: r.cdm.header.originator,
          tca_utc: ts.formatUtcIso(r.cdm.relative.tca, 3),
          miss_distance_km: r.cdm.relative.missDistanceKm,
          pc: r.cdm.relative.collisionProbability ?? null,
          cdm_kvn: r.kvn,
          received_at: receivedAt,
        })
        .execute();
    }
    return id;
  });
  return { uploadId, accepted: rows.length, failures, warnings: read.warnings };
}
