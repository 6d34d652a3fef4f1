/**
 * UCT linking across uploads (issue 13): each UCT of an upload with stations is kept (`uct_tracks`), then linked
 * with core `linkUctArcs` to the tenant's provisional objects that carry a fitted element set (attach) or to its
 * unlinked UCTs of the last `UCT_LINK_WINDOW_DAYS` (pair). A new object takes the analyst number that an upload's own
 * Lambert linking gave one of its tracks (that upload's provisional object gets its fitted orbit), else the next free one; an extended object's row is updated in place
 * (state, covariance, element set, track list, method `sgp4-fit`). Links are stored in `uct_links`.
 */
import { linkUctArcs, type ElementSet, type KnownUctObject, type Observation, type ObservationType, type StationSpec, type TimeScales, type UctArc } from '@skylane/core';
import type { Transaction } from 'kysely';
import type { Database } from '../storage/schema.ts';

/** How far back (days, by track epoch) stored UCTs are considered for pairing and linked tracks for refits. */
export const UCT_LINK_WINDOW_DAYS = 3;
/** At most this many stored unlinked UCTs (newest first) are tried per ingest (bounds the work of one upload). */
export const UCT_LINK_MAX_PENDING = 200;

/** A UCT of the upload being ingested: its upload-local id, station and observations. */
export interface NewUct {
  readonly trackId: string;
  readonly station: StationSpec;
  readonly epochUtc: string;
  readonly observations: readonly Observation[];
}

export interface LinkedObjectReport {
  readonly analystNumber: number;
  readonly created: boolean;
  readonly epoch: string;
  readonly frame: 'TEME';
  readonly positionKm: readonly number[];
  readonly velocityKmPerS: readonly number[];
  /** All linked tracks as `<uploadId>/<trackId>`. */
  readonly trackIds: readonly string[];
  /** Tracks linked by this upload. */
  readonly newTrackIds: readonly string[];
  readonly weightedRms: number;
  readonly observationCount: number;
}

interface StoredObs {
  readonly type: ObservationType;
  readonly epochUtc: string;
  readonly value: number;
  readonly sigma: number;
}

function elementSetJson(set: ElementSet, ts: TimeScales): string {
  const { source: _source, epoch, ...rest } = set;
  return JSON.stringify({ ...rest, epoch: ts.formatUtcIso(epoch, 6) });
}

function elementSetOf(json: string, ts: TimeScales): ElementSet {
  const o = JSON.parse(json) as Omit<ElementSet, 'epoch'> & { epoch: string };
  return { ...o, epoch: ts.parseUtcIso(o.epoch) };
}

