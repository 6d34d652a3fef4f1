// Alert policy (issue 20 item 7) through the service path: the demo week's screening results (the startup screening
// of `SKYLANE_NOW=2026-03-10T01:00:00Z npm start`: the demo fleet of 21 objects against the bundled 18,407-object
// catalog, 7 days, 5 km; fixtures/demo-week-updates.json, see fixtures/README.md) are recorded through
// appendEventUpdate as the job does; only red events, escalations and action changes are pushed (webhook, SSE,
// badge), yellow ones stay on the board; a tenant that asks for yellow pushes gets them.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEventUpdate, tenantThresholds, type AlertRow } from '../../src/index.ts';
import { auth, BACKENDS, makeFixture, ts, type Fixture } from './helpers.ts';

/** [object1, object2, tca, pc, missKm, level (as recorded before issue 20), element age at TCA (days)] */
type Row = [number, number, string, number, number, string, number];
const ROWS = JSON.parse(fs.readFileSync(new URL('./fixtures/demo-week-updates.json', import.meta.url), 'utf8')) as Row[];
const CLOCK = '2026-03-10T01:00:01.636Z';

interface AlertJson { id: number; level: string; pushed: boolean; kind: string; recommendedAction: string; reasons: string[] }

describe.each(BACKENDS)('alert policy on the demo week ($name)', (backend) => {
  let f: Fixture;
  let received = 0;
  const hook = http.createServer((req, res) => {
    received++;
    req.resume();
    res.writeHead(204).end();
  });

  /** Records the demo week for the tenant of `adminKey` as one screening job would, and raises its alerts. */
  const replay = async (tenantId: number): Promise<{ raised: AlertRow[]; streamed: number }> => {
    let streamed = 0;
    const off = f.app.earlyWarning.bus.subscribe(tenantId, () => streamed++);
    const raised: AlertRow[] = [];
    await f.store.db.transaction().execute(async (trx) => {
      const th = await tenantThresholds(trx, tenantId);
      for (const [o1, o2, tca, pc, miss, , age] of ROWS) {
        const r = await appendEventUpdate(
          trx,
          ts,
          tenantId,
          th,
          undefined,
          { object1: o1, object2: o2, tca: ts.parseUtcIso(tca), missDistanceKm: miss, relativeSpeedKmPerS: 10, missRtnKm: [0, 0, miss], pc, maxPc: pc, pcMethod: 'FOSTER-1992', hbrM: 10, cdmKvn: '', source: 'screening', jobId: null, cdmId: null, covarianceSource: 'default', elementAgeDays: age, clockIso: CLOCK },
          CLOCK,
        );
        if (r.alert) raised.push(r.alert);
      }
    });
    await f.app.earlyWarning.raise(raised);
    await f.app.earlyWarning.webhooks.idle();
    off();
    return { raised, streamed };
  };

  beforeAll(async () => {
    f = await makeFixture(backend, { earlyWarning: { threads: 0, now: () => new Date(CLOCK), webhooks: { allow: ['127.0.0.1/32'], baseDelayMs: 50 } } });
    const port = await new Promise<number>((resolve) => hook.listen(0, '127.0.0.1', () => resolve((hook.address() as AddressInfo).port)));
    for (const key of [f.keys.operatorA, f.keys.operatorB]) {
      expect((await f.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: auth(key), payload: { url: `http://127.0.0.1:${port}/hook` } })).statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await f.close();
    hook.closeAllConnections();
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  });

  it('default policy: of the demo week, only red events (and action changes) are pushed; every level change stays on the board', async () => {
    const tenantA = (await f.app.inject({ url: '/api/v1/tenant', headers: auth(f.keys.viewerA) })).json<{ id: number }>().id;
    received = 0;
    const { raised, streamed } = await replay(tenantA);
    const before = { red: ROWS.filter((r) => r[5] === 'red').length, yellow: ROWS.filter((r) => r[5] === 'yellow').length };
    const all = (await f.app.inject({ url: '/api/v1/alerts?limit=1000', headers: auth(f.keys.viewerA) })).json<{ items: AlertJson[] }>().items;
    const pushed = (await f.app.inject({ url: '/api/v1/alerts?limit=1000&pushed=true', headers: auth(f.keys.viewerA) })).json<{ items: AlertJson[] }>().items;
    console.info(`demo week (${ROWS.length} events): before issue 20 ${before.red + before.yellow} alerts pushed (${before.red} red, ${before.yellow} yellow); now ${all.length} on the board, ${pushed.length} pushed (${pushed.map((a) => `${a.level}/${a.recommendedAction}`).join(', ')}), ${streamed} on SSE, ${received} webhook calls`);
    // Every level change is still recorded on the board …
    expect(all.length).toBe(before.red + before.yellow);
    expect(raised.length).toBe(all.length);
    // … but only the red ones (each a new red event, or an action of plan-maneuver or more) are pushed.
    expect(pushed.length).toBe(before.red);
    expect(pushed.every((a) => a.level === 'red' || a.reasons.includes('action'))).toBe(true);
    expect(all.filter((a) => a.level === 'yellow').every((a) => !a.pushed && a.recommendedAction === 'monitor')).toBe(true);
    expect(streamed).toBe(pushed.length);
    expect(received).toBe(pushed.length);
    // The board shows each event's recommended action.
    const events = (await f.app.inject({ url: '/api/v1/events?limit=1000', headers: auth(f.keys.viewerA) })).json<{ items: { alertLevel: string; recommendedAction: string; dataQuality: string }[] }>().items;
    expect(events).toHaveLength(ROWS.length);
    expect(events.filter((e) => e.alertLevel === 'green').every((e) => e.recommendedAction === 'none')).toBe(true);
    expect(events.every((e) => e.dataQuality === 'degraded')).toBe(true);
  });

  it('a tenant that chooses yellow pushes gets them (admin only); the choice reads back', async () => {
    expect((await f.app.inject({ method: 'PUT', url: '/api/v1/tenant/alert-policy', headers: auth(f.keys.operatorB), payload: { yellow: true } })).statusCode).toBe(403);
    const put = await f.app.inject({ method: 'PUT', url: '/api/v1/tenant/alert-policy', headers: auth(f.keys.adminB), payload: { yellow: true } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ push: { red: true, yellow: true, deEscalations: false }, isDefault: false });
    expect((await f.app.inject({ method: 'PUT', url: '/api/v1/tenant/alert-policy', headers: auth(f.keys.adminB), payload: { yellow: 'yes' } })).statusCode).toBe(400);
    const tenantB = (await f.app.inject({ url: '/api/v1/tenant', headers: auth(f.keys.viewerB) })).json<{ id: number }>().id;
    received = 0;
    const { raised, streamed } = await replay(tenantB);
    const red = ROWS.filter((r) => r[5] === 'red').length;
    const yellow = ROWS.filter((r) => r[5] === 'yellow').length;
    expect(raised.filter((a) => a.pushed === 1)).toHaveLength(red + yellow);
    expect(streamed).toBe(red + yellow);
    expect(received).toBe(red + yellow);
    // An empty body restores the default.
    expect((await f.app.inject({ method: 'PUT', url: '/api/v1/tenant/alert-policy', headers: auth(f.keys.adminB), payload: {} })).json()).toMatchObject({ isDefault: true, push: { yellow: false } });
  });
});
