/**
 * Worker task of the screening-job helpers (run on piscina worker threads, never on the event-loop thread):
 * `prepare` reads a tenant's current element sets from the SQLite file through a read-only connection of its own
 * (the window query over the element-set history takes seconds on a large history; with PostgreSQL the caller
 * passes the rows) and plans the screening (`planJob`: the tenant's ephemerides in place of element sets where they
 * cover the window); `assess` turns a chunk of
 * screening events into CDMs and Pc (`createEventAssessor`, 3 ms an event) and writes their KVN. Messages are
 * structured clones, so Instants travel as {taiDay, taiSeconds} and are rebuilt here; the time scales are rebuilt
 * from the leap-second table the server uses (the server runs without EOP).
 */
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import {
  createEventAssessor,
  planScreeningInputs,
  sgp4InputFrom,
  type ScreeningPlan,
  type TrajectoryInput,
  createTimeScales,
  Instant,
  writeCdmKvn,
  type CaraHbrRow,
  type ElementSet,
  type EphemerisInput,
  type LeapSecondTable,
  type ScreeningEvent,
  type ScreeningEventData,
  type TimeScales,
} from '@skylane/core';
import type { Database } from '../storage/schema.ts';
import { currentElementSets, elementSetFromRow, type ElementSetRow } from '../storage/catalog.ts';

/** An Instant as it crosses a thread boundary. */
export interface InstantData {
  readonly taiDay: number;
  readonly taiSeconds: number;
}

/** The tenant's newest ephemeris of an object: its trajectory input, or why it cannot be used. */
export interface StoredEphemeris {
  readonly ephemerisId: number;
  readonly input?: EphemerisInput;
  readonly error?: string;
}

export interface PrepareTask {
  readonly kind: 'prepare';
  readonly leapSeconds: LeapSecondTable;
  readonly tenantId: number;
  /** Read the tenant's current element sets from this SQLite file; else `rows` are given. */
  readonly sqlitePath?: string;
  readonly rows?: readonly ElementSetRow[];
  readonly members: readonly number[];
  readonly ephemerides: readonly (readonly [number, StoredEphemeris])[];
  readonly start: InstantData;
  readonly durationS: number;
  readonly thresholdKm: number;
}

export interface NotUsedEphemeris {
  readonly catalogNumber: number;
  readonly ephemerisId: number;
  readonly code: string;
  readonly reason: string;
}

export interface Prepared {
  /** The rows read from the SQLite file (absent when the caller gave them). */
  readonly rows?: ElementSetRow[];
  /** Fleet members with an element set, screened as primaries (empty: nothing to screen, `plan` absent). */
  readonly primaries: number[];
  readonly plan?: ScreeningPlan;
  /** Objects screened from the tenant's ephemeris, and the ephemerides left out with why. */
  readonly usedEphemerides: number[];
  readonly notUsed: NotUsedEphemeris[];
}

export type ScreeningEventMessage = ScreeningEventData & { readonly tca: InstantData };
export type ElementSetMessage = Omit<ElementSet, 'epoch'> & { readonly epoch: InstantData };

export interface AssessTask {
  readonly kind: 'assess';
  readonly leapSeconds: LeapSecondTable;
  /** The element sets of the chunk's objects. */
  readonly elementSets: readonly ElementSetMessage[];
  /** Ephemerides that replace some of those objects' element sets. */
  readonly trajectories: readonly EphemerisInput[];
  readonly hbr: readonly (readonly [number, CaraHbrRow])[];
  readonly creationDate: InstantData;
  readonly screenPeriod: readonly [InstantData, InstantData];
  readonly originator: string;
  readonly events: readonly ScreeningEventMessage[];
  /** CDM message id of each event. */
  readonly messageIds: readonly string[];
}

/** What the writer needs of one assessed event (the event's own figures stay with the caller). */
export interface AssessedRecord {
  readonly pc: number;
  readonly maxPc: number;
  readonly pcMethod: string;
  readonly hbrM: number;
  readonly cdmKvn: string;
}

export type JobTask = PrepareTask | AssessTask;

const instant = (i: InstantData): Instant => Instant.fromTai(i.taiDay, i.taiSeconds);

let cachedTs: { table: LeapSecondTable; ts: TimeScales } | undefined;
function timeScalesFor(table: LeapSecondTable): TimeScales {
  if (cachedTs === undefined || cachedTs.table.validUntilMjd !== table.validUntilMjd || cachedTs.table.entries.length !== table.entries.length) cachedTs = { table, ts: createTimeScales(table) };
  return cachedTs.ts;
}

