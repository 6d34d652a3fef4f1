/** Shared data of the early-warning suites: a small catalog with known close approaches, the test window, a job runner. */
import { expect } from 'vitest';
import { readBundledCatalog } from '../../src/index.ts';
import { auth, type Fixture } from './helpers.ts';

const catalog = JSON.parse(readBundledCatalog()) as Record<string, unknown>[];
/** ISS and a Starlink with the partners of their close approaches on 2026-03-10 12:00-15:00 UTC (found by a 10 km screening of the full snapshot). */
export const FLEET = [25544, 44725];
const PARTNERS = [52757, 52754, 66812, 59348, 58480, 62602];
export const SMALL_CATALOG = [...catalog.slice(0, 100), ...catalog.filter((r) => [...FLEET, ...PARTNERS].includes(Number(r['NORAD_CAT_ID'])))];
export const WINDOW = { start: '2026-03-10T12:00:00Z', windowDays: 0.125, thresholdKm: 10 };

export interface EventView { id: number; object1: number; object2: number; tca: string; missDistanceKm: number; pc: number; maxPc: number; alertLevel: string; status: string; updateCount: number }

export async function runScreening(f: Fixture, key: string, fleetId: number): Promise<{ status: string; result: { conjunctions: number; eventsCreated: number; eventsUpdated: number; alertsRaised: number } }> {
  const r = await f.app.inject({ method: 'POST', url: '/api/v1/screenings', headers: auth(key), payload: { fleetId, ...WINDOW } });
  expect(r.statusCode).toBe(202);
  const url = r.headers['location'] as string;
  expect(r.json<{ url: string }>().url).toBe(url);
  await f.app.earlyWarning.jobs.idle();
  const job = (await f.app.inject({ url, headers: auth(key) })).json<{ status: string; error: string | null; progress: { blocksDone: number; blocksTotal: number }; result: { conjunctions: number; eventsCreated: number; eventsUpdated: number; alertsRaised: number } }>();
  expect(job.error).toBeNull();
  expect(job.progress.blocksDone).toBe(job.progress.blocksTotal);
  return job;
}

