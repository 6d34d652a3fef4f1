/**
 * Serves the operations dashboard (@skylane/web) at `/`: the Vite build output, and Cesium's prebuilt distribution
 * at `/cesium/` (script, web workers, widgets and the bundled NaturalEarthII imagery), so that the page needs no
 * request beyond this server. Before the dashboard is built, `/` answers 503 with the command that builds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { cesiumBuildDir, dashboardBuilt, dashboardDistDir } from '@skylane/web/locations';
import type { App } from './app.ts';
import { HttpProblem } from './problem.ts';
import { inlineScriptHashes } from './security.ts';

/** CSP hashes of the built dashboard page's inline scripts (none before it is built). */
export function dashboardInlineScriptHashes(): string[] {
  if (!dashboardBuilt()) return [];
  return inlineScriptHashes(fs.readFileSync(path.join(dashboardDistDir, 'index.html'), 'utf8'));
}

export async function registerDashboard(app: App): Promise<void> {
  await app.register(fastifyStatic, { root: cesiumBuildDir, prefix: '/cesium/', decorateReply: false, maxAge: '1d', immutable: false });
  if (!dashboardBuilt()) {
    app.get('/', { schema: { hide: true } }, async () => {
      throw new HttpProblem(503, 'dashboard-not-built', 'Dashboard not built', 'the dashboard has not been built: run `npm run build -w @skylane/web` (npm start does it).');
    });
    return;
  }
  await app.register(fastifyStatic, { root: dashboardDistDir, prefix: '/', index: ['index.html'], decorateReply: false });
}
