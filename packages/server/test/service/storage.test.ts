// Store tests on every backend: migrations, append-only element-set history, exact round trip, one transaction per upload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readElementSets, writeElementSets } from '@skylane/core';
import { createTenant, currentElementSets, elementSetFromRow, elementSetHistory, ingestElementSets, openStore, readBundledCatalog, type Store } from '../../src/index.ts';
import { BACKENDS, ts } from './helpers.ts';

const catalog = JSON.parse(readBundledCatalog()) as Record<string, unknown>[];
const slice = (n: number, from = 0) => JSON.stringify(catalog.slice(from, from + n));

describe.each(BACKENDS)('store on $name', (backend) => {
  let url: string;
  let store: Store;
  let tenantId: number;
  beforeAll(async () => {
    url = await backend.create();
    store = await openStore({ url });
    tenantId = (await createTenant(store.db, 'publisher', { catalogPublisher: true })).id;
  });
  afterAll(async () => {
    await store.close();
    await backend.dispose(url);
  });

  it('migrations are idempotent: reopening applies nothing and keeps data', async () => {
    const again = await openStore({ url });
    const n = await again.db.selectFrom('tenants').select('id').execute();
    expect(n.length).toBe(1);
    await again.close();
  });

  it('stores every element set and rebuilds each exactly (TLE written from the store equals the TLE written from the input)', async () => {
    const text = slice(300);
    const r = await ingestElementSets(store.db, { tenantId, visibility: 'public', text, format: 'auto', name: 'slice.json', timeScales: ts });
    expect(r.accepted).toBe(300);
    expect(r.failures).toEqual([]);
    const input = readElementSets(text, { format: 'auto', timeScales: ts }).elementSets.filter((s) => s.catalogNumber <= 339_999);
    const rows = await currentElementSets(store.db, tenantId, { catalogNumbers: input.map((s) => s.catalogNumber) });
    expect(rows.length).toBe(input.length);
    const stored = rows.map(elementSetFromRow);
    const byId = new Map(stored.map((s) => [s.catalogNumber, s]));
    const ordered = input.map((s) => byId.get(s.catalogNumber)!);
    for (let i = 0; i < input.length; i++) expect(ordered[i]!.epoch.equals(input[i]!.epoch)).toBe(true);
    expect(writeElementSets(ordered, 'tle', { timeScales: ts })).toBe(writeElementSets(input, 'tle', { timeScales: ts }));
  });

  it('keeps history append-only: a newer upload adds a row, the current set is the latest epoch, an older one does not displace it', async () => {
    const iss = catalog.find((r) => r['NORAD_CAT_ID'] === 25544)!;
    await ingestElementSets(store.db, { tenantId, visibility: 'public', text: JSON.stringify([iss]), format: 'omm-json', timeScales: ts });
    const newer = { ...iss, EPOCH: '2026-03-10T12:00:00.000000', MEAN_ANOMALY: 10 };
    const older = { ...iss, EPOCH: '2026-01-01T00:00:00.000000', MEAN_ANOMALY: 20 };
    await ingestElementSets(store.db, { tenantId, visibility: 'public', text: JSON.stringify([newer]), format: 'omm-json', timeScales: ts });
    await ingestElementSets(store.db, { tenantId, visibility: 'public', text: JSON.stringify([older]), format: 'omm-json', timeScales: ts });
    const history = await elementSetHistory(store.db, tenantId, 25544, undefined, 100);
    expect(history.length).toBe(3);
    const [current] = await currentElementSets(store.db, tenantId, { catalogNumbers: [25544] });
    expect(current?.epoch_utc).toBe('2026-03-10T12:00:00.000000Z');
    expect(current?.mean_anomaly_deg).toBe(10);
  });

  it('one transaction per upload: a failure after some batches were written leaves nothing of that upload', async () => {
    const before = await store.db.selectFrom('element_sets').select(store.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const uploadsBefore = await store.db.selectFrom('uploads').select(store.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    let batches = 0;
    await expect(
      ingestElementSets(store.db, {
        tenantId,
        visibility: 'public',
        text: slice(2000, 1000),
        format: 'auto',
        timeScales: ts,
        onProgress: () => {
          batches += 1;
          if (batches === 3) throw new Error('simulated failure mid-upload');
        },
      }),
    ).rejects.toThrow('simulated failure');
    expect(batches).toBe(3);
    const after = await store.db.selectFrom('element_sets').select(store.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const uploadsAfter = await store.db.selectFrom('uploads').select(store.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(Number(uploadsAfter.n)).toBe(Number(uploadsBefore.n));
  });

  it('private element sets are visible to their tenant only', async () => {
    const other = (await createTenant(store.db, 'other')).id;
    const rec = { ...catalog[5]!, NORAD_CAT_ID: 990_000_001, OBJECT_NAME: 'PRIVATE SAT' };
    const r = await ingestElementSets(store.db, { tenantId: other, visibility: 'private', text: JSON.stringify([rec]), format: 'omm-json', timeScales: ts });
    expect(r.accepted).toBe(1);
    expect((await currentElementSets(store.db, other, { catalogNumbers: [990_000_001] })).length).toBe(1);
    expect((await currentElementSets(store.db, tenantId, { catalogNumbers: [990_000_001] })).length).toBe(0);
  });
});
