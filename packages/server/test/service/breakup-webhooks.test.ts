/**
 * Breakup alerts by webhook (issue #13), on SQLite and (when configured) PostgreSQL, with real loopback HTTP receivers
 * that verify each HMAC-SHA256 signature from the documented scheme. Oracle: a simulated explosion of 815 (NASA
 * standard breakup model, fragments re-fitted 12 h later) posted to POST /api/v1/breakup/detect by tenant A delivers
 * exactly one signed `breakup.detected` to A's webhook, naming parent 815, the fragment count and the alert id (epoch
 * within 10 min of the simulated breakup); posting the same fragments again delivers nothing new; tenant B's webhook
 * and A's `alert`-only webhook get nothing; A's deliveries list names the breakup alert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeElementSets } from '@skylane/core';
import { auth, BACKENDS, makeFixture, ts, type Fixture } from './helpers.ts';
import { catalog, elements, epoch, later } from './breakupScenario.ts';
import { signedWebhookReceiver } from './signedWebhookReceiver.ts';


type Body = { type: string; alert: { id: number; kind: string; parentCatalogNumber: number | null; epoch: string; fragmentCount: number } };

const receiver = () => signedWebhookReceiver<Body>();

for (const backend of BACKENDS) {
  describe(`breakup alerts by webhook (${backend.name})`, () => {
    let f: Fixture;
    const a1 = receiver();
    const a2 = receiver();
    const a3 = receiver();
    const b = receiver();
    beforeAll(async () => {
      f = await makeFixture(backend, { earlyWarning: { threads: 0, webhooks: { baseDelayMs: 50, maxAttempts: 3, timeoutMs: 2000, allow: ['127.0.0.1/32'] } } });
      const up = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=private&name=cat.tle', headers: { ...auth(f.keys.operatorA), 'content-type': 'text/plain' }, payload: writeElementSets(catalog, 'tle', { timeScales: ts }) });
      expect(up.statusCode, up.body).toBeLessThan(300);
    });
    afterAll(async () => {
      await f.close();
      await Promise.all([a1.close(), a2.close(), a3.close(), b.close()]);
    });

    const hook = async (key: string, r: ReturnType<typeof receiver>, eventTypes?: string[]): Promise<number> => {
      const res = await f.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: auth(key), payload: { url: await r.listen(), ...(eventTypes !== undefined ? { eventTypes } : {}) } });
      expect(res.statusCode, res.body).toBe(201);
      const j = res.json<{ id: number; secret: string; eventTypes: string[] | null }>();
      expect(j.eventTypes).toEqual(eventTypes ?? null);
      r.setSecret(j.secret);
      return j.id;
    };

    it('simulated breakup of 815: one signed breakup.detected to A; a repeat detection, B and an alert-only webhook get nothing', async () => {
      const hookA1 = await hook(f.keys.operatorA, a1);
      await hook(f.keys.operatorA, a2, ['alert']);
      const hookA3 = await hook(f.keys.operatorA, a3, ['reentry.predicted', 'breakup.detected']);
      await hook(f.keys.operatorB, b);
      const bad = await f.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: auth(f.keys.operatorA), payload: { url: 'http://127.0.0.1:9/x', eventTypes: ['breakup.exploded'] } });
      expect(bad.statusCode).toBe(400);

      const detect = () => f.app.inject({ method: 'POST', url: '/api/v1/breakup/detect', headers: { ...auth(f.keys.viewerA), 'content-type': 'application/json' }, payload: JSON.stringify({ elements }) });
      const first = await detect();
      expect(first.statusCode, first.body).toBe(200);
      const j = first.json<{ detected: boolean; fragmentCount: number; alert: { id: number; parentCatalogNumber: number; epoch: string; fragmentCount: number } }>();
      expect(j.detected).toBe(true);
      await f.app.earlyWarning.webhooks.idle();

      for (const r of [a1, a3]) {
        expect(r.received).toHaveLength(1);
        const d = r.received[0]!;
        expect(d.signatureOk).toBe(true);
        expect(d.body.type).toBe('breakup.detected');
        expect(d.body.alert).toMatchObject({ id: j.alert.id, kind: 'breakup', parentCatalogNumber: 815, fragmentCount: j.fragmentCount, epoch: j.alert.epoch });
      }
      const epochErrS = Math.abs(ts.parseUtcIso(a1.received[0]!.body.alert.epoch).secondsSince(epoch));
      console.info(`breakup.detected: parent 815, ${j.fragmentCount} fragments (${later.length} simulated), epoch ${epochErrS.toFixed(0)} s from the simulated breakup`);
      expect(epochErrS, 'delivered epoch within 10 min of the simulated breakup').toBeLessThan(600);
      expect(j.fragmentCount).toBeGreaterThan(later.length / 2);

      // The same fragments again: the same alert, no new delivery.
      const again = await detect();
      expect(again.json<{ alert: { id: number } }>().alert.id).toBe(j.alert.id);
      await f.app.earlyWarning.webhooks.idle();
      expect(a1.received).toHaveLength(1);
      expect(a3.received).toHaveLength(1);
      expect(a2.received).toEqual([]);
      expect(b.received).toEqual([]);

      // The deliveries list names the breakup alert.
      for (const id of [hookA1, hookA3]) {
        const d = (await f.app.inject({ url: `/api/v1/webhooks/${id}/deliveries`, headers: auth(f.keys.viewerA) })).json<{ items: { status: string; alertId: number | null; reentryAlertId: number | null; breakupAlertId: number | null }[] }>();
        expect(d.items).toEqual([expect.objectContaining({ status: 'delivered', alertId: null, reentryAlertId: null, breakupAlertId: j.alert.id })]);
      }
      expect((await f.app.inject({ url: `/api/v1/webhooks/${hookA1}/deliveries`, headers: auth(f.keys.viewerB) })).statusCode).toBe(404);
    }, 90_000);
  });
}
