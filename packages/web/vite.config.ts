// Vite build of the dashboard. Cesium is not bundled: its prebuilt Build/Cesium (script, workers, widgets and the
// NaturalEarthII imagery) is served by @skylane/server at /cesium/ and loaded by index.html as the global `Cesium`.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  esbuild: { jsx: 'automatic' },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/cesium': 'http://127.0.0.1:8080' } },
});
