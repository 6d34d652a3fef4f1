/**
 * End-to-end check of the operations panels in Debian's Chromium (real server, embedded default, bundled catalog):
 * the launch panel plans the CZ-6A Taiyuan launch and draws its layer (sites, ground track, three drop zones,
 * landing, recovery) on the globe; the constellation panel designs a Walker 36/6/1 shell and draws its 36 satellites;
 * the ADR panel lists the ranking and highlights the listed objects on the globe; the Tracking tab draws a detected
 * breakup's fragment cloud (simulated explosion of 815) and its Gabbard diagram; the Reentries panel draws a
 * selected prediction's ground track (entity count and nominal point against the API's GeoJSON); the Tourism tab lists
 * the manifest and shows a go/no-go verdict. No page error. Screenshots go to
 * test-results/. Skipped without Chromium locally; fails under CI=true without it (as dashboard.e2e.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimeScales, IERS_LEAP_SECONDS, kozaiMeanMotionRevPerDay, readElementSets, reEpochElementSet, simulateBreakup, writeElementSets, writeOmmJson, type ElementSet } from '@skylane/core';
import { apiGet, CHROMIUM_PATH, openDashboard, startServer, type BrowserSession, type RunningServer } from '../node/e2eHarness.ts';

const haveChromium = fs.existsSync(CHROMIUM_PATH);
if (!haveChromium && process.env['CI'] === 'true') throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: .ci/run must install Debian's chromium`);
const ts = createTimeScales(IERS_LEAP_SECONDS);
/** A synthetic decay from 190 km over 5 days (the watch's precise predictor runs on it and stores a ground track). */
const decay = (catalogNumber: number): ElementSet[] =>
  [190, 187.5, 184.7, 181.5, 178].map((hKm, day) => ({
    catalogNumber,
    objectName: 'E2E DECAY',
    classification: 'U',
    epoch: ts.fromUtc(2026, 3, 5 + day, 0, 0, 0),
    meanMotionRevPerDay: kozaiMeanMotionRevPerDay(6378.137 + hKm, 0.0005, 51.6),
    eccentricity: 0.0005,
    inclinationDeg: 51.6,
    raanDeg: 10,
    argOfPericenterDeg: 0,
    meanAnomalyDeg: 0,
    bstarPerEarthRadii: 5e-4,
    meanMotionDotRevPerDay2: 5e-3,
    meanMotionDdotRevPerDay3: 0,
    ephemerisType: 0,
    elementSetNo: 1,
    revAtEpoch: 0,
  }));
const SHOTS = path.resolve(import.meta.dirname, '..', '..', '..', 'test-results');

