/**
 * End-to-end check of the operations panels in Debian's Chromium (real server, embedded default, bundled catalog):
 * the launch panel plans the CZ-6A Taiyuan launch and draws its layer (sites, ground track, three drop zones,
 * landing, recovery) on the globe; the constellation panel designs a Walker 36/6/1 shell and draws its 36 satellites;
 * the ADR panel lists the ranking and highlights the listed objects on the globe. No page error. Screenshots go to
 * test-results/. Skipped without Chromium locally; fails under CI=true without it (as dashboard.e2e.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, openDashboard, startServer, type BrowserSession, type RunningServer } from '../node/e2eHarness.ts';

const haveChromium = fs.existsSync(CHROMIUM_PATH);
if (!haveChromium && process.env['CI'] === 'true') throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: .ci/run must install Debian's chromium`);
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
});
