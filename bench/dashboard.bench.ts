/**
 * Frame time of the dashboard in headless Chromium (Debian chromium, SwiftShader software WebGL: the CI machine has
 * no GPU), 1280×800, the full bundled catalog animating at 60× with the worker propagating continuously. Peer in the
 * same run: the same page with the catalog's points hidden (the globe, imagery and sky alone), so the difference is
 * what drawing and moving 18,407 points costs. Also reports the worker's SGP4 + frame rotation time per catalog
 * update.
 */
import { machineDescription, type BenchReport } from './common.ts';
import { openDashboard, startServer } from '../packages/web/node/e2eHarness.ts';
import type { Page } from 'playwright-core';

const SAMPLE_MS = 10_000;

async function frameStats(page: Page): Promise<{ medianMs: number; p95Ms: number; fps: number; frames: number }> {
  const times = await page.evaluate(async (ms) => {
    const w = window as unknown as { __skylaneFrames: number[] };
    const start = w.__skylaneFrames.length;
    await new Promise((r) => setTimeout(r, ms));
    return w.__skylaneFrames.slice(start);
  }, SAMPLE_MS);
  const d = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
  const q = (p: number) => d[Math.min(d.length - 1, Math.floor(p * d.length))] ?? Number.NaN;
  return { medianMs: q(0.5), p95Ms: q(0.95), fps: d.length / (SAMPLE_MS / 1000), frames: d.length };
}

export async function runDashboardBench(): Promise<BenchReport> {
  const lines: string[] = [`machine: ${machineDescription()}; Chromium headless, SwiftShader WebGL, viewport 1280×800`];
  const server = await startServer({ SKYLANE_NOW: '2026-03-10T01:00:00Z', SKYLANE_FIRST_SCREENING: '0' });
  const session = await openDashboard(server);
  try {
    const page = session.page;
    await page.waitForFunction(() => {
      const g = document.querySelector('[data-testid=globe]');
      return g !== null && g.getAttribute('data-object-count') === g.getAttribute('data-catalog-size') && g.getAttribute('data-catalog-size') !== '0';
    }, undefined, { timeout: 180_000 });
    const count = await page.getByTestId('globe').getAttribute('data-object-count');
    await page.getByLabel('Clock speed').selectOption('60');
    await page.waitForTimeout(2000);
    const full = await frameStats(page);
    const propagationMs = await page.getByTestId('globe').getAttribute('data-propagation-ms');
    await page.getByTestId('show-catalog').uncheck();
    await page.waitForTimeout(2000);
    const bare = await frameStats(page);
    lines.push(`full catalog (${count} objects) animating at 60×: frame time median ${full.medianMs.toFixed(1)} ms, p95 ${full.p95Ms.toFixed(1)} ms, ${full.fps.toFixed(1)} frames/s (${full.frames} frames in ${SAMPLE_MS / 1000} s)`);
    lines.push(`peer, catalog hidden (globe and sky only): median ${bare.medianMs.toFixed(1)} ms, p95 ${bare.p95Ms.toFixed(1)} ms, ${bare.fps.toFixed(1)} frames/s; the catalog costs ${(full.medianMs - bare.medianMs).toFixed(1)} ms per frame (${(full.medianMs / bare.medianMs).toFixed(2)}×)`);
    lines.push(`worker: SGP4 + TEME→ITRF for the whole catalog ${propagationMs ?? '?'} ms per update (off the main thread)`);
    return { name: 'Dashboard frame time', lines };
  } finally {
    await session.browser.close();
    await server.stop();
  }
}
