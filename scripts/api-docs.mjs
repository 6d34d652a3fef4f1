#!/usr/bin/env node
// Generates the API reference (docs/api/<package>.md) from the doc comments of every symbol each package's index.ts
// exports, with the TypeScript compiler API (typedoc is not among the pinned dependencies): grouped by source folder,
// each symbol with its kind, its signature or type as the checker prints it, and its doc comment.
//
// Usage: node scripts/api-docs.mjs      (npm run docs:api)
/* global process */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = [
  { name: '@skylane/core', dir: 'packages/core', file: 'core.md' },
  { name: '@skylane/server', dir: 'packages/server', file: 'server.md' },
];
const MAX_TYPE = 400;

function kindOf(decl) {
  if (ts.isFunctionDeclaration(decl)) return 'function';
  if (ts.isClassDeclaration(decl)) return 'class';
  if (ts.isInterfaceDeclaration(decl)) return 'interface';
  if (ts.isTypeAliasDeclaration(decl)) return 'type';
  if (ts.isEnumDeclaration(decl)) return 'enum';
  if (ts.isVariableDeclaration(decl)) return (decl.parent.flags & ts.NodeFlags.Const) !== 0 ? 'const' : 'let';
  if (ts.isModuleDeclaration(decl)) return 'namespace';
  return 'symbol';
}

const clip = (s) => (s.length > MAX_TYPE ? `${s.slice(0, MAX_TYPE)} …` : s);
const oneLine = (s) => s.replace(/\s+/g, ' ').trim();

function docOf(symbol, checker) {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const tags = symbol
    .getJsDocTags(checker)
    .filter((t) => t.name !== 'internal')
    .map((t) => `@${t.name}${t.text ? ` ${ts.displayPartsToString(t.text)}` : ''}`);
  return [text, ...tags].filter((s) => s !== '').join('\n\n');
}

function signatureOf(symbol, decl, checker) {
  const kind = kindOf(decl);
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
  if (kind === 'function') {
    const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
    return type.getCallSignatures().map((s) => `function ${symbol.name}${clip(checker.signatureToString(s, decl, flags))}`);
  }
  if (kind === 'const' || kind === 'let') return [`${kind} ${symbol.name}: ${clip(checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, decl), decl, flags))}`];
  if (kind === 'type') return [clip(oneLine(decl.getText()))];
  return [];
}

function membersOf(symbol, decl, checker) {
  if (!ts.isClassDeclaration(decl) && !ts.isInterfaceDeclaration(decl)) return [];
  const out = [];
  for (const m of decl.members) {
    const name = m.name === undefined ? (ts.isConstructorDeclaration(m) ? 'constructor' : undefined) : m.name.getText();
    if (name === undefined) continue;
    const mods = ts.canHaveModifiers(m) ? (ts.getModifiers(m) ?? []) : [];
    if (mods.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword) || name.startsWith('#')) continue;
    const text = clip(oneLine(m.getText().replace(/\{[\s\S]*$/, '').replace(/;$/, '')));
    const sym = checker.getSymbolAtLocation(m.name ?? m);
    const doc = sym === undefined ? '' : ts.displayPartsToString(sym.getDocumentationComment(checker)).trim();
    out.push(`- \`${text}\`${doc === '' ? '' : `: ${oneLine(doc)}`}`);
  }
  return out;
}

export function apiMarkdown(pkg) {
  const { config } = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const entry = path.join(ROOT, pkg.dir, 'src/index.ts');
  const program = ts.createProgram([entry], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry));
  const groups = new Map();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = (exported.flags & ts.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.[0];
    if (decl === undefined) continue;
    const file = path.relative(path.join(ROOT, pkg.dir, 'src'), decl.getSourceFile().fileName);
    const group = path.dirname(file) === '.' ? '(root)' : path.dirname(file);
    const lines = [`### ${exported.name}`, '', `*${kindOf(decl)}*, \`src/${file}\``, ''];
    const sig = signatureOf(symbol, decl, checker);
    if (sig.length > 0) lines.push('```ts', ...sig, '```', '');
    const doc = docOf(symbol, checker);
    lines.push(doc === '' ? '(no doc comment)' : doc, '');
    const members = membersOf(symbol, decl, checker);
    if (members.length > 0) lines.push(...members, '');
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push({ name: exported.name, text: lines.join('\n') });
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  const count = sorted.reduce((n, [, items]) => n + items.length, 0);
  const undocumented = sorted.reduce((n, [, items]) => n + items.filter((i) => i.text.includes('(no doc comment)')).length, 0);
  const out = [
    `# ${pkg.name} API reference`,
    '',
    `Generated by \`npm run docs:api\` (scripts/api-docs.mjs) from the doc comments of the ${count} symbols that \`${pkg.dir}/src/index.ts\` exports (${undocumented} without a doc comment); do not edit by hand.`,
    '',
    ...sorted.map(([group, items]) => `- [${group}](#${group.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}) (${items.length})`),
    '',
  ];
  for (const [group, items] of sorted) {
    out.push(`## ${group}`, '');
    for (const item of items.sort((a, b) => a.name.localeCompare(b.name))) out.push(item.text);
  }
  return { text: `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`, count, undocumented };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.join(ROOT, 'docs/api');
  fs.mkdirSync(dir, { recursive: true });
  for (const pkg of PACKAGES) {
    const { text, count, undocumented } = apiMarkdown(pkg);
    fs.writeFileSync(path.join(dir, pkg.file), text);
    process.stderr.write(`docs:api: ${pkg.name}: ${count} symbols (${undocumented} without a doc comment) → docs/api/${pkg.file}\n`);
  }
}
