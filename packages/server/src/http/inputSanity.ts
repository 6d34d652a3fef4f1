/**
 * Physical sanity of requests (issue 11 item 7), with the rules of @skylane/core (catalog/sanity.ts): a screening
 * window must lie in 1957–2100 and within 10 years of the newest element-set epoch of the fleet's objects.
 */
import type { Kysely } from 'kysely';
import { Instant, screeningWindowViolation, type TimeScales } from '@skylane/core';
import type { Database } from '../storage/schema.ts';
import { currentElementSets } from '../storage/catalog.ts';
import { badRequest } from './problem.ts';

function instantOf(ts: TimeScales, d: Date): Instant {
  const ms = d.getTime();
  const day = Math.floor(ms / 86_400_000);
  return ts.fromUtcDaySeconds(day + 40_587, (ms - day * 86_400_000) / 1000);
}

/** Throws a 400 problem naming `start` when the window is decades from the fleet's elements (or outside 1957–2100). */
export async function checkScreeningWindow(db: Kysely<Database>, ts: TimeScales, tenantId: number, fleetId: number, start: Date, durationS: number): Promise<void> {
  const members = (await db.selectFrom('fleet_members').select('catalog_number').where('fleet_id', '=', fleetId).execute()).map((m) => m.catalog_number);
  let newest: Instant | undefined;
  if (members.length > 0) {
    for (const r of await currentElementSets(db, tenantId, { catalogNumbers: members })) {
      const e = Instant.fromTai(r.epoch_tai_day, r.epoch_tai_s);
      if (newest === undefined || e.isAfter(newest)) newest = e;
    }
  }
  const s = instantOf(ts, start);
  const bad = screeningWindowViolation(s, s.plusSeconds(durationS), newest, ts);
  if (bad !== undefined) throw badRequest(`${bad.field}: ${bad.reason}`, { errors: [{ location: `body/${bad.field}`, reason: bad.reason }] });
}
