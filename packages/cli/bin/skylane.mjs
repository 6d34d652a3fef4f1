#!/usr/bin/env node
// The `skylane` command. Built code (dist/launch.js: plain JavaScript, no loader, only the invoked command's modules)
// runs when the package was installed from its tarball (no src/) or when Node runs with the `skylane-dist` condition
// (`node --conditions=skylane-dist`, which also resolves @skylane/core and @skylane/server to their dist/);
// otherwise, in the repository, it registers the TypeScript loader (tsx) and runs the sources, so a stale dist/
// never shadows an edit.
/* global process, URL */
import { existsSync } from 'node:fs';

const source = new URL('../src/main.ts', import.meta.url);
const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
const builtCondition = flags.some((f) => f === 'skylane-dist' || f.endsWith('=skylane-dist'));
const argv = process.argv.slice(2);

if (builtCondition || !existsSync(source)) {
  const { launch } = await import('../dist/launch.js');
  process.exitCode = await launch(argv);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { runCli } = await import(source.href);
  process.exitCode = await runCli(argv);
}
