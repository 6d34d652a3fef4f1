/**
 * TDM ingest: a posted CCSDS TDM (KVN or XML) is read with the lenient od-tdm reader, every tracking data line with a
 * usable epoch and path becomes one `observations` row (tenant-scoped), and every rejected record is reported with
 * its line, field and reason (the rest is still stored). Correlation on ingest:
 * - with `stations` (coordinates of the TDM's station participants): the measurements are reduced to tracks (core
 *   `tracksFromObservations`, one per station, claimed object and arc), gated against the tenant's current catalog on
 *   predicted position and covariance (core `correlateTracks`, χ² 99.99 % gate): `catalog` with the assigned object,
 *   `ambiguous` (several inside the gate; the candidates are reported), or `uct`. This upload's UCTs are linked
 *   track-to-track and turned into provisional objects (core `linkUncorrelatedTracks`, analyst numbers 800000-899999,
 *   allocated per tenant after the highest one it holds). The UCTs are then kept and linked across uploads
 *   (od/uctLinking.ts: later tracks attach to a provisional object whose fitted orbit explains them).
 * - without: by identity, a segment whose object participant is a catalog number with an element set visible to the
 *   tenant is `catalog`, any other is a `uct`.
 */
import { sql, type Kysely } from 'kysely';
import {
  ANALYST_NUMBER_FIRST,
  correlateTracks,
  isNdmTimeSystem,
  isTdmXml,
  linkUncorrelatedTracks,
  parseNdmEpoch,
  parseTdmPath,
  readTdm,
  tdmMeta,
  tdmToObservations,
  tracksFromObservations,
  type Observation,
  type StationSpec,
  type TimeScales,
  type Track,
} from '@skylane/core';
import { currentElementSets, elementSetFromRow } from '../storage/catalog.ts';
import type { Database } from '../storage/schema.ts';
import { linkUctsAcrossUploads, type LinkedObjectReport, type NewUct } from './uctLinking.ts';

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
  readonly counts: readonly { readonly station: string; readonly object: string | null; readonly type: string; readonly count: number; readonly correlation: Correlation }[];
  /** Gated correlation of each track (only when stations were given). */
  readonly tracks: readonly TrackReport[];
  /** Provisional objects made of this upload's linked UCTs (only when stations were given). */
  readonly provisionalObjects: readonly ProvisionalReport[];
  /**
   * Provisional objects made or extended by linking this upload's UCTs with earlier uploads' (od/uctLinking.ts: an
   * SGP4 fit that explains every linked track within its noise); only when stations were given.
   */
  readonly linkedObjects: readonly LinkedObjectReport[];
  readonly problems: readonly IngestProblem[];
}

export type Correlation = 'catalog' | 'ambiguous' | 'uct';

export interface TrackReport {
  readonly trackId: string;
  readonly station: string;
  readonly claimedObject: number | null;
  readonly observationCount: number;
  readonly status: Correlation;
  readonly catalogNumber: number | null;
  readonly mahalanobis2: number | null;
  readonly candidates: readonly { readonly catalogNumber: number; readonly mahalanobis2: number }[];
}

export interface ProvisionalReport {
  readonly analystNumber: number;
  readonly epoch: string;
  readonly frame: 'TEME';
  readonly positionKm: readonly number[];
  readonly velocityKmPerS: readonly number[];
  readonly trackIds: readonly string[];
  readonly method: string;
}

const MAX_GAP_S = 600;

/** Tracks of `observations` (one per station, claimed object and arc split at gaps), each with the lines it holds. */
function tracksWithLines(observations: readonly Observation[], stations: readonly StationSpec[], ts: TimeScales): { track: Track; lines: Set<number>; observations: Observation[] }[] {
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    const key = `${o.station}\u0000${o.objectId ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const out: { track: Track; lines: Set<number>; observations: Observation[] }[] = [];
  for (const obs of groups.values()) {
    obs.sort((a, b) => a.epoch.compare(b.epoch));
    const arcs: Observation[][] = [];
    for (const o of obs) {
      const arc = arcs[arcs.length - 1];
      const last = arc?.[arc.length - 1];
      if (arc !== undefined && last !== undefined && o.epoch.secondsSince(last.epoch) <= MAX_GAP_S) arc.push(o);
      else arcs.push([o]);
    }
    for (const arc of arcs) {
      const t = tracksFromObservations(arc, stations, { timeScales: ts, maxGapS: MAX_GAP_S }).tracks[0];
      if (t !== undefined) out.push({ track: { ...t, id: `${t.station ?? arc[0]!.station}#${out.length + 1}` }, lines: new Set(arc.map((o) => o.source?.line ?? 0)), observations: arc });
    }
  }
  return out;
}

type Row = Omit<Database['observations'], 'id'>;
type Pending = Omit<Row, 'upload_id' | 'correlation' | 'assigned_catalog_number'>;

const INSERT_BATCH = 500;

