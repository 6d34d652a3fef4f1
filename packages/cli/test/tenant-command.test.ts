/**
 * `skylane tenant create` (issue #11 item 6): creates a tenant and its first admin key in the service's database; the
 * key is printed once, alone on stdout, and authenticates as that tenant's admin (checked through the server's own
 * authentication); a duplicate name or an invalid name is a one-line error with a non-zero exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authenticate, openStore } from '@skylane/server';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();

const dir = mkdtempSync(join(tmpdir(), 'skylane-tenant-cli-'));
const db = join(dir, 'skylane.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('skylane tenant create', () => {
  it('prints the new admin key once, alone on stdout, and the key authenticates as the tenant admin', async () => {
    const code = await runCli(['tenant', 'create', '--name', 'acme-space', '--database-url', db]);
    expect(code, io.stderr).toBe(0);
    const lines = io.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    const key = lines[0]!;
    expect(key).toMatch(/^sk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/);
    expect(io.stderr).toContain('tenant "acme-space" created');
    expect(io.stderr).not.toContain(key);
    const store = await openStore({ url: db });
    try {
      expect(await authenticate(store.db, key)).toMatchObject({ tenantName: 'acme-space', role: 'admin', catalogPublisher: false });
      // Only the hash is stored.
      const rows = await store.db.selectFrom('api_keys').select(['secret_sha256', 'key_id']).execute();
      expect(JSON.stringify(rows)).not.toContain(key.slice(16));
    } finally {
      await store.close();
    }
  });

  it('refuses a duplicate name (exit 1) and an invalid name (exit 2) with one line and no stack trace', async () => {
    expect(await runCli(['tenant', 'create', '--name', 'acme-space', '--database-url', db])).toBe(1);
    expect(io.stderr).toContain('already exists');
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stdout).toBe('');
    io.stderr = '';
    expect(await runCli(['tenant', 'create', '--name', 'bad name/..', '--database-url', db])).toBe(2);
    expect(io.stderr).toContain('--name');
    expect(io.stderr).not.toContain('    at ');
  });

  it('needs --name', async () => {
    expect(await runCli(['tenant', 'create', '--database-url', db])).toBe(2);
    expect(io.stderr).toContain('--name');
  });
});
