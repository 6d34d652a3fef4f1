/**
 * Columnar screening results in the database (issue #18 item 3, migration 013), on SQLite and (with
 * SKYLANE_TEST_PG_URL) PostgreSQL.
 *
 * 1. Through the API: a screening job stores its close approaches as SKYCONJ1 column chunks with the run, and
 *    GET /api/v1/screenings/{jobId}/events streams them as NDJSON, CSV and the binary format. Oracles: the binary
 *    stream decodes (core `decodeColumnar`, its own end-mark and count checks) into columns whose core NDJSON/CSV
 *    writers give the two text streams byte for byte; every event the service recorded as a row (one per pair: its
 *    closest approach) is among the streamed approaches with the same TCA and miss distance to the bit; another
 *    tenant gets 404.
 * 2. Whole and ranged reads (`streamEventColumns`' two read paths, each run on both databases): 10,007 synthetic
 *    events stored in odd 3,001-event chunks stream as the same bytes as core's writers of the whole column set
 *    (header + `encodeColumnarChunk` of each chunk + end mark; `ndjsonRows`; `csvRows`), for several read and piece
 *    sizes (ranges that cut columns, rows and 8-byte values anywhere); the binary pieces of a ranged read are the
 *    ranges asked for; a chunk cut short or missing is refused with STORED_CHUNK_INVALID on both paths.
 * 3. Scale: 1,000,000 synthetic events (every column a distinct function of the row) stored in one transaction and
 *    streamed back as the binary format (every value checked exactly) and as NDJSON (every line counted, every
 *    97th parsed and checked exactly; on PostgreSQL the first 131,072 lines); the live peak of heapUsed +
 *    arrayBuffers above the start (the 72-MB column set already built; sampled after a full collection each time
 *    4 MiB more have been streamed) must stay under 64 MB. Peer, same run: the same events (the same ten values)
 *    inserted as rows of a plain table (500-row inserts in one transaction) and streamed back as the same NDJSON by
 *    keyset pages, through the same consumer; fewer of them (PEER_ROWS) because rows are slow: the test prints the
 *    per-event costs of both.
 *
 *    What bounds the PostgreSQL read path (the default there: ranged reads, docs/design/columnar-results.md
 *    "PostgreSQL read path"): each round trip fetches at most 256 KiB of a stored chunk (binary) or the ten column
 *    ranges of one 4,096-row text piece (288 KiB), as result rows of at most 16 KiB each, and the generator issues
 *    the next query only when this consumer pulls the next piece; so what node-postgres holds at once is one such
 *    result, never a 4.7-MB chunk as 9.4 MB of hex text in a 16-MiB parser buffer (what the whole-chunk read did).
 *    The figure this test reads is not only live memory: V8 frees the backing stores of dead ArrayBuffers on a
 *    background thread after a collection (concurrent array-buffer sweeping), so on a starved machine the sample
 *    taken right after gc() still counts the buffers that died since the previous collection. With whole-chunk reads
 *    those were tens of MB (the parser's buffer doubled up to 16 MiB for every chunk), hence the 69.5-73.9 MB seen
 *    under CPU load and 20.3 MB when sweeping is made synchronous. Ranged reads leave less buffer garbage (no
 *    reassembly buffer per value): raw peak (no collection) 43-47 MB against 77, live peak with synchronous sweeping
 *    10.9-11.1 MB against 20.3 (docs/design/columnar-results.md for the runs).
 */
import v8 from 'node:v8';
import type { Kysely } from 'kysely';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvHeaderLine, csvRows, decodeColumnar, ColumnarDecoder, encodeColumnarChunk, encodeColumnarEnd, encodeColumnarHeader, ndjsonRows, tcaIsoFrom, type ConjunctionColumns } from '@skylane/core';
import { createTenant, RANGED_READ_BYTES, RANGED_ROW_BYTES, storeEventColumns, streamEventColumns, type Store, type StreamEventColumnsOptions } from '../../src/index.ts';
import { auth, BACKENDS, makeFixture, ts, type Backend, type Fixture } from './helpers.ts';
import { FLEET, SMALL_CATALOG, WINDOW, type EventView } from './warningHelpers.ts';
import { rowMismatch, syntheticEventColumns, syntheticEventRow } from '../../../core/test/helpers/syntheticEventRows.ts';