/** Reads, correlates and stores one TDM for `tenantId`. */
export async function ingestTdm(db: Kysely<Database>, ts: TimeScales, tenantId: number, text: string, receivedAt: string, stations?: readonly StationSpec[]): Promise<IngestSummary> {
  const format = isTdmXml(text) ? 'xml' : 'kvn';
  const read = readTdm(text);
  const problems: IngestProblem[] = read.problems.map((p) => ({ line: p.line, field: p.field, code: p.code, message: p.message, severity: p.severity }));
  const pending: Pending[] = [];
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

  // Correlation: gated when stations are given, else by identity.
  const byLine = new Map<number, { correlation: Correlation; assigned: number | null }>();
  const trackReports: TrackReport[] = [];
  const ucts: Track[] = [];
  const uctArcs: NewUct[] = [];
  if (stations !== undefined && stations.length > 0 && pending.length > 0) {
    const conv = tdmToObservations(read.tdm, { stations, timeScales: ts });
    const tracks = tracksWithLines(conv.observations, stations, ts);
    if (tracks.length > 0) {
      const catalog = (await currentElementSets(db, tenantId, {})).map(elementSetFromRow);
      const res = correlateTracks(tracks.map((t) => t.track), catalog, { timeScales: ts });
      const byId = new Map(res.results.map((r) => [r.trackId, r]));
      for (const { track, lines, observations: arcObs } of tracks) {
        const r = byId.get(track.id);
        const status: Correlation = r === undefined || r.status === 'uct' ? 'uct' : r.status === 'ambiguous' ? 'ambiguous' : 'catalog';
        const assigned = status === 'catalog' ? (r?.catalogNumber ?? null) : null;
        for (const l of lines) byLine.set(l, { correlation: status, assigned });
        if (status === 'uct') {
          ucts.push(track);
          const station = stations.find((s) => s.name === track.station);
          if (station !== undefined) uctArcs.push({ trackId: track.id, station, epochUtc: ts.formatUtcIso(track.fix.epoch, 6), observations: arcObs });
        }
        trackReports.push({ trackId: track.id, station: track.station ?? '', claimedObject: track.claimedObjectId ?? null, observationCount: track.observationCount, status, catalogNumber: assigned, mahalanobis2: r?.mahalanobis2 ?? null, candidates: (r?.candidates ?? []).map((c) => ({ catalogNumber: c.catalogNumber, mahalanobis2: c.mahalanobis2 })) });
      }
    }
  }
  const numbers = [...new Set(pending.filter((r) => !byLine.has(r.line)).map((r) => r.catalog_number).filter((n): n is number => n !== null))];
  const known = new Set<number>();
  for (let i = 0; i < numbers.length; i += INSERT_BATCH) {
    const chunk = numbers.slice(i, i + INSERT_BATCH);
    const rows = await db.selectFrom('element_sets').select('catalog_number').distinct().where('catalog_number', 'in', chunk).where(sql<boolean>`(element_sets.tenant_id is null or element_sets.tenant_id = ${tenantId})`).execute();
    for (const r of rows) known.add(r.catalog_number);
  }
  const tagOf = (r: Pending): { correlation: Correlation; assigned: number | null } =>
    byLine.get(r.line) ?? (r.catalog_number !== null && known.has(r.catalog_number) ? { correlation: 'catalog', assigned: r.catalog_number } : { correlation: 'uct', assigned: null });
  const rejected = problems.filter((p) => p.severity === 'error').length;
  return db.transaction().execute(async (trx) => {
    const upload = await trx
      .insertInto('observation_uploads')
      .values({ tenant_id: tenantId, format, tdm_text: text, accepted_count: pending.length, rejected_count: rejected, problems_json: JSON.stringify(problems), received_at: receivedAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows: Row[] = pending.map((r) => {
      const tag = tagOf(r);
      return { ...r, upload_id: upload.id, correlation: tag.correlation, assigned_catalog_number: tag.assigned };
    });
    for (let i = 0; i < rows.length; i += INSERT_BATCH) await trx.insertInto('observations').values(rows.slice(i, i + INSERT_BATCH)).execute();
    const provisional: ProvisionalReport[] = [];
    const withinUpload = new Map<string, number>();
    if (ucts.length >= 2) {
      const top = await trx.selectFrom('provisional_objects').select((eb) => eb.fn.max('analyst_number').as('n')).where('tenant_id', '=', tenantId).executeTakeFirst();
      const first = top?.n !== undefined && top.n !== null ? Number(top.n) + 1 : ANALYST_NUMBER_FIRST;
      const linked = linkUncorrelatedTracks(ucts, { firstAnalystNumber: first });
      for (const p of linked.provisionalObjects) {
        const epoch = ts.formatUtcIso(p.epoch, 6);
        await trx
          .insertInto('provisional_objects')
          .values({ tenant_id: tenantId, upload_id: upload.id, analyst_number: p.analystNumber, epoch_utc: epoch, state_teme_json: JSON.stringify([...p.positionKm, ...p.velocityKmPerS]), covariance_json: JSON.stringify(p.covariance), track_ids_json: JSON.stringify(p.trackIds), method: p.method, created_at: receivedAt })
          .execute();
        provisional.push({ analystNumber: p.analystNumber, epoch, frame: 'TEME', positionKm: [...p.positionKm], velocityKmPerS: [...p.velocityKmPerS], trackIds: p.trackIds, method: p.method });
        for (const t of p.trackIds) withinUpload.set(t, p.analystNumber);
      }
    }
    const linkedObjects = await linkUctsAcrossUploads(trx, ts, tenantId, Number(upload.id), uctArcs, withinUpload, receivedAt);
    const counts = new Map<string, { station: string; object: string | null; type: string; count: number; correlation: Correlation }>();
    for (const r of rows) {
      const key = `${r.station}\u0000${r.object_participant ?? ''}\u0000${r.type}\u0000${r.correlation}`;
      const c = counts.get(key);
      if (c !== undefined) c.count++;
      else counts.set(key, { station: r.station, object: r.object_participant, type: r.type, count: 1, correlation: r.correlation as Correlation });
    }
    return { uploadId: Number(upload.id), format, accepted: rows.length, rejected, counts: [...counts.values()], tracks: trackReports, provisionalObjects: provisional, linkedObjects, problems };
  });
}