describe.skipIf(!haveChromium)('operations panels end to end (Chromium, real server)', () => {
  let server: RunningServer;
  let session: BrowserSession;
  const globeData = (name: string) => session.page.evaluate((n) => document.querySelector<HTMLElement>('[data-testid=globe]')?.dataset[n] ?? null, name);

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ SKYLANE_NOW: '2026-03-10T01:00:00Z', SKYLANE_SCREEN_THREADS: '1' });
    session = await openDashboard(server);
    await session.page.getByTestId('globe').waitFor({ timeout: 180_000 });
    await session.page.waitForFunction(() => Number(document.querySelector('[data-testid=globe]')?.getAttribute('data-catalog-size') ?? 0) > 0, undefined, { timeout: 180_000 });
  }, 400_000);

  afterAll(async () => {
    await session?.browser.close();
    await server?.stop();
  });

  it('launch panel: a CZ-6A plan from Taiyuan draws its drop zones, landing and recovery on the globe', async () => {
    const page = session.page;
    await page.getByRole('tab', { name: 'Launch' }).click();
    await page.getByRole('button', { name: 'Plan launch' }).click();
    const plan = page.getByTestId('launch-plan');
    await plan.waitFor({ timeout: 120_000 });
    expect(await plan.locator('tbody tr').count()).toBe(3);
    // Sites alone give a few dozen entities; the plan adds the track, three zones with labels, landing and recovery.
    await expect.poll(async () => Number(await globeData('overlayLaunch')), { timeout: 30_000 }).toBeGreaterThan(20);
    await page.waitForTimeout(2000);
    await page.screenshot({ path: path.join(SHOTS, 'ops-launch.png') });
  }, 200_000);

  it('constellation panel: a Walker 36/6/1 design is drawn as 36 satellites', async () => {
    const page = session.page;
    await page.getByRole('tab', { name: 'Constellation' }).click();
    await page.getByRole('button', { name: 'Design' }).click();
    await page.getByTestId('constellation-summary').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('constellation-summary').textContent()).toMatch(/36 satellites in 6 planes/);
    await expect.poll(async () => Number(await globeData('overlayConstellation')), { timeout: 30_000 }).toBe(36);
    await page.screenshot({ path: path.join(SHOTS, 'ops-constellation.png') });
  }, 120_000);

  it('ADR panel: the ranking is listed and highlighted on the globe', async () => {
    const page = session.page;
    await page.getByRole('tab', { name: 'ADR' }).click();
    const rows = page.locator('[data-testid=adr-table] tbody tr');
    await rows.first().waitFor({ timeout: 180_000 });
    const n = await rows.count();
    expect(n).toBe(25);
    await expect.poll(async () => Number(await globeData('highlighted')), { timeout: 30_000 }).toBe(n);
    await page.screenshot({ path: path.join(SHOTS, 'ops-adr.png') });
    expect(session.errors).toEqual([]);
  }, 240_000);

  it('tourism tab: the manifest is listed with passenger readiness, and a go/no-go shows its verdict with the failing item', async () => {
    const page = session.page;
    const post = async <T,>(route: string, body: unknown): Promise<T> => {
      const res = await fetch(`${server.url}${route}`, { method: 'POST', headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as T;
    };
    const v = await post<{ id: number }>('/api/v1/tourism/vehicles', { name: 'E2E-Capsule', vehicleClass: 'capsule' });
    const fl = await post<{ id: number }>('/api/v1/tourism/flights', { name: 'E2E-TF-1', site: 'jiuquan', plannedLaunchUtc: '2026-03-20T02:00:00Z', vehicleId: v.id });
    const pa = await post<{ id: number }>('/api/v1/tourism/passengers', { name: 'E2E Passenger', trainingStatus: 'complete', medicalStatus: 'cleared', medicalExpiresUtc: '2026-12-31T00:00:00Z' });
    await post(`/api/v1/tourism/flights/${fl.id}/seats`, { passengerId: pa.id, seat: '1A' });
    await page.getByRole('tab', { name: 'Tourism' }).click();
    const row = page.locator('table[aria-label="Tourism flights"] tbody tr', { hasText: 'E2E-TF-1' });
    await row.waitFor({ timeout: 30_000 });
    expect(await page.locator('table[aria-label="Tourism passengers"] tbody tr', { hasText: 'E2E Passenger' }).textContent()).toContain('ready');
    await row.click();
    // The capsule-class flight from a launch site has its profile computed by the suborbital model: summary with chart and landing ellipse.
    await page.locator('[data-testid="flight-summary-chart"][data-drawn="true"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('flight-summary').textContent()).toMatch(/apogee 10\d\.\d km/);
    expect(await page.getByTestId('flight-summary-landing').count()).toBe(1);
    await page.getByRole('button', { name: 'Evaluate go/no-go' }).click();
    // The form's starting inputs have no recovery asset on station: NO-GO naming recovery-assets with value and limit.
    await page.getByTestId('go-no-go-verdict').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('go-no-go-verdict').textContent()).toContain('NO-GO');
    expect(await page.locator('ul[aria-label="Failing items"]').textContent()).toContain('recovery-assets [any]: 0 assets on station, limit 1');
    await page.screenshot({ path: path.join(SHOTS, 'ops-tourism.png') });
    expect(session.errors).toEqual([]);
  }, 120_000);

  it('Tracking tab: a detected breakup of 815 draws its fragment cloud on the globe and its Gabbard diagram', async () => {
    // Fragments of a simulated explosion of 815 at 00:00, re-observed 12 h later (as breakup-alerts.test.ts).
    const ts = createTimeScales();
    const gp = await fetch(`${server.url}/api/v1/gp?CATNR=815`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    const parent = readElementSets(await gp.text(), { format: 'auto', timeScales: ts }).elementSets[0]!;
    const epoch = ts.parseUtcIso('2026-03-10T00:00:00Z');
    const sim = simulateBreakup({ parent, epoch, timeScales: ts, type: 'explosion', objectClass: 'rocketBody', minLcM: 0.5, seed: 3 });
    const later = sim.fragments.flatMap((f, k) => {
      try {
        return [reEpochElementSet(f.elementSet, epoch.plusSeconds(43200 + k * 600), ts)];
      } catch {
        return [];
      }
    });
    const res = await fetch(`${server.url}/api/v1/breakup/detect`, { method: 'POST', headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ elements: writeElementSets(later, 'tle', { timeScales: ts }) }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { alert: { parentCatalogNumber: number } | null }).alert?.parentCatalogNumber).toBe(815);
    const page = session.page;
    await page.getByRole('tab', { name: 'Tracking' }).click();
    await expect.poll(async () => Number(await globeData('overlayBreakup')), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.locator('[data-testid=gabbard][data-drawn=true]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, 'ops-breakup.png') });
    expect(session.errors).toEqual([]);
  }, 120_000);
  it("reentries panel: a selected prediction's ground track is drawn as the API's GeoJSON (segments, window ends, nominal point)", async () => {
    const page = session.page;
    const up = await fetch(`${server.url}/api/v1/uploads?visibility=private&name=e2e-decay.json`, { method: 'POST', headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' }, body: writeOmmJson(decay(99401), { timeScales: ts }) });
    expect(up.status, await up.text()).toBeLessThan(300);
    const fc = await apiGet<{ features: { geometry: { type: string; coordinates: unknown } }[] }>(server, '/api/v1/reentries/99401/ground-track');
    const lines = (fc.features.find((f) => f.geometry.type === 'MultiLineString')!.geometry.coordinates as number[][][]).length;
    const [lon, lat] = fc.features.find((f) => f.geometry.type === 'Point')!.geometry.coordinates as number[];
    await page.getByRole('tab', { name: 'Reentries' }).click();
    await page.getByRole('button', { name: /#99401/ }).click();
    // One polyline per line string of the window, the highlighted stretch around the nominal reentry (one line, two
    // where it crosses the antimeridian), the window start and end labels, the nominal point.
    await expect.poll(async () => Number(await globeData('reentryWindowLines')), { timeout: 30_000 }).toBe(lines);
    const total = Number(await globeData('overlayReentry'));
    expect(total).toBeGreaterThanOrEqual(lines + 4);
    expect(total).toBeLessThanOrEqual(lines + 5);
    const nominal = (await globeData('reentryNominal'))!.split(',').map(Number);
    expect(Math.abs(nominal[0]! - lon!), `drawn nominal ${nominal.join(',')} vs GeoJSON ${lon},${lat}`).toBeLessThan(1e-4);
    expect(Math.abs(nominal[1]! - lat!)).toBeLessThan(1e-4);
    expect(await page.locator('[data-testid=reentry-map-2d] path:not([data-kind])').count()).toBe(lines);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SHOTS, 'ops-reentry.png') });
    expect(session.errors).toEqual([]);
  }, 180_000);
});