async function loadSets(sqlitePath: string, tenantId: number): Promise<ElementSetRow[]> {
  const sqlite = new SqliteDatabase(sqlitePath, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    return await currentElementSets(db, tenantId, {});
  } finally {
    await db.destroy();
  }
}

/**
 * Plans a job's screening with the tenant's ephemerides in place of the element sets of their objects. An ephemeris
 * that the plan skips for coverage (EPHEMERIS_COVERAGE) or that cannot be read is replaced by the object's element
 * set and planned again: the object is screened from public data rather than not at all.
 */
export function planJob(
  sets: readonly ElementSet[],
  members: readonly number[],
  stored: ReadonlyMap<number, StoredEphemeris>,
  o: { start: Instant; durationS: number; thresholdKm: number },
  ts: TimeScales,
): Omit<Prepared, 'rows'> {
  const visible = new Set(sets.map((s) => s.catalogNumber));
  const primaries = members.filter((m) => visible.has(m));
  const used = new Map<number, EphemerisInput>();
  const notUsed: NotUsedEphemeris[] = [];
  if (primaries.length === 0) return { primaries, usedEphemerides: [], notUsed };
  for (const [id, e] of stored) {
    if (!visible.has(id)) continue;
    if (e.input !== undefined) used.set(id, e.input);
    else notUsed.push({ catalogNumber: id, ephemerisId: e.ephemerisId, code: 'EPHEMERIS_INVALID', reason: e.error ?? '' });
  }
  const options = { start: o.start, durationS: o.durationS, volume: { kind: 'sphere' as const, radiusKm: o.thresholdKm }, primaries, timeScales: ts };
  const inputs = (): TrajectoryInput[] => sets.map((s) => used.get(s.catalogNumber) ?? sgp4InputFrom(s, ts));
  let plan = planScreeningInputs(inputs(), options);
  const uncovered = plan.skipped.filter((s) => s.code === 'EPHEMERIS_COVERAGE' && used.has(s.catalogNumber));
  if (uncovered.length > 0) {
    for (const s of uncovered) {
      notUsed.push({ catalogNumber: s.catalogNumber, ephemerisId: stored.get(s.catalogNumber)!.ephemerisId, code: s.code, reason: `${s.reason} Screened from its element set instead.` });
      used.delete(s.catalogNumber);
    }
    plan = planScreeningInputs(inputs(), options);
  }
  return { primaries, plan, usedEphemerides: [...used.keys()], notUsed };
}

/** Loads (when asked) and plans: the `prepare` task, also run in-thread with 0 threads. */
export async function prepare(t: Omit<PrepareTask, 'kind'>, ts: TimeScales): Promise<Prepared> {
  const rows = t.sqlitePath !== undefined ? await loadSets(t.sqlitePath, t.tenantId) : undefined;
  const sets = (rows ?? t.rows ?? []).map(elementSetFromRow);
  const planned = planJob(sets, t.members, new Map(t.ephemerides), { start: instant(t.start), durationS: t.durationS, thresholdKm: t.thresholdKm }, ts);
  return rows !== undefined ? { ...planned, rows } : planned;
}

/** Assesses a chunk of events; the same code as the in-thread path (`assessChunk`), so results do not depend on where it ran. */
export function assessChunk(t: Omit<AssessTask, 'kind'>, ts: TimeScales): AssessedRecord[] {
  const sets = new Map<number, ElementSet>(t.elementSets.map((s) => [s.catalogNumber, { ...s, epoch: instant(s.epoch) }]));
  const assess = createEventAssessor({
    timeScales: ts,
    elementSets: sets,
    trajectories: new Map(t.trajectories.map((e) => [e.catalogNumber, e])),
    hbrTable: new Map(t.hbr),
    creationDate: instant(t.creationDate),
    screenPeriod: [instant(t.screenPeriod[0]), instant(t.screenPeriod[1])],
    originator: t.originator,
  });
  return t.events.map((e, k) => {
    const event: ScreeningEvent = { ...e, tca: instant(e.tca) };
    const a = assess(event, t.messageIds[k]);
    return { pc: a.pc, maxPc: a.maxPc, pcMethod: a.pcMethod, hbrM: a.hbrM, cdmKvn: writeCdmKvn(a.cdm, ts) };
  });
}

export default async function jobTask(task: JobTask): Promise<Prepared | AssessedRecord[]> {
  if (task.kind === 'prepare') return prepare(task, timeScalesFor(task.leapSeconds));
  return assessChunk(task, timeScalesFor(task.leapSeconds));
}
