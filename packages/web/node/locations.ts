/**
 * Where the dashboard's files are on disk, for the server that serves them (Node only): the Vite build output and
 * Cesium's prebuilt Build/Cesium folder (script, web workers, widgets CSS and the bundled NaturalEarthII imagery).
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The web package's root folder. */
export const webPackageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Vite build output (`npm run build -w @skylane/web`). */
export const dashboardDistDir = path.join(webPackageDir, 'dist');

/** Cesium's prebuilt distribution, resolved from the web package. */
export const cesiumBuildDir = path.join(path.dirname(createRequire(path.join(webPackageDir, 'package.json')).resolve('cesium/package.json')), 'Build', 'Cesium');

/** Whether the dashboard has been built. */
export function dashboardBuilt(): boolean {
  return fs.existsSync(path.join(dashboardDistDir, 'index.html'));
}
