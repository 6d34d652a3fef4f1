// Crash safety: a real server process on loopback is killed with SIGKILL in the middle of a large upload; the
// database holds nothing of that upload, and the next upload of the same file succeeds in full.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createTenant, openStore, readBundledCatalog } from '../../src/index.ts';
import { BACKENDS, type Backend } from './helpers.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** Two copies of the bundled catalog (36,814 records, ~14 MB): an upload that takes many batches. */
const records = JSON.parse(readBundledCatalog()) as unknown[];
const BIG = JSON.stringify([...records, ...records]);

interface Running {
  proc: ChildProcess;
  baseUrl: string;
  stderr: string[];
}

function startServer(dbUrl: string, extraEnv: Record<string, string> = {}): Promise<Running> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: '0', HOST: '127.0.0.1', SKYLANE_NO_SEED: '1', SKYLANE_LOG_INGEST_PROGRESS: '1', ...extraEnv };
  delete env['DATABASE_URL'];
  if (dbUrl.startsWith('postgres')) env['DATABASE_URL'] = dbUrl;
  else env['SKYLANE_DB'] = dbUrl;
  // One process (node --import tsx), not the tsx CLI, which would run the server in a child that SIGKILL misses.
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out} ${stderr.join('')}`)), 60_000);
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, baseUrl: m[1]!, stderr });
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${String(code)}: ${stderr.join('')}`)));
  });
}

async function counts(dbUrl: string) {
  const s = await openStore({ url: dbUrl, migrate: false });
  try {
    const e = await s.db.selectFrom('element_sets').select(s.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const u = await s.db.selectFrom('uploads').select(s.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { elementSets: Number(e.n), uploads: Number(u.n) };
  } finally {
    await s.close();
  }
}

describe.each(BACKENDS)('kill -9 during ingest on $name', (backend: Backend) => {
  let dbUrl: string;
  let key: string;
  beforeAll(async () => {
    dbUrl = await backend.create();
    const s = await openStore({ url: dbUrl });
    const t = await createTenant(s.db, 'crash-test');
    key = (await createApiKey(s.db, t.id, 'operator', 'crash')).apiKey;
    await s.close();
  });
  afterAll(async () => backend.dispose(dbUrl));

  it('leaves nothing partial, and the next ingest succeeds', async () => {
    // The server holds the upload's transaction open after 20,000 of 36,814 rows are written: the kill lands mid-ingest.
    const first = await startServer(dbUrl, { SKYLANE_TEST_HOLD_INGEST_AFTER_ROWS: '20000' });
    // A small upload that commits, so that "before" is not just an empty database.
    const small = await fetch(`${first.baseUrl}/api/v1/uploads?name=small.json`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(records.slice(0, 10)) });
    expect(small.status).toBe(201);
    const before = await counts(dbUrl);
    expect(before).toEqual({ elementSets: 10, uploads: 1 });

    const progressSeen = new Promise<string>((resolve) => {
      const onData = (d: string) => {
        const m = /ingest-held (\d+)\/(\d+)/.exec(d);
        if (m) {
          first.proc.stderr!.off('data', onData);
          resolve(m[0]);
        }
      };
      first.proc.stderr!.on('data', onData);
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => first.proc.on('exit', (_c, sig) => resolve(sig)));
    const upload = fetch(`${first.baseUrl}/api/v1/uploads?name=big.json`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: BIG }).then(
      (r) => r.status,
      () => 'connection lost',
    );
    const progress = await progressSeen;
    first.proc.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(await upload).toBe('connection lost');
    expect(progress).toMatch(/ingest-held 2\d{4}\/36814/);

    expect(await counts(dbUrl)).toEqual(before);

    const second = await startServer(dbUrl);
    try {
      const r = await fetch(`${second.baseUrl}/api/v1/uploads?name=big.json`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: BIG });
      expect(r.status).toBe(201);
      expect(((await r.json()) as { accepted: number }).accepted).toBe(36_814);
    } finally {
      second.proc.kill('SIGTERM');
      await new Promise((resolve) => second.proc.on('exit', resolve));
    }
    expect(await counts(dbUrl)).toEqual({ elementSets: 10 + 36_814, uploads: 2 });
  });
});
