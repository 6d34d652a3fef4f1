// `npm start` on a fresh database (issue #11 items 6 and 8): the demo key is shown once on stdout (its one line, as
// before, plus the dashboard link), and everything else the service logs is pino JSON lines with request ids in
// which no key appears, not even one sent in a URL.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylane-start-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Lines that `npm start` writes for people (not log lines). */
const HUMAN = [/^seeded the public catalog/, /^demo tenant /, /^demo API key \(admin, shown once\): sk_/, /^skylane service listening on /, /^dashboard: http/];

describe('npm start on a fresh SQLite database', () => {
  it('shows the demo key once, then logs JSON lines with request ids and no key', async () => {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: '0', HOST: '127.0.0.1', SKYLANE_DB: path.join(dir, 'fresh.sqlite'), SKYLANE_FIRST_SCREENING: '0', SKYLANE_SCREEN_INTERVAL_S: '0', SKYLANE_SCREEN_THREADS: '0' };
    delete env['DATABASE_URL'];
    delete env['SKYLANE_OPERATOR_TOKEN'];
    const proc = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start: ${out} ${err}`)), 90_000);
        proc.stdout.setEncoding('utf8').on('data', (d: string) => {
          out += d;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m && out.includes('dashboard:')) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        proc.on('exit', (code) => reject(new Error(`server exited with ${String(code)}: ${err}`)));
      });
      const key = /demo API key \(admin, shown once\): (sk_\S+)/.exec(out)![1]!;
      const secret = key.slice(16);
      expect((await fetch(`${baseUrl}/api/v1/tenant`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      expect((await fetch(`${baseUrl}/api/v1/objects?key=${key}`)).status).toBe(401);
      expect((await fetch(`${baseUrl}/api/v1/fleets`, { headers: { 'x-api-key': key, 'x-request-id': 'startup-test-1' } })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      const lines = out.split('\n').filter((l) => l !== '');
      const human = lines.filter((l) => HUMAN.some((h) => h.test(l)));
      const logs = lines.filter((l) => !HUMAN.some((h) => h.test(l)));
      expect(human.filter((l) => l.startsWith('demo API key'))).toHaveLength(1);
      expect(logs.length).toBeGreaterThanOrEqual(6);
      for (const l of logs) {
        const entry = JSON.parse(l) as { level: number; time: number; msg: string };
        expect(typeof entry.level).toBe('number');
        expect(typeof entry.time).toBe('number');
        expect(l).not.toContain(secret);
      }
      const reqLines = logs.map((l) => JSON.parse(l) as { reqId?: string }).filter((e) => e.reqId !== undefined);
      expect(reqLines.filter((e) => e.reqId === 'startup-test-1')).toHaveLength(2);
      expect(out).toContain('"url":"/api/v1/objects?key=[redacted]"');
    } finally {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
  }, 120_000);
});
