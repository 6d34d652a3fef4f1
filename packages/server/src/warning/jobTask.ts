/**
 * Worker task of the screening-job helpers (run on piscina worker threads, never on the event-loop thread):
 * `load-sets` reads a tenant's current element sets from the SQLite file through a read-only connection of its own
 * (the window query over the element-set history takes seconds on a large history); `assess` turns a chunk of
 * screening events into CDMs and Pc (`createEventAssessor`, 3 ms an event) and writes their KVN. Messages are
 * structured clones, so Instants travel as {taiDay, taiSeconds} and are rebuilt here; the time scales are rebuilt
 * from the leap-second table the server uses (the server runs without EOP).
 */
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import {
  createEventAssessor,
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
import { currentElementSets, type ElementSetRow } from '../storage/catalog.ts';

/** An Instant as it crosses a thread boundary. */
export interface InstantData {
  readonly taiDay: number;
  readonly taiSeconds: number;
}

export interface LoadSetsTask {
  readonly kind: 'load-sets';
  readonly sqlitePath: string;
  readonly tenantId: number;
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

export type JobTask = LoadSetsTask | AssessTask;

const instant = (i: InstantData): Instant => Instant.fromTai(i.taiDay, i.taiSeconds);

let cachedTs: { table: LeapSecondTable; ts: TimeScales } | undefined;
function timeScalesFor(table: LeapSecondTable): TimeScales {
  if (cachedTs === undefined || cachedTs.table.validUntilMjd !== table.validUntilMjd || cachedTs.table.entries.length !== table.entries.length) cachedTs = { table, ts: createTimeScales(table) };
  return cachedTs.ts;
}

async function loadSets(t: LoadSetsTask): Promise<ElementSetRow[]> {
  const sqlite = new SqliteDatabase(t.sqlitePath, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    return await currentElementSets(db, t.tenantId, {});
  } finally {
    await db.destroy();
  }
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

export default async function jobTask(task: JobTask): Promise<ElementSetRow[] | AssessedRecord[]> {
  if (task.kind === 'load-sets') return loadSets(task);
  return assessChunk(task, timeScalesFor(task.leapSeconds));
}
