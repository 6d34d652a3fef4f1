/**
 * Reentry-watch alerts by webhook (issue #14 item 2), on SQLite and (when configured) PostgreSQL, with real loopback
 * HTTP receivers that verify each HMAC-SHA256 signature from the documented scheme: a private upload that brings an
 * object within 30 days raises one `reentry.predicted` delivery with the prediction; a newer element set that moves
 * the prediction raises one `reentry.updated`; the other tenant's webhook and a webhook subscribed to conjunction
 * alerts only get nothing; a public reentry reaches the tenant that has the object in a fleet and no one else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, BACKENDS, makeFixture, type Fixture } from './helpers.ts';
import { signedWebhookReceiver } from './signedWebhookReceiver.ts';

type Body = { type: string; alert: { object: number; kind: string; predictedEpoch: string }; prediction: { object: number; predictedEpoch: string; windowStart: string; windowEnd: string; lastElementEpoch: string } | null };

const receiver = () => signedWebhookReceiver<Body>();

/** An OMM JSON record of a near-circular orbit (MEAN_MOTION_DOT in rev/day², as ṅ/2). */
function omm(id: number, epoch: string, meanMotion: number, ndotHalf: number): Record<string, unknown> {
  return {
    OBJECT_NAME: `PLANTED ${id}`, OBJECT_ID: '2026-998A', EPOCH: epoch, MEAN_MOTION: meanMotion, ECCENTRICITY: 0.0005, INCLINATION: 41.5,
    RA_OF_ASC_NODE: 10, ARG_OF_PERICENTER: 0, MEAN_ANOMALY: 0, EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U', NORAD_CAT_ID: id,
    ELEMENT_SET_NO: 999, REV_AT_EPOCH: 1, BSTAR: 0.001, MEAN_MOTION_DOT: ndotHalf, MEAN_MOTION_DDOT: 0,
  };
}

