#!/usr/bin/env node
// Builds the distribution: @skylane/core, @skylane/server and @skylane/cli (and @skylane/web's Node-side locations
// module) compiled to JavaScript with type declarations, in each package's dist/ (web: dist-node/).
//
// Usage: node scripts/build.mjs            (npm run build)
//
// One tsc program over the four source trees (tsconfig.build.json: declarations, `rewriteRelativeImportExtensions`
// so `./x.ts` imports become `./x.js`, `noCheck` because `npm run typecheck` type-checks the same sources) emits into
// .build/, then each tree moves to its package. The worker-thread entries (server src/**/*.mjs register the tsx
// loader, then import a `.ts` task) get a built twin that imports the `.js` task directly, with no loader.
/* global process, performance */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAGE = path.join(ROOT, '.build');

/** Where each compiled tree goes: [tree under .build/, package output folder]. */
export const OUTPUTS = [
  ['core/src', 'packages/core/dist'],
  ['server/src', 'packages/server/dist'],
  ['cli/src', 'packages/cli/dist'],
  ['web/node', 'packages/web/dist-node'],
];

/** The built twin of a worker-thread entry: the tsx registration removed, `.ts` task imports pointed at `.js`. */
export function builtWorkerEntry(text, file) {
  const out = text
    .replace(/^import \{ register \} from 'tsx\/esm\/api';\n\n?/m, '')
    .replace(/^register\(\);\n/m, '')
    .replace(/(import\(\s*'\.{1,2}\/[^']*)\.ts'/g, "$1.js'")
    .replace(/(from\s+'\.{1,2}\/[^']*)\.ts'/g, "$1.js'")
    .replace(/registers the TypeScript loader \(tsx\), then /, '(built: no loader) ');
  if (/tsx|\.ts'/.test(out.replace(/^\/\/.*$/gm, ''))) throw new Error(`build: cannot make a built twin of ${file}: it still names tsx or a .ts module`);
  return out;
}

/**
 * A built module with its imports of files inside another package's folder (`../../node_modules/satellite.js/dist/x.js`:
 * a path the package's `exports` do not offer, so the sources reach it through the repository's node_modules) turned
 * into a lookup from wherever that package is installed: `import.meta.resolve(pkg)` gives its entry, and the file is
 * addressed relative to it (the relation is read from the installed copy at build time).
 */
export function withPackageFileImports(text, file, resolveEntry) {
  return text.replace(/^import \{([^}]*)\} from '((?:\.\.\/)+node_modules\/((?:@[^/]+\/)?[^/]+)\/([^']+))';$/gm, (_m, names, _spec, pkg, sub) => {
    const entry = resolveEntry(pkg);
    const root = entry.slice(0, entry.lastIndexOf(`/node_modules/${pkg}/`) + `/node_modules/${pkg}/`.length);
    const rel = path.relative(path.dirname(entry), path.join(root, sub)).split(path.sep).join('/');
    if (!fs.existsSync(path.join(root, sub))) throw new Error(`build: ${file} imports ${pkg}/${sub}, which is not there`);
    const binding = names.split(',').map((n) => n.trim()).filter((n) => n !== '').map((n) => n.replace(/\s+as\s+/, ': ')).join(', ');
    return `const { ${binding} } = await import(new URL('${rel.startsWith('.') ? rel : `./${rel}`}', import.meta.resolve('${pkg}')).href);`;
  });
}

function walk(dir, pick, acc = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, pick, acc);
    else if (pick(p)) acc.push(p);
  }
  return acc;
}

/**
 * core's `exports` target, dist/core.bundle.js: core's sources and its pure-JavaScript dependencies (satellite.js with
 * its sgp4init file, astronomy-engine, fast-xml-parser and its helpers) in one minified, tree-shaken file. Only
 * xmllint-wasm stays an import (it loads its WebAssembly and worker files from its own folder). One ~0.9 MB file
 * loads in about 80 ms of CPU where core's ~270 modules plus ~80 dependency modules took 180 (docs/benchmarks.md,
 * "CLI start-up"). `keepNames` keeps class and function names (error names, `constructor.name`) as in the sources.
 * esbuild comes with vite and tsx; without it the file re-exports dist/index.js.
 */
export const CORE_BUNDLE_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['xmllint-wasm'],
  minify: true,
  keepNames: true,
  legalComments: 'inline',
  logLevel: 'error',
};

async function bundleCore() {
  const dist = path.join(ROOT, 'packages/core/dist');
  const outfile = path.join(dist, 'core.bundle.js');
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    fs.writeFileSync(outfile, "// esbuild was not installed at build time: the module graph, unbundled.\nexport * from './index.js';\n");
    return false;
  }
  await esbuild.build({ ...CORE_BUNDLE_OPTIONS, entryPoints: [path.join(ROOT, 'packages/core/src/index.ts')], outfile, tsconfig: path.join(ROOT, 'tsconfig.json') });
  return true;
}

export async function build() {
  const t0 = performance.now();
  fs.rmSync(STAGE, { recursive: true, force: true });
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`build: tsc failed (exit ${r.status ?? r.signal})`);
  for (const [tree, dest] of OUTPUTS) {
    const from = path.join(STAGE, tree);
    const to = path.join(ROOT, dest);
    if (!fs.existsSync(from)) throw new Error(`build: tsc emitted nothing for ${tree}`);
    fs.rmSync(to, { recursive: true, force: true });
    fs.renameSync(from, to);
  }
  // tsc also emits the files the included trees import from elsewhere (none today); drop them.
  fs.rmSync(STAGE, { recursive: true, force: true });
  const resolveEntry = (pkg) => fileURLToPath(import.meta.resolve(pkg));
  for (const [, dest] of OUTPUTS) {
    for (const file of walk(path.join(ROOT, dest), (p) => p.endsWith('.js') || p.endsWith('.d.ts'))) {
      const text = fs.readFileSync(file, 'utf8');
      if (!text.includes('/node_modules/')) continue;
      const out = withPackageFileImports(text, file, resolveEntry);
      if (/from '(?:\.\.\/)+node_modules\//.test(out)) throw new Error(`build: ${file} still imports a file through node_modules`);
      fs.writeFileSync(file, out);
    }
  }
  const srcDir = path.join(ROOT, 'packages/server/src');
  const entries = walk(srcDir, (p) => p.endsWith('.mjs'));
  for (const file of entries) {
    const dest = path.join(ROOT, 'packages/server/dist', path.relative(srcDir, file));
    fs.writeFileSync(dest, builtWorkerEntry(fs.readFileSync(file, 'utf8'), file));
  }
  const bundled = await bundleCore();
  const m = spawnSync(process.execPath, ['--conditions=skylane-dist', path.join(ROOT, 'scripts/cli-manifest.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (m.status !== 0) throw new Error(`build: the CLI manifest failed (exit ${m.status ?? m.signal})`);
  return { ms: performance.now() - t0, workerEntries: entries.length, bundled };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { ms, workerEntries, bundled } = await build();
    process.stderr.write(`build: core, server, cli and web/locations compiled to dist/ (${workerEntries} worker entries, core ${bundled ? 'bundled' : 'not bundled: no esbuild'}) in ${(ms / 1000).toFixed(1)} s\n`);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
