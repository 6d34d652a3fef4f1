#!/usr/bin/env node
// Packs the built packages (run `npm run build` first) into npm tarballs that install in an empty folder and run as
// plain JavaScript: each package is staged with only its built files and a package.json whose `exports` are the
// built ones (the `skylane-dist` condition's targets become the default; the sources stay out), without the tsx
// dependency (built code never loads it), then `npm pack`ed.
//
// Usage: node scripts/pack.mjs [--out DIR] [core|server|cli|web ...]      (npm run pack:dist; default DIR .pack/)
/* global process */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The files each package ships (relative to the package folder; missing optional ones are skipped). */
const SHIPPED = {
  core: { files: ['dist'], required: ['dist/core.bundle.js', 'dist/index.d.ts'] },
  server: { files: ['dist'], required: ['dist/index.js', 'dist/index.d.ts'] },
  cli: { files: ['dist', 'bin'], required: ['dist/launch.js', 'dist/cli-manifest.json', 'bin/skylane.mjs'] },
  web: { files: ['dist-node', 'dist'], required: ['dist-node/locations.js'] },
};

/** An exports value with every `{ "skylane-dist": X, ... }` replaced by X. */
export function builtExports(value) {
  if (value === null || typeof value !== 'object') return value;
  if ('skylane-dist' in value) return builtExports(value['skylane-dist']);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, builtExports(v)]));
}

/** The package.json of the tarball, from the repository's. */
export function builtManifest(pkg, files) {
  const out = { ...pkg, files };
  delete out.scripts;
  delete out.devDependencies;
  if (out.exports !== undefined) out.exports = builtExports(out.exports);
  const main = out.exports?.['.'];
  if (main !== undefined) {
    out.main = typeof main === 'string' ? main : main.default;
    if (typeof main === 'object' && main.types !== undefined) out.types = main.types;
    else delete out.types;
  }
  if (out.dependencies !== undefined) {
    out.dependencies = { ...out.dependencies };
    delete out.dependencies.tsx;
  }
  return out;
}

export function pack(names, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const stageRoot = fs.mkdtempSync(path.join(outDir, '.stage-'));
  const tarballs = [];
  try {
    for (const name of names) {
      const spec = SHIPPED[name];
      if (spec === undefined) throw new Error(`pack: unknown package "${name}": use core, server, cli or web`);
      const dir = path.join(ROOT, 'packages', name);
      for (const f of spec.required) {
        if (!fs.existsSync(path.join(dir, f))) throw new Error(`pack: packages/${name}/${f} is missing: run npm run build first`);
      }
      const stage = path.join(stageRoot, name);
      fs.mkdirSync(stage, { recursive: true });
      const files = spec.files.filter((f) => fs.existsSync(path.join(dir, f)));
      for (const f of files) fs.cpSync(path.join(dir, f), path.join(stage, f), { recursive: true });
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(builtManifest(pkg, files), null, 2)}\n`);
      const r = spawnSync('npm', ['pack', stage, '--pack-destination', outDir, '--json', '--silent'], { cwd: stageRoot, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`pack: npm pack failed for ${name}: ${r.stderr}`);
      const [info] = JSON.parse(r.stdout);
      tarballs.push({ name: pkg.name, file: path.join(outDir, info.filename), size: info.size, entryCount: info.entryCount });
    }
  } finally {
    fs.rmSync(stageRoot, { recursive: true, force: true });
  }
  return tarballs;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const o = args.indexOf('--out');
  const outDir = path.resolve(o >= 0 ? (args[o + 1] ?? '.pack') : path.join(ROOT, '.pack'));
  const names = args.filter((a, i) => a !== '--out' && (o < 0 || i !== o + 1));
  try {
    for (const t of pack(names.length > 0 ? names : ['core', 'server', 'cli', 'web'], outDir)) {
      process.stdout.write(`${t.file}  (${t.name}, ${t.entryCount} files, ${(t.size / 1024).toFixed(0)} KiB)\n`);
    }
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
