/**
 * `POST /api/v1/reentry/predictions` (worker thread): the Shenzhou-11 history cut one day before the final-TIP truth
 * (Space-Track data read from ../shared/data, skipped when absent) answers the CLI's JSON contract with an RDM, and
 * bad histories are 422 problem+json with a specific `reason`; no key is a 401.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimeScales, writeElementSets, type ElementSet } from '@skylane/core';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';
import { decayHistorySet } from '../../../core/test/reentry/decayHistorySet.ts';

const shared = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));
const historyPath = `${shared}reentry/lauratrain99_Shenzhou11.txt`;
const swPath = `${shared}propagation/celestrak-space-weather/SW-All.from2000.txt`;
const present = existsSync(historyPath) && existsSync(swPath);
if (!present) console.info(`skipped: ${historyPath} or ${swPath} is absent (Space-Track data is never copied into the repository)`);
const ts = createTimeScales();
const set = (catalogNumber: number, day: number, heightKm: number): ElementSet => decayHistorySet(ts, catalogNumber, day, heightKm);
const tle = (sets: ElementSet[]): string => writeElementSets(sets, 'tle', { timeScales: ts });

describe.each(BACKENDS.slice(0, 1))('POST /api/v1/reentry/predictions on $name', (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture(backend, { earlyWarning: { threads: 0 } });
  }, 60_000);
  afterAll(async () => f.close());

  it.skipIf(!present)('Shenzhou-11 as of 2020-10-05T13:42Z: prediction JSON with an RDM (viewer key)', async () => {
    const r = await f.app.inject({
      method: 'POST',
      url: '/api/v1/reentry/predictions',
      headers: auth(f.keys.viewerA),
      payload: { history: readFileSync(historyPath, 'utf8'), id: 41868, asOf: '2020-10-05T13:42:00Z', spaceWeather: readFileSync(swPath, 'utf8'), samples: 20, rdm: 'kvn' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const j = r.json<{ predictedEpoch: string; windowStart: string; windowEnd: string; maneuversDetected: boolean; rdm: string; lastElementEpoch: string }>();
    const errH = (Date.parse(j.predictedEpoch) - Date.parse('2020-10-06T13:42:00Z')) / 3.6e6;
    console.info(`API Shenzhou-11 1 day out: predicted ${j.predictedEpoch} (error ${errH.toFixed(2)} h), window ${j.windowStart} .. ${j.windowEnd}`);
    expect(Math.abs(errH)).toBeLessThan(6);
    expect(j.lastElementEpoch <= '2020-10-05T13:42').toBe(true);
    expect(j.rdm).toMatch(/^CCSDS_RDM_VERS\s+= 1\.0/);
  }, 300_000);

  it('bad histories: 422 problem+json with the reason; no key: 401', async () => {
    const post = (history: string, id = 1001, headers = auth(f.keys.viewerA)) => f.app.inject({ method: 'POST', url: '/api/v1/reentry/predictions', headers, payload: { history, id, samples: 1 } });
    const mixed = await post(tle([set(1001, 0, 300), set(1001, 1, 299), set(2002, 2, 298)]));
    expect(mixed.statusCode, mixed.body).toBe(422);
    expect(mixed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(mixed.json()).toMatchObject({ reason: 'MIXED_OBJECTS' });
    const order = await post(tle([set(1001, 0, 300), set(1001, 2, 299), set(1001, 1, 298)]));
    expect(order.statusCode).toBe(422);
    expect(order.json()).toMatchObject({ reason: 'EPOCHS_OUT_OF_ORDER' });
    const low = await post(tle([set(1001, 0, 200), set(1001, 1, 150), set(1001, 2, 70)]));
    expect(low.statusCode).toBe(422);
    expect(low.json()).toMatchObject({ reason: 'ALREADY_BELOW_INTERFACE', code: 'OBJECT_DECAYED' });
    const other = await post(tle([set(1001, 0, 300), set(1001, 1, 299), set(1001, 2, 298)]), 5);
    expect(other.statusCode).toBe(404);
    const anon = await f.app.inject({ method: 'POST', url: '/api/v1/reentry/predictions', payload: { history: 'x', id: 1 } });
    expect(anon.statusCode).toBe(401);
  }, 60_000);
});
