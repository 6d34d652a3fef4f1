/**
 * Serves the operations dashboard (@skylane/web) at `/`: the Vite build output, and Cesium's prebuilt distribution
 * at `/cesium/` (script, web workers, widgets and the bundled NaturalEarthII imagery), so that the page needs no
 * request beyond this server. Before the dashboard is built, `/` answers 503 with the command that builds it.
 */
import fastifyStatic from '@fastify/static';
import { cesiumBuildDir, dashboardBuilt, dashboardDistDir } from '@skylane/web/locations';
import type { App } from './app.ts';
import { HttpProblem } from './problem.ts';

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
