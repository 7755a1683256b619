// The dependency rule of ARCHITECTURE.md, checked on the sources: core imports nothing of ours or of the UI,
// app imports no UI, the renderer touches no Node API and imports only types from app/contract.
// (Imports across layer folders also fail to compile: each layer is its own TypeScript project.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './support/paths';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') out.push(...sources(p));
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = fs.readFileSync(file, 'utf8');
  const re = /^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  const out: { spec: string; typeOnly: boolean }[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ spec: (m[2] ?? m[3] ?? m[4] ?? m[5])!, typeOnly: Boolean(m[1]) });
  return out;
}

const uiPackages = /^(electron|react|react-dom|zustand)(\/|$)/;

function violations(layer: string, rule: (spec: string, typeOnly: boolean, file: string) => string | null): string[] {
  const found: string[] = [];
  for (const file of sources(path.join(projectRoot, layer))) {
    if (file.endsWith('.test.ts')) continue;
    for (const { spec, typeOnly } of imports(file)) {
      const why = rule(spec, typeOnly, file);
      if (why) found.push(`${path.relative(projectRoot, file)}: ${spec} (${why})`);
    }
  }
  return found;
}

function escapesTo(file: string, spec: string, folders: string[]): boolean {
  if (!spec.startsWith('.')) return false;
  const rel = path.relative(projectRoot, path.resolve(path.dirname(file), spec));
  return folders.some((f) => rel === f || rel.startsWith(`${f}${path.sep}`));
}

test('core depends on nothing of ours and no UI or HTTP framework', () => {
  assert.deepEqual(violations('core', (spec, _t, file) => (uiPackages.test(spec) ? 'UI package' : escapesTo(file, spec, ['app', 'main', 'renderer']) ? 'outer layer' : /^(express|fastify|koa)$/.test(spec) ? 'HTTP framework' : null)), []);
});

test('app depends on core only, never on the UI', () => {
  assert.deepEqual(violations('app', (spec, _t, file) => (uiPackages.test(spec) ? 'UI package' : escapesTo(file, spec, ['main', 'renderer']) ? 'outer layer' : null)), []);
});

test('the renderer uses no Node API and only types from app/contract', () => {
  assert.deepEqual(
    violations('renderer', (spec, typeOnly, file) => {
      if (/^(node:|fs$|path$|child_process$|electron|graphene-pk11|pkcs11js)/.test(spec)) return 'Node or native API';
      if (escapesTo(file, spec, ['core', 'main'])) return 'not the contract';
      if (escapesTo(file, spec, ['app'])) return escapesTo(file, spec, ['app/contract']) && typeOnly ? null : 'only type imports from app/contract';
      return null;
    }),
    [],
  );
});