for (const backend of BACKENDS) {
  describe(`reentry alerts by webhook (${backend.name})`, () => {
    let f: Fixture;
    const a1 = receiver();
    const a2 = receiver();
    const b = receiver();
    beforeAll(async () => {
      f = await makeFixture(backend, { earlyWarning: { threads: 0, webhooks: { baseDelayMs: 50, maxAttempts: 3, timeoutMs: 2000, allow: ['127.0.0.1/32'] } } });
    });
    afterAll(async () => {
      await f.close();
      await Promise.all([a1.close(), a2.close(), b.close()]);
    });

    const upload = async (key: string, visibility: 'public' | 'private', records: unknown[]): Promise<void> => {
      const r = await f.app.inject({ method: 'POST', url: `/api/v1/uploads?visibility=${visibility}&name=planted.json`, headers: { ...auth(key), 'content-type': 'application/json' }, payload: JSON.stringify(records) });
      expect(r.statusCode, r.body).toBeLessThan(300);
    };
    const hook = async (key: string, r: ReturnType<typeof receiver>, eventTypes?: string[]): Promise<number> => {
      const res = await f.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: auth(key), payload: { url: await r.listen(), ...(eventTypes !== undefined ? { eventTypes } : {}) } });
      expect(res.statusCode, res.body).toBe(201);
      const j = res.json<{ id: number; secret: string; eventTypes: string[] | null }>();
      expect(j.eventTypes).toEqual(eventTypes ?? null);
      r.setSecret(j.secret);
      return j.id;
    };

    it('private upload: one reentry.predicted with the prediction, then reentry.updated; the other tenant and an alert-only webhook get nothing', async () => {
      const hookA1 = await hook(f.keys.operatorA, a1);
      await hook(f.keys.operatorA, a2, ['alert']);
      await hook(f.keys.operatorB, b);
      const bad = await f.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: auth(f.keys.operatorA), payload: { url: 'http://127.0.0.1:9/x', eventTypes: ['reentry.exploded'] } });
      expect(bad.statusCode).toBe(400);

      await upload(f.keys.operatorA, 'private', [omm(99101, '2026-03-10T00:00:00', 16.27, 0.002)]);
      await f.app.earlyWarning.webhooks.idle();
      expect(a1.received).toHaveLength(1);
      const first = a1.received[0]!;
      expect(first.signatureOk).toBe(true);
      expect(first.body.type).toBe('reentry.predicted');
      expect(first.body.alert).toMatchObject({ object: 99101, kind: 'entered-watch' });
      const p = first.body.prediction!;
      expect(p.object).toBe(99101);
      expect(p.lastElementEpoch).toMatch(/^2026-03-10T00:00:00/);
      const daysToGo = (Date.parse(p.predictedEpoch) - Date.parse('2026-03-10T00:00:00Z')) / 86_400_000;
      expect(daysToGo).toBeGreaterThan(0);
      expect(daysToGo).toBeLessThanOrEqual(30);
      expect(Date.parse(p.windowStart)).toBeLessThan(Date.parse(p.predictedEpoch));
      // The delivery's prediction is the one the API lists.
      const listed = (await f.app.inject({ url: '/api/v1/reentries/99101', headers: auth(f.keys.viewerA) })).json<{ predictions: { predictedEpoch: string }[] }>();
      expect(listed.predictions[0]!.predictedEpoch).toBe(p.predictedEpoch);

      // A newer element set with a much faster decay: the prediction moves by more than a quarter of the time to go.
      await upload(f.keys.operatorA, 'private', [omm(99101, '2026-03-11T00:00:00', 16.3, 0.02)]);
      await f.app.earlyWarning.webhooks.idle();
      expect(a1.received.map((r) => r.body.type)).toEqual(['reentry.predicted', 'reentry.updated']);
      const upd = a1.received[1]!;
      expect(upd.signatureOk).toBe(true);
      expect(upd.body.prediction!.lastElementEpoch).toMatch(/^2026-03-11T00:00:00/);
      expect(Date.parse(upd.body.prediction!.predictedEpoch)).toBeLessThan(Date.parse(p.predictedEpoch));
      expect(a2.received).toEqual([]);
      expect(b.received).toEqual([]);

      // The deliveries list of the webhook names the reentry alerts.
      const d = (await f.app.inject({ url: `/api/v1/webhooks/${hookA1}/deliveries`, headers: auth(f.keys.viewerA) })).json<{ items: { status: string; alertId: number | null; reentryAlertId: number | null }[] }>();
      expect(d.items).toHaveLength(2);
      expect(d.items.every((x) => x.status === 'delivered' && x.alertId === null && x.reentryAlertId !== null)).toBe(true);
      // B cannot read A's webhook deliveries.
      expect((await f.app.inject({ url: `/api/v1/webhooks/${hookA1}/deliveries`, headers: auth(f.keys.viewerB) })).statusCode).toBe(404);
    });

    it('public catalog: a reentry alert reaches the tenant whose fleet has the object, not the others', async () => {
      const before = { a1: a1.received.length, a2: a2.received.length, b: b.received.length };
      // Known to the catalog first (480 km: not on the watch), then in B's fleet, then a decaying element set.
      await upload(f.keys.publisher, 'public', [omm(99102, '2026-03-09T00:00:00', 15.2, 0.0001)]);
      const fleet = await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorB), payload: { name: 'b-fleet', members: [99102] } });
      expect(fleet.statusCode, fleet.body).toBe(201);
      await f.app.earlyWarning.webhooks.idle();
      expect(b.received.length).toBe(before.b);
      await upload(f.keys.publisher, 'public', [omm(99102, '2026-03-10T00:00:00', 16.27, 0.002)]);
      await f.app.earlyWarning.webhooks.idle();
      expect(b.received.slice(before.b).map((r) => [r.body.type, r.body.alert.object, r.signatureOk])).toEqual([['reentry.predicted', 99102, true]]);
      expect(a1.received.length).toBe(before.a1);
      expect(a2.received.length).toBe(before.a2);
    });
  });
}
