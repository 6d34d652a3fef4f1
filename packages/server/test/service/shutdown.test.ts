// Graceful shutdown of a real server process (issue #11, item 3): SIGTERM while a 30-day 100 km screening runs ends
// the process within seconds with exit code 0; the job is back to `queued` with no event update written, and the
// next start runs it again. Before the fix, the handler waited for the running job to finish (minutes).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createTenant, ingestElementSets, openStore } from '../../src/index.ts';
import { BACKENDS, ts, type Backend } from './helpers.ts';
import { SMALL_CATALOG, WINDOW } from './warningHelpers.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

interface Server {
  readonly proc: ChildProcess;
  readonly baseUrl: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly stderr: string[];
}

function start(dbUrl: string): Promise<Server> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: '0', HOST: '127.0.0.1', SKYLANE_NO_SEED: '1', SKYLANE_SCREEN_THREADS: '1', SKYLANE_SCREEN_INTERVAL_S: '0', SKYLANE_NOW: WINDOW.start };
  delete env['DATABASE_URL'];
  if (dbUrl.startsWith('postgres')) env['DATABASE_URL'] = dbUrl;
  else env['SKYLANE_DB'] = dbUrl;
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out} ${stderr.join('')}`)), 90_000);
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, baseUrl: m[1]!, exited, stderr });
      }
    });
    void exited.then((e) => reject(new Error(`server exited (${String(e.code)}): ${stderr.join('')}`)));
  });
}

describe.each(BACKENDS)('graceful shutdown on $name', (backend: Backend) => {
  let dbUrl: string;
  let key: string;
  let fleetId: number;
  beforeAll(async () => {
    dbUrl = await backend.create();
    const s = await openStore({ url: dbUrl });
    const pub = await createTenant(s.db, 'publisher', { catalogPublisher: true });
    await ingestElementSets(s.db, { tenantId: pub.id, visibility: 'public', text: JSON.stringify(SMALL_CATALOG), format: 'auto', timeScales: ts });
    const t = await createTenant(s.db, 'shutdown-test');
    key = (await createApiKey(s.db, t.id, 'operator', 'shutdown')).apiKey;
    const fleet = await s.db.insertInto('fleets').values({ tenant_id: t.id, name: 'big', created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    fleetId = fleet.id;
    await s.db.insertInto('fleet_members').values(SMALL_CATALOG.slice(0, 20).map((r) => ({ fleet_id: fleet.id, catalog_number: Number(r['NORAD_CAT_ID']), added_at: new Date().toISOString() }))).execute();
    await s.close();
  });
  afterAll(async () => backend.dispose(dbUrl));

  const jobStatus = async (base: string, id: number) => ((await (await fetch(`${base}/api/v1/screenings/${id}`, { headers: { authorization: `Bearer ${key}` } })).json()) as { status: string }).status;
  const waitRunning = async (base: string, id: number) => {
    const t0 = performance.now();
    while ((await jobStatus(base, id)) !== 'running') {
      if (performance.now() - t0 > 60_000) throw new Error('the job did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('SIGTERM during a running job exits 0 within seconds; the job is queued again, nothing half-written, and runs at the next start', async () => {
    const first = await start(dbUrl);
    const r = await fetch(`${first.baseUrl}/api/v1/screenings`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ fleetId, start: WINDOW.start, windowDays: 30, thresholdKm: 100 }) });
    expect(r.status).toBe(202);
    const id = ((await r.json()) as { id: number }).id;
    await waitRunning(first.baseUrl, id);
    const t0 = performance.now();
    first.proc.kill('SIGTERM');
    const exit = await first.exited;
    const ms = performance.now() - t0;
    console.info(`SIGTERM to exit with a running 30-day 100 km job: ${ms.toFixed(0)} ms`);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(10_000);
    expect(first.stderr.join('')).toContain('shutdown: done');

    const s = await openStore({ url: dbUrl, migrate: false });
    try {
      const row = await s.db.selectFrom('screening_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'queued', started_at: null, finished_at: null, error: null });
      expect(await s.db.selectFrom('event_updates').select('id').where('job_id', '=', id).execute()).toEqual([]);
    } finally {
      await s.close();
    }

    const second = await start(dbUrl);
    try {
      await waitRunning(second.baseUrl, id);
      const c = await fetch(`${second.baseUrl}/api/v1/screenings/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } });
      expect(c.status).toBe(200);
      expect(((await c.json()) as { status: string }).status).toBe('cancelled');
    } finally {
      second.proc.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
    }
  });
});