describe.each(BACKENDS)('screening close approaches stored as columns and streamed on $name', (backend) => {
  let f: Fixture;
  let jobId = 0;
  beforeAll(async () => {
    f = await makeFixture(backend, { earlyWarning: { threads: 0, now: () => new Date(WINDOW.start) } });
    const pub = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=public', headers: { ...auth(f.keys.publisher), 'content-type': 'application/json' }, payload: JSON.stringify(SMALL_CATALOG) });
    expect(pub.statusCode, pub.body).toBe(201);
    const fleet = await f.app.inject({ method: 'POST', url: '/api/v1/fleets', headers: auth(f.keys.operatorA), payload: { name: 'fleet', members: FLEET } });
    const job = await f.app.inject({ method: 'POST', url: '/api/v1/screenings', headers: auth(f.keys.operatorA), payload: { fleetId: fleet.json<{ id: number }>().id, ...WINDOW } });
    expect(job.statusCode, job.body).toBe(202);
    jobId = job.json<{ id: number }>().id;
    await f.app.earlyWarning.jobs.idle();
  }, 120_000);
  afterAll(async () => f?.close());

  it('NDJSON, CSV and SKYCONJ1 streams agree with each other and with the recorded event rows', async () => {
    const get = (format: string, key = f.keys.viewerA) => f.app.inject({ url: `/api/v1/screenings/${jobId}/events?format=${format}`, headers: auth(key) });
    const job = (await f.app.inject({ url: `/api/v1/screenings/${jobId}`, headers: auth(f.keys.viewerA) })).json<{ status: string; result: { closeApproaches: number; coLocatedApproachesDropped: number } }>();
    expect(job.status).toBe('succeeded');
    const bin = await get('columnar');
    expect(bin.statusCode, bin.body).toBe(200);
    expect(bin.headers['content-type']).toBe('application/vnd.skylane.skyconj1');
    const { header, columns } = decodeColumnar(bin.rawPayload);
    const total = job.result.closeApproaches + job.result.coLocatedApproachesDropped;
    expect(columns.length).toBe(total);
    expect(columns.length).toBeGreaterThan(0);
    expect(bin.headers['x-skylane-event-count']).toBe(String(total));
    expect(header.windowStartUtc).toBe('2026-03-10T12:00:00.000000Z');
    const tcaIso = (s: number): string => ts.formatUtcIso(ts.plusUtcClockSeconds(ts.parseUtcIso(WINDOW.start), s), 6);
    const nd = await get('ndjson');
    expect(nd.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(nd.body).toBe(ndjsonRows(columns, tcaIso));
    const csv = await get('csv');
    expect(csv.body).toBe(csvHeaderLine() + csvRows(columns, tcaIso));
    expect((await f.app.inject({ url: `/api/v1/screenings/${jobId}/events`, headers: auth(f.keys.viewerA) })).body, 'ndjson is the default').toBe(nd.body);
    // Every event row (the closest approach of its pair) is a streamed approach, to the bit.
    const lines = nd.body.trim().split('\n').map((l) => JSON.parse(l) as { object1: number; object2: number; tca: string; missDistanceKm: number });
    const events = (await f.app.inject({ url: '/api/v1/events?limit=1000', headers: auth(f.keys.viewerA) })).json<{ items: EventView[] }>().items;
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const hit = lines.find((l) => l.object1 === e.object1 && l.object2 === e.object2 && l.missDistanceKm === e.missDistanceKm);
      expect(hit, `event ${e.object1}-${e.object2} among the streamed approaches`).toBeDefined();
      expect(Math.abs(ts.parseUtcIso(hit!.tca).secondsSince(ts.parseUtcIso(e.tca))), 'TCA (the event row prints milliseconds)').toBeLessThanOrEqual(0.0005);
    }
    // Tenant isolation and unknown jobs: 404, and a bad format 400.
    expect((await get('ndjson', f.keys.viewerB)).statusCode).toBe(404);
    expect((await f.app.inject({ url: `/api/v1/screenings/${jobId + 1000}/events`, headers: auth(f.keys.viewerA) })).statusCode).toBe(404);
    expect((await get('parquet')).statusCode).toBe(400);
  }, 60_000);
});