/** Stores the upload's UCTs and links them across uploads (see the module header). */
export async function linkUctsAcrossUploads(trx: Transaction<Database>, ts: TimeScales, tenantId: number, uploadId: number, ucts: readonly NewUct[], withinUpload: ReadonlyMap<string, number>, now: string): Promise<LinkedObjectReport[]> {
  if (ucts.length === 0) return [];
  const rowIdOf = new Map<string, number>();
  for (const u of ucts) {
    const row = await trx
      .insertInto('uct_tracks')
      .values({ tenant_id: tenantId, upload_id: uploadId, track_id: u.trackId, station: u.station.name, station_json: JSON.stringify(u.station), epoch_utc: u.epochUtc, observations_json: JSON.stringify(u.observations.map((o) => ({ type: o.type, epochUtc: ts.formatUtcIso(o.epoch, 6), value: o.value, sigma: o.sigma }))), created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    rowIdOf.set(`${uploadId}/${u.trackId}`, Number(row.id));
  }
  const earliest = ucts.map((u) => u.epochUtc).sort()[0]!;
  const since = new Date(Date.parse(earliest) - UCT_LINK_WINDOW_DAYS * 86_400_000).toISOString();
  const stored = await trx
    .selectFrom('uct_tracks')
    .leftJoin('uct_links', (j) => j.onRef('uct_links.uct_track_id', '=', 'uct_tracks.id').on('uct_links.tenant_id', '=', tenantId))
    .select(['uct_tracks.id', 'uct_tracks.upload_id', 'uct_tracks.track_id', 'uct_tracks.station_json', 'uct_tracks.observations_json', 'uct_tracks.epoch_utc', 'uct_links.analyst_number'])
    .where('uct_tracks.tenant_id', '=', tenantId)
    .where('uct_tracks.upload_id', '!=', uploadId)
    .where('uct_tracks.epoch_utc', '>=', since)
    .orderBy('uct_tracks.epoch_utc', 'desc')
    .execute();
  const arcOf = (r: { upload_id: number; track_id: string; station_json: string; observations_json: string }): UctArc => {
    const station = JSON.parse(r.station_json) as StationSpec;
    const obs = (JSON.parse(r.observations_json) as StoredObs[]).map((o): Observation => ({ epoch: ts.parseUtcIso(o.epochUtc), station: station.name, type: o.type, value: o.value, sigma: o.sigma }));
    return { id: `${Number(r.upload_id)}/${r.track_id}`, station, observations: obs };
  };
  const linkedArcs = new Map<number, UctArc[]>();
  const pending: UctArc[] = [];
  for (const r of stored) {
    rowIdOf.set(`${Number(r.upload_id)}/${r.track_id}`, Number(r.id));
    if (r.analyst_number !== null && r.analyst_number !== undefined) linkedArcs.set(r.analyst_number, [...(linkedArcs.get(r.analyst_number) ?? []), arcOf(r)]);
    else if (pending.length < UCT_LINK_MAX_PENDING) pending.push(arcOf(r));
  }
  const objects = await trx.selectFrom('provisional_objects').select(['analyst_number', 'element_set_json', 'upload_id', 'track_ids_json']).where('tenant_id', '=', tenantId).execute();
  // Tracks of Lambert-only provisional objects (one upload's own linking) keep that object's number when fitted.
  const lambertNumber = new Map<string, number>();
  for (const [t, n] of withinUpload) lambertNumber.set(`${uploadId}/${t}`, n);
  for (const o of objects) if (o.element_set_json === null) for (const t of JSON.parse(o.track_ids_json) as string[]) lambertNumber.set(`${Number(o.upload_id)}/${t}`, o.analyst_number);
  const known: KnownUctObject[] = [];
  for (const o of objects) {
    const arcs = linkedArcs.get(o.analyst_number);
    if (arcs !== undefined && o.element_set_json !== null) known.push({ key: String(o.analyst_number), elementSet: elementSetOf(o.element_set_json, ts), arcs });
  }
  const newArcs: UctArc[] = ucts.map((u) => ({ id: `${uploadId}/${u.trackId}`, station: u.station, observations: u.observations }));
  const result = linkUctArcs(newArcs, known, pending, { timeScales: ts });
  const reports: LinkedObjectReport[] = [];
  for (const o of result.objects) {
    let number = o.key !== undefined ? Number(o.key) : undefined;
    const created = number === undefined;
    number ??= o.arcIds.map((id) => lambertNumber.get(id)).find((n) => n !== undefined);
    if (number === undefined) {
      const top = await trx.selectFrom('provisional_objects').select((eb) => eb.fn.max('analyst_number').as('n')).where('tenant_id', '=', tenantId).executeTakeFirst();
      number = top?.n !== undefined && top.n !== null ? Number(top.n) + 1 : 800000;
    }
    const epoch = ts.formatUtcIso(o.elementSet.epoch, 6);
    const values = { epoch_utc: epoch, state_teme_json: JSON.stringify(o.stateTeme), covariance_json: JSON.stringify(o.covarianceTeme), track_ids_json: JSON.stringify(o.arcIds), method: 'sgp4-fit', element_set_json: elementSetJson({ ...o.elementSet, catalogNumber: number }, ts) };
    const exists = await trx.selectFrom('provisional_objects').select('id').where('tenant_id', '=', tenantId).where('analyst_number', '=', number).executeTakeFirst();
    if (exists !== undefined) await trx.updateTable('provisional_objects').set(values).where('id', '=', exists.id).execute();
    else await trx.insertInto('provisional_objects').values({ tenant_id: tenantId, upload_id: uploadId, analyst_number: number, created_at: now, ...values }).execute();
    for (const id of o.newArcIds) {
      const rowId = rowIdOf.get(id);
      if (rowId !== undefined) await trx.insertInto('uct_links').values({ tenant_id: tenantId, analyst_number: number, uct_track_id: rowId, upload_id: uploadId, weighted_rms: o.weightedRms, created_at: now }).execute();
    }
    reports.push({ analystNumber: number, created, epoch, frame: 'TEME', positionKm: o.stateTeme.slice(0, 3), velocityKmPerS: o.stateTeme.slice(3), trackIds: o.arcIds, newTrackIds: o.newArcIds, weightedRms: o.weightedRms, observationCount: o.observationCount });
  }
  return reports;
}
