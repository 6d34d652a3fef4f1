// Writes packages/cli/dist/cli-manifest.json for the built CLI's fast start (packages/cli/src/launch.ts): the
// version, the exact `--help` text, and for each top-level command the one built module whose register function
// adds it, kept only where that function alone builds the same command (same help text) as the full program.
// Run by scripts/build.mjs as: node --conditions=skylane-dist scripts/cli-manifest.mjs
/* global process */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/cli/dist');
const { buildProgram, runCli } = await import(pathToFileURL(path.join(DIST, 'main.js')).href);
const { createProgram, CLI_VERSION } = await import(pathToFileURL(path.join(DIST, 'program.js')).href);

const reference = new Map();
for (const c of buildProgram().commands) for (const n of [c.name(), ...c.aliases()]) reference.set(n, c.helpInformation());

const commands = {};
const ambiguous = new Set();
for (const file of fs.readdirSync(path.join(DIST, 'commands')).filter((f) => f.endsWith('.js')).sort()) {
  const mod = await import(pathToFileURL(path.join(DIST, 'commands', file)).href);
  for (const [name, fn] of Object.entries(mod)) {
    if (!/^register[A-Z]\w*$/.test(name) || typeof fn !== 'function') continue;
    const program = createProgram();
    try {
      fn(program);
    } catch {
      continue;
    }
    for (const c of program.commands) {
      for (const n of [c.name(), ...c.aliases()]) {
        if (reference.get(n) !== c.helpInformation()) continue;
        if (commands[n] !== undefined) ambiguous.add(n);
        commands[n] = { module: `./commands/${file}`, register: name };
      }
    }
  }
}
for (const n of ambiguous) delete commands[n];

let help = '';
const write = process.stdout.write;
process.stdout.write = (s) => {
  help += String(s);
  return true;
};
try {
  await runCli(['--help']);
} finally {
  process.stdout.write = write;
}
const manifest = { version: CLI_VERSION, help, commands };
fs.writeFileSync(path.join(DIST, 'cli-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
const missing = [...reference.keys()].filter((n) => commands[n] === undefined);
process.stderr.write(`cli-manifest: ${Object.keys(commands).length} commands start alone${missing.length > 0 ? `; ${missing.join(', ')} load the full program` : ''}\n`);