// ------------------------------------------------------------------------------------ whole and ranged reads

describe.each(BACKENDS)('stored columns read whole and by ranges give the same bytes on $name', (backend: Backend) => {
  let f: Fixture;
  let tenantId = 0;
  const start = { mjd: 61_109, seconds: 0 };
  const N = 10_007;
  const CHUNK = 3001; // odd: the int columns are padded, and the last chunk (1,004 rows) is short
  const cols = syntheticEventColumns(0, N);
  beforeAll(async () => {
    f = await makeFixture(backend);
    tenantId = (await createTenant(f.store.db, 'ranges')).id;
  }, 60_000);
  afterAll(async () => f?.close());
  const newJob = async (): Promise<number> => {
    const id = (
      await f.store.db
        .insertInto('screening_jobs')
        .values({ tenant_id: tenantId, fleet_id: 1, trigger: 'api', status: 'succeeded', window_start_utc: '2026-03-10T00:00:00Z', duration_s: 86400, threshold_km: 5, blocks_done: 1, blocks_total: 1, result_json: null, error: null, created_at: '2026-03-10T00:00:00Z', started_at: null, finished_at: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await f.store.db.transaction().execute((trx) => storeEventColumns(trx, ts, { tenantId, jobId: id, startUtc: start, columns: cols, chunkRows: CHUNK }));
    return id;
  };
  const collect = async (jobId: number, format: 'ndjson' | 'csv' | 'columnar', options: StreamEventColumnsOptions): Promise<{ bytes: Buffer; sizes: number[] }> => {
    const parts: Buffer[] = [];
    for await (const p of (await streamEventColumns(f.store.db, ts, tenantId, jobId, format, options))!.pieces) parts.push(typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p));
    return { bytes: Buffer.concat(parts), sizes: parts.map((b) => b.length) };
  };

  it('NDJSON, CSV and SKYCONJ1 equal core writers of the whole column set, for every read mode and piece size', async () => {
    const jobId = await newJob();
    const tcaIso = tcaIsoFrom(ts, start);
    const chunks: Uint8Array[] = [];
    for (let from = 0; from < N; from += CHUNK) chunks.push(encodeColumnarChunk(cols, from, Math.min(N, from + CHUNK)));
    const expected = {
      columnar: Buffer.concat([encodeColumnarHeader({ windowStartUtc: tcaIso(0), metadata: {} }), ...chunks, encodeColumnarEnd(N)]),
      ndjson: Buffer.from(ndjsonRows(cols, tcaIso), 'utf8'),
      csv: Buffer.from(csvHeaderLine() + csvRows(cols, tcaIso), 'utf8'),
    };
    const modes: StreamEventColumnsOptions[] = [{}, { rangedReads: false, textRows: 700 }, { rangedReads: true }, { rangedReads: true, readBytes: 1000, textRows: 700 }, { rangedReads: true, readBytes: 40_093, textRows: 333 }, { rangedReads: true, textRows: 2999 }];
    for (const mode of modes) {
      for (const format of ['columnar', 'ndjson', 'csv'] as const) {
        const got = await collect(jobId, format, mode);
        expect(got.bytes.equals(expected[format]), `${format} ${JSON.stringify(mode)}: ${got.bytes.length} bytes, expected ${expected[format].length}`).toBe(true);
        if (mode.rangedReads === true && format === 'columnar') {
          // header, each chunk in reads of readBytes (its last one shorter), each read in parts of RANGED_ROW_BYTES, end mark.
          const readBytes = mode.readBytes ?? RANGED_READ_BYTES;
          const split = (length: number, size: number): number[] => Array.from({ length: Math.ceil(length / size) }, (_, i) => Math.min(size, length - i * size));
          const parts = chunks.flatMap((c) => split(c.length, readBytes).flatMap((r) => split(r, RANGED_ROW_BYTES)));
          expect(got.sizes.slice(1, -1), `binary pieces of ${JSON.stringify(mode)}`).toEqual(parts);
        }
      }
    }
    const nd = await collect(jobId, 'ndjson', { rangedReads: true, textRows: 700 });
    expect(nd.sizes.length, 'one NDJSON piece per 700 rows of each chunk').toBe(3 * Math.ceil(CHUNK / 700) + Math.ceil((N - 3 * CHUNK) / 700));
  }, 120_000);

  it('a stored chunk cut short or missing is refused on both read paths (STORED_CHUNK_INVALID)', async () => {
    const jobId = await newJob();
    const whole = encodeColumnarChunk(cols, CHUNK, 2 * CHUNK);
    await f.store.db.updateTable('screening_event_chunks').set({ data: Buffer.from(whole.subarray(0, whole.length - 8)) }).where('job_id', '=', jobId).where('chunk_index', '=', 1).execute();
    for (const rangedReads of [false, true]) {
      for (const format of ['columnar', 'ndjson'] as const) {
        await expect(collect(jobId, format, { rangedReads }), `${format} ranged=${rangedReads}`).rejects.toMatchObject({ code: 'STORED_CHUNK_INVALID', message: expect.stringMatching(/stored chunk 1 \(\d+ bytes\) does not hold its 3001 rows/) });
      }
    }
    await f.store.db.deleteFrom('screening_event_chunks').where('job_id', '=', jobId).where('chunk_index', '=', 1).execute();
    for (const rangedReads of [false, true]) {
      await expect(collect(jobId, 'csv', { rangedReads })).rejects.toMatchObject({ code: 'STORED_CHUNK_INVALID', message: expect.stringMatching(/stored chunk 1 of 4 is missing/) });
    }
  }, 60_000);
});

// ------------------------------------------------------------------------------------------ 1,000,000 events

const TOTAL = 1_000_000;
const PEER_ROWS = 50_000;
const BOUND_MB = 64;
const row = syntheticEventRow;
const columnsOf = (n: number): ConjunctionColumns => syntheticEventColumns(0, n);
const memory = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
// A full collection on demand, to measure live memory: V8 lets garbage of large strings (the 1-MB text pieces)
// pile up to hundreds of MB before a major collection, which says nothing about what the stream holds.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const mismatch = rowMismatch;

/** Reads NDJSON pieces as an HTTP response carries them (UTF-8 bytes), counts lines, checks every 97th exactly. */
async function consumeNdjson(pieces: AsyncIterable<Uint8Array | string>, tcaIso: (s: number) => string, each: (bytes: number) => void, upTo = Infinity): Promise<{ lines: number; bytes: number; bad: number; tail: number }> {
  let lines = 0;
  let total = 0;
  let bad = 0;
  let tail = 0;
  for await (const piece of pieces) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece);
    total += bytes.length;
    let at = 0;
    for (let nl = bytes.indexOf(10); nl >= 0; nl = bytes.indexOf(10, at)) {
      if (lines % 97 === 0) {
        const o = JSON.parse(bytes.toString('utf8', at, nl)) as Record<string, number | string>;
        const r = row(lines);
        if (o['object1'] !== r[0] || o['object2'] !== r[1] || o['tcaOffsetS'] !== r[2] || o['missDistanceKm'] !== r[3] || o['relativeSpeedKmPerS'] !== r[4] || o['missRadialKm'] !== r[5] || o['missTransverseKm'] !== r[6] || o['missNormalKm'] !== r[7] || o['tcaAgeDays1'] !== r[8] || o['tcaAgeDays2'] !== r[9] || o['tca'] !== tcaIso(r[2])) bad++;
      }
      lines++;
      at = nl + 1;
    }
    tail += bytes.length - at;
    each(bytes.length);
    if (lines >= upTo) break; // ends the generator (its return)
  }
  return { lines, bytes: total, bad, tail };
}

