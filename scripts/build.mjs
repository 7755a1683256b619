// Builds everything: the TypeScript projects (tsc -b, which also enforces the layer rule), the renderer bundle
// and the sandboxed preload bundle.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

const step = (what) => process.stderr.write(`build: ${what}\n`);

step('type-checking and compiling (tsc -b)');
execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', root], { stdio: 'inherit', cwd: root });

step('bundling the renderer');
const rendererOut = path.join(dist, 'renderer');
fs.mkdirSync(rendererOut, { recursive: true });
await esbuild.build({
  entryPoints: [path.join(root, 'renderer', 'main.tsx')],
  outfile: path.join(rendererOut, 'app.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome120'],
  jsx: 'automatic',
  minify: true,
  sourcemap: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
fs.copyFileSync(path.join(root, 'renderer', 'index.html'), path.join(rendererOut, 'index.html'));
fs.copyFileSync(path.join(root, 'renderer', 'styles.css'), path.join(rendererOut, 'app.css'));

step('bundling the Electron preload');
await esbuild.build({
  entryPoints: [path.join(root, 'main', 'preload.ts')],
  outfile: path.join(dist, 'main', 'preload.js'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  external: ['electron'],
  target: ['node20'],
  logLevel: 'warning',
});
step('done');
