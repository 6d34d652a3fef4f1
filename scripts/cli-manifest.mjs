// Writes packages/cli/dist/cli-manifest.json for the built CLI's fast start (packages/cli/src/launch.ts): the
// version, the exact `--help` text, and for each top-level command the one built module whose register function
// adds it, kept only where that function alone builds the same command (same help text, the command's and every
// subcommand's) as the full program. A command that several register functions build together (`tourism`: its own
// module and tourismOrbital's) gets all of them, in file order, under `more`, when together they build the same.
// Run by scripts/build.mjs as: node --conditions=skylane-dist scripts/cli-manifest.mjs
/* global process */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/cli/dist');
const { buildProgram, runCli } = await import(pathToFileURL(path.join(DIST, 'main.js')).href);
const { createProgram, CLI_VERSION } = await import(pathToFileURL(path.join(DIST, 'program.js')).href);

/** The help text of a command and of all its subcommands, depth first. */
const helpTree = (c) => [c.helpInformation(), ...c.commands.map(helpTree)].join('\f');

const reference = new Map();
for (const c of buildProgram().commands) for (const n of [c.name(), ...c.aliases()]) reference.set(n, helpTree(c));

const commands = {};
const ambiguous = new Set();
/** Every register function that adds a command of this name (whether or not alone it builds the same). */
const adders = new Map();
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
        adders.set(n, [...(adders.get(n) ?? []), { module: `./commands/${file}`, register: name, fn }]);
        if (reference.get(n) !== helpTree(c)) continue;
        if (commands[n] !== undefined) ambiguous.add(n);
        commands[n] = { module: `./commands/${file}`, register: name };
      }
    }
  }
}
for (const n of ambiguous) delete commands[n];
for (const [n, list] of adders) {
  if (commands[n] !== undefined || ambiguous.has(n) || list.length < 2 || !reference.has(n)) continue;
  const program = createProgram();
  try {
    for (const a of list) a.fn(program);
  } catch {
    continue;
  }
  const c = program.commands.find((x) => x.name() === n || x.aliases().includes(n));
  if (c === undefined || helpTree(c) !== reference.get(n)) continue;
  const [first, ...more] = list.map(({ module, register }) => ({ module, register }));
  commands[n] = { ...first, more };
}

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