describe.each(BACKENDS)('1,000,000 synthetic events stored as columns and streamed on $name (peer: rows)', (backend: Backend) => {
  let f: Fixture;
  let store: Store;
  let tenantId = 0;
  const start = { mjd: 61_109, seconds: 0 }; // 2026-03-10
  const tcaIso = tcaIsoFrom(ts, start);
  const jobRow = async (): Promise<number> =>
    (
      await store.db
        .insertInto('screening_jobs')
        .values({ tenant_id: tenantId, fleet_id: 1, trigger: 'api', status: 'succeeded', window_start_utc: '2026-03-10T00:00:00Z', duration_s: 7 * 86400, threshold_km: 5, blocks_done: 1, blocks_total: 1, result_json: null, error: null, created_at: '2026-03-10T00:00:00Z', started_at: null, finished_at: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  beforeAll(async () => {
    f = await makeFixture(backend);
    store = f.store;
    tenantId = (await createTenant(store.db, 'bulk')).id;
  }, 60_000);
  afterAll(async () => f?.close());

  it(`1,000,000 events: stored and streamed back exactly, live memory under ${BOUND_MB} MB; rows as the peer`, async () => {
    const cols = columnsOf(TOTAL);
    const jobId = await jobRow();
    gc();
    let base = memory();
    let peak = 0;
    let rawPeak = 0;
    let samples = 0;
    let sinceGc = 0;
    /**
     * Raw peak at every piece; live peak (after a full collection) once at least 4 MiB have been streamed since the
     * last one (every ~4 text pieces, every ~16 binary ranges or every stored chunk read whole), mid-stream, or when
     * forced. By bytes, not pieces: PostgreSQL's ranged reads yield 256-KiB pieces, and a full collection per 4 of
     * them would cost more than the stream.
     */
    const sample = (bytes: number, force = false): void => {
      rawPeak = Math.max(rawPeak, memory() - base);
      sinceGc += bytes;
      if (sinceGc < 4 * 2 ** 20 && !force) return;
      sinceGc = 0;
      samples++;
      gc();
      peak = Math.max(peak, memory() - base);
    };
    let t0 = performance.now();
    await store.db.transaction().execute(async (trx) => {
      await storeEventColumns(trx, ts, { tenantId, jobId, startUtc: start, columns: cols });
      sample(0, true);
    });
    const storeS = (performance.now() - t0) / 1000;
    const peakStore = peak;
    const stored = await store.db.selectFrom('screening_event_chunks').select((eb) => eb.fn.countAll<number>().as('n')).where('job_id', '=', jobId).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(Math.ceil(TOTAL / 65_536));
    // Binary stream: decoded incrementally, every value checked.
    t0 = performance.now();
    const bin = (await streamEventColumns(store.db, ts, tenantId, jobId, 'columnar'))!;
    expect(bin.eventCount).toBe(TOTAL);
    const d = new ColumnarDecoder();
    let next = 0;
    let bad = 0;
    for await (const piece of bin.pieces) {
      for (const c of d.push(piece as Uint8Array)) for (let k = 0; k < c.length; k++, next++) if (mismatch(c, k, row(next))) bad++;
      sample(piece.length);
    }
    d.finish();
    const binS = (performance.now() - t0) / 1000;
    expect(next).toBe(TOTAL);
    expect(bad).toBe(0);
    // NDJSON stream: all of it on SQLite; on PostgreSQL its first two chunks (the text is made alike on both, and
    // a million lines take half a minute on a loaded 2-core machine).
    const ndEvents = backend.name === 'sqlite' ? TOTAL : 2 * 65_536;
    t0 = performance.now();
    const nd = await consumeNdjson((await streamEventColumns(store.db, ts, tenantId, jobId, 'ndjson'))!.pieces, tcaIso, sample, ndEvents);
    const ndS = (performance.now() - t0) / 1000;
    expect(nd).toEqual({ lines: ndEvents, bytes: nd.bytes, bad: 0, tail: 0 });
    const peakMb = peak / 2 ** 20;
    expect(samples, 'live memory sampled mid-stream').toBeGreaterThan(10);

    // Peer: the same ten values a row in a plain table, PEER_ROWS of them, streamed as the same NDJSON.
    await store.db.schema
      .createTable('peer_event_rows')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('object1', 'integer', (c) => c.notNull())
      .addColumn('object2', 'integer', (c) => c.notNull())
      .$call((t) => ['tca_offset_s', 'miss_distance_km', 'relative_speed_km_s', 'miss_radial_km', 'miss_transverse_km', 'miss_normal_km', 'tca_age_days1', 'tca_age_days2'].reduce((q, name) => q.addColumn(name, 'double precision', (c) => c.notNull()), t))
      .execute();
    /* eslint-disable @typescript-eslint/no-explicit-any -- the peer table is not in the service's schema */
    const peerDb = store.db as unknown as Kysely<any>;
    gc();
    base = memory();
    peak = 0;
    t0 = performance.now();
    await peerDb.transaction().execute(async (trx) => {
      for (let from = 0; from < PEER_ROWS; from += 500) {
        const values = [];
        for (let i = from; i < Math.min(PEER_ROWS, from + 500); i++) {
          const r = row(i);
          values.push({ id: i + 1, object1: r[0], object2: r[1], tca_offset_s: r[2], miss_distance_km: r[3], relative_speed_km_s: r[4], miss_radial_km: r[5], miss_transverse_km: r[6], miss_normal_km: r[7], tca_age_days1: r[8], tca_age_days2: r[9] });
        }
        await trx.insertInto('peer_event_rows').values(values).execute();
      }
    });
    const rowStoreS = (performance.now() - t0) / 1000;
    async function* rowPieces(): AsyncGenerator<string> {
      let after = 0;
      for (;;) {
        const page = (await peerDb.selectFrom('peer_event_rows').selectAll().where('id', '>', after).orderBy('id').limit(4096).execute()) as Record<string, number>[];
        if (page.length === 0) return;
        let text = '';
        for (const e of page) {
          text += `${JSON.stringify({ object1: e['object1'], object2: e['object2'], tca: tcaIso(e['tca_offset_s']!), tcaOffsetS: e['tca_offset_s'], missDistanceKm: e['miss_distance_km'], relativeSpeedKmPerS: e['relative_speed_km_s'], missRadialKm: e['miss_radial_km'], missTransverseKm: e['miss_transverse_km'], missNormalKm: e['miss_normal_km'], tcaAgeDays1: e['tca_age_days1'], tcaAgeDays2: e['tca_age_days2'] })}\n`;
        }
        after = page.at(-1)!['id']!;
        yield text;
      }
    }
    /* eslint-enable @typescript-eslint/no-explicit-any */
    t0 = performance.now();
    const peer = await consumeNdjson(rowPieces(), tcaIso, (bytes) => sample(bytes, true));
    const rowStreamS = (performance.now() - t0) / 1000;
    expect(peer).toEqual({ lines: PEER_ROWS, bytes: peer.bytes, bad: 0, tail: 0 });
    const us = (sec: number, n: number): string => ((sec / n) * 1e6).toFixed(2);
    console.info(
      `${backend.name}: 1,000,000 events as columns: store ${storeS.toFixed(2)} s (${us(storeS, TOTAL)} µs/event), stream SKYCONJ1 ${binS.toFixed(2)} s (${us(binS, TOTAL)} µs/event), NDJSON of ${ndEvents.toLocaleString('en')} ${ndS.toFixed(2)} s (${us(ndS, ndEvents)} µs/event, ` +
        `${(nd.bytes / 2 ** 20).toFixed(0)} MiB); live memory peak ${peakMb.toFixed(1)} MB above the columns (bound ${BOUND_MB}; store ${(peakStore / 2 ** 20).toFixed(1)}), ${(rawPeak / 2 ** 20).toFixed(0)} MB with uncollected garbage. ` +
        `Peer, ${PEER_ROWS.toLocaleString('en')} rows: insert ${rowStoreS.toFixed(2)} s (${us(rowStoreS, PEER_ROWS)} µs/event, ${(rowStoreS / PEER_ROWS / (storeS / TOTAL)).toFixed(0)}× the columns), ` +
        `NDJSON ${rowStreamS.toFixed(2)} s (${us(rowStreamS, PEER_ROWS)} µs/event, ${(rowStreamS / PEER_ROWS / (ndS / ndEvents)).toFixed(1)}× the columns), live peak ${(peak / 2 ** 20).toFixed(1)} MB`,
    );
    expect(peakMb, `live heap + array-buffer peak ${peakMb.toFixed(1)} MB above the columns`).toBeLessThan(BOUND_MB);
  }, 300_000);
});
