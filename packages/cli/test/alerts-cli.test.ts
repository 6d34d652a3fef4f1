/**
 * `skylane alerts recommend|policy` and `skylane coordination list|publish|status` (issue 20 items 5 and 7), in
 * process. Oracle for `recommend`: the rule table of docs/design/alert-policy-and-coordination.md; for the database
 * commands: what the service's routes read back (the same tables).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTimeScales, IERS_LEAP_SECONDS } from '@skylane/core';
import { appendEventUpdate, createTenant, openStore, tenantThresholds } from '@skylane/server';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();
const ts = createTimeScales(IERS_LEAP_SECONDS);
const dir = mkdtempSync(join(tmpdir(), 'skylane-alerts-cli-'));
const db = join(dir, 'skylane.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPM = [
  'CCSDS_OPM_VERS = 2.0',
  'CREATION_DATE = 2026-03-10T00:00:00',
  'ORIGINATOR = ACME',
  'OBJECT_NAME = ACME-1',
  'OBJECT_ID = 2026-001A',
  'CENTER_NAME = EARTH',
  'REF_FRAME = GCRF',
  'TIME_SYSTEM = UTC',
  'EPOCH = 2026-03-10T00:00:00',
  'X = 7000',
  'Y = 0',
  'Z = 0',
  'X_DOT = 0',
  'Y_DOT = 7.5',
  'Z_DOT = 0',
  'MAN_EPOCH_IGNITION = 2026-03-10T06:00:00',
  'MAN_DURATION = 0',
  'MAN_DELTA_MASS = -0.05',
  'MAN_REF_FRAME = RTN',
  'MAN_DV_1 = 0',
  'MAN_DV_2 = 0.00012',
  'MAN_DV_3 = 0',
].join('\n');

describe('skylane alerts recommend', () => {
  it('red Pc 20 h before TCA on CDM data: maneuver-now; 100 h before on 5-day-old elements: monitor', async () => {
    expect(await runCli(['alerts', 'recommend', '--pc', '3e-4', '--tca-in-h', '20', '--covariance', 'cdm'])).toBe(0);
    expect(io.stdout).toMatch(/^maneuver-now \(data quality good\)/);
    io.stdout = '';
    expect(await runCli(['alerts', 'recommend', '--pc', '3e-4', '--tca-in-h', '100', '--covariance', 'cdm', '--element-age-days', '5', '--json'])).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ action: 'monitor', dataQuality: 'degraded' });
  });

  it('bad flags exit 2 with the flag named', async () => {
    expect(await runCli(['alerts', 'recommend', '--pc', '2', '--tca-in-h', '1'])).toBe(2);
    expect(io.stderr).toContain('--pc');
    expect(await runCli(['alerts', 'recommend', '--pc', '1e-5', '--tca-in-h', '1', '--covariance', 'guess'])).toBe(2);
    expect(io.stderr).toContain('--covariance');
  });
});

describe('skylane alerts policy and coordination (service database)', () => {
  it("sets, shows and resets a tenant's push policy", async () => {
    expect(await runCli(['tenant', 'create', '--name', 'acme', '--database-url', db])).toBe(0);
    io.stdout = '';
    expect(await runCli(['alerts', 'policy', '--tenant', 'acme', '--database-url', db, '--yellow', 'on'])).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ push: { red: true, yellow: true }, isDefault: false });
    io.stdout = '';
    expect(await runCli(['alerts', 'policy', '--tenant', 'acme', '--database-url', db])).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ push: { yellow: true } });
    io.stdout = '';
    expect(await runCli(['alerts', 'policy', '--tenant', 'acme', '--database-url', db, '--reset'])).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ push: { yellow: false }, isDefault: true });
    expect(await runCli(['alerts', 'policy', '--tenant', 'nobody', '--database-url', db])).toBe(2);
    expect(io.stderr).toContain('no tenant "nobody"');
  });

  it('publishes a plan for the tenant’s event, lists it, records a status; another tenant’s event is refused', async () => {
    const store = await openStore({ url: db });
    let eventId = 0;
    try {
      const acme = await store.db.selectFrom('tenants').select('id').where('name', '=', 'acme').executeTakeFirstOrThrow();
      await createTenant(store.db, 'other');
      eventId = await store.db.transaction().execute(async (trx) => {
        const th = await tenantThresholds(trx, acme.id);
        const u = { object1: 90001, object2: 90002, tca: ts.parseUtcIso('2026-03-10T12:00:00Z'), missDistanceKm: 0.3, relativeSpeedKmPerS: 10, missRtnKm: [0, 0.3, 0] as const, pc: 2e-4, maxPc: 2e-4, pcMethod: 'FOSTER-1992', hbrM: 10, cdmKvn: '', source: 'cdm' as const, jobId: null, cdmId: null, clockIso: '2026-03-10T00:00:00Z' };
        return (await appendEventUpdate(trx, ts, acme.id, th, undefined, u, '2026-03-10T00:00:00Z')).eventId;
      });
    } finally {
      await store.close();
    }
    const opm = join(dir, 'plan.opm');
    writeFileSync(opm, OPM);
    expect(await runCli(['coordination', 'publish', '--tenant', 'acme', '--event', String(eventId), '--opm', opm, '--note', 'along-track', '--database-url', db]), io.stderr).toBe(0);
    const plan = JSON.parse(io.stdout) as { id: number; status: string; maneuvers: { dvNormMps: number }[] };
    expect(plan.status).toBe('proposed');
    expect(plan.maneuvers[0]!.dvNormMps).toBeCloseTo(0.12, 12);
    io.stdout = '';
    expect(await runCli(['coordination', 'status', '--tenant', 'acme', '--event', String(eventId), '--plan', String(plan.id), '--status', 'executed', '--database-url', db])).toBe(0);
    io.stdout = '';
    expect(await runCli(['coordination', 'list', '--tenant', 'acme', '--event', String(eventId), '--database-url', db])).toBe(0);
    expect((JSON.parse(io.stdout) as { items: { history: { status: string }[] }[] }).items[0]!.history.map((h) => h.status)).toEqual(['proposed', 'executed']);
    // The other tenant does not own the event: refused, one line, exit 1.
    io.stderr = '';
    expect(await runCli(['coordination', 'publish', '--tenant', 'other', '--event', String(eventId), '--opm', opm, '--database-url', db])).toBe(1);
    expect(io.stderr).toContain('not visible to this tenant');
    expect(io.stderr).not.toContain('    at ');
  });
});
