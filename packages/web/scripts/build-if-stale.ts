/**
 * Builds the dashboard (vite build) when dist/ is missing or older than any source file: `npm start` and the
 * end-to-end test call it, so a fresh clone serves the dashboard without a separate build step.
 * Usage: tsx packages/web/scripts/build-if-stale.ts [--force]
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { dashboardDistDir, webPackageDir } from '../node/locations.ts';

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Runs vite build unless dist/index.html is newer than every file of src/, index.html and vite.config.ts. */
export async function buildDashboardIfStale(force = false): Promise<boolean> {
  const marker = path.join(dashboardDistDir, 'index.html');
  const sources = Math.max(
    newestMtimeMs(path.join(webPackageDir, 'src')),
    newestMtimeMs(path.resolve(webPackageDir, '..', 'core', 'src')),
    fs.statSync(path.join(webPackageDir, 'index.html')).mtimeMs,
    fs.statSync(path.join(webPackageDir, 'vite.config.ts')).mtimeMs,
  );
  if (!force && fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= sources) return false;
  const t0 = performance.now();
  await build({ configFile: path.join(webPackageDir, 'vite.config.ts'), logLevel: 'error' });
  console.log(`dashboard built in ${((performance.now() - t0) / 1000).toFixed(1)} s (${path.relative(process.cwd(), dashboardDistDir)})`);
  return true;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await buildDashboardIfStale(process.argv.includes('--force'));
}
