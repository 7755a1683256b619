// Loads a pure renderer module into a Node test: bundled by esbuild for the browser platform (as the renderer
// bundle takes it, so any Node API it touched would fail the build), then required from a temp file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { projectRoot } from './paths';

export function loadRendererModule<T>(relativePath: string): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-renderer-mod-'));
  try {
    const outfile = path.join(dir, 'module.cjs');
    buildSync({ entryPoints: [path.join(projectRoot, 'renderer', relativePath)], outfile, bundle: true, format: 'cjs', platform: 'browser', logLevel: 'silent' });
    return require(outfile) as T;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
