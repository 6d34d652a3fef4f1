/** SATCAT storage: CelesTrak SATCAT rows of the public catalog (type, owner, status, dates, RCS), one per object. */
import type { Kysely } from 'kysely';
import { objectTypeFromText, type SatcatRecord } from '@skylane/core';
import type { Database, SatcatTable } from './schema.ts';

const BATCH = 500;

function rowOf(r: SatcatRecord, now: string): SatcatTable {
  return {
    catalog_number: r.catalogNumber,
    object_name: r.objectName,
    object_id: r.objectId ?? null,
    object_type: r.objectType,
    ops_status_code: r.opsStatusCode ?? null,
    owner: r.owner ?? null,
    launch_date: r.launchDate ?? null,
    decay_date: r.decayDate ?? null,
    rcs_m2: r.rcsM2 ?? null,
    updated_at: now,
  };
}

/** Stores SATCAT records (a record replaces the stored row of its catalog number), in one transaction. */
export async function storeSatcat(db: Kysely<Database>, records: readonly SatcatRecord[], now: Date): Promise<number> {
  // The last row of a catalog number wins when a file repeats it.
  const unique = [...new Map(records.map((r) => [r.catalogNumber, r])).values()];
  const stamp = now.toISOString();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < unique.length; i += BATCH) {
      const batch = unique.slice(i, i + BATCH);
      await trx.deleteFrom('satcat').where('catalog_number', 'in', batch.map((r) => r.catalogNumber)).execute();
      await trx.insertInto('satcat').values(batch.map((r) => rowOf(r, stamp))).execute();
    }
  });
  return unique.length;
}

/** The stored SATCAT as the core's records keyed by catalog number (all of it, or only `catalogNumbers`). */
export async function loadSatcat(db: Kysely<Database>, catalogNumbers?: readonly number[]): Promise<Map<number, SatcatRecord>> {
  const out = new Map<number, SatcatRecord>();
  const chunks = catalogNumbers === undefined ? [undefined] : Array.from({ length: Math.ceil(catalogNumbers.length / BATCH) }, (_, k) => catalogNumbers.slice(k * BATCH, (k + 1) * BATCH));
  for (const ids of chunks) {
    if (ids !== undefined && ids.length === 0) continue;
    const rows = await db
      .selectFrom('satcat')
      .selectAll()
      .$if(ids !== undefined, (q) => q.where('catalog_number', 'in', ids ?? []))
      .execute();
    for (const r of rows) {
      out.set(r.catalog_number, {
        catalogNumber: r.catalog_number,
        objectName: r.object_name,
        objectType: objectTypeFromText(r.object_type) ?? 'UNKNOWN',
        ...(r.object_id !== null ? { objectId: r.object_id } : {}),
        ...(r.ops_status_code !== null ? { opsStatusCode: r.ops_status_code } : {}),
        ...(r.owner !== null ? { owner: r.owner } : {}),
        ...(r.launch_date !== null ? { launchDate: r.launch_date } : {}),
        ...(r.decay_date !== null ? { decayDate: r.decay_date } : {}),
        ...(r.rcs_m2 !== null ? { rcsM2: r.rcs_m2 } : {}),
      });
    }
  }
  return out;
}

/** How many SATCAT rows are stored, and when the newest arrived. */
export async function satcatSummary(db: Kysely<Database>): Promise<{ objects: number; updatedAt: string | null }> {
  const r = await db.selectFrom('satcat').select([db.fn.countAll<number>().as('n'), db.fn.max('updated_at').as('u')]).executeTakeFirst();
  return { objects: Number(r?.n ?? 0), updatedAt: r?.u ?? null };
}

/** The SATCAT object types of the rows that have none (or UNKNOWN), keyed by catalog number (empty when no SATCAT is stored). */
export async function satcatTypes(db: Kysely<Database>, rows: readonly { catalog_number: number; object_type: string | null }[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const missing = rows.filter((r) => r.object_type === null || r.object_type === 'UNKNOWN').map((r) => r.catalog_number);
  if (missing.length === 0) return out;
  const any = await db.selectFrom('satcat').select('catalog_number').limit(1).execute();
  if (any.length === 0) return out;
  for (let i = 0; i < missing.length; i += BATCH) {
    const got = await db.selectFrom('satcat').select(['catalog_number', 'object_type']).where('catalog_number', 'in', missing.slice(i, i + BATCH)).execute();
    for (const g of got) if (g.object_type !== 'UNKNOWN') out.set(g.catalog_number, g.object_type);
  }
  return out;
}
