// Runs the Electron main process and preload when an Electron binary is installed; reports a skip otherwise
// (the binary cannot be downloaded everywhere: see README).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './support/paths';

function electronBinary(): string | null {
  try {
    const bin: unknown = require('electron');
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();

test('Electron window loads the UI with the contract exposed by the preload', { skip: bin ? false : 'SKIPPED: no Electron binary installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); install with ROOTSMITH_WITH_ELECTRON=1 ./scripts/setup to run it' }, async () => {
  const { _electron } = await import('playwright-core');
  const app = await _electron.launch({ executablePath: bin!, args: [projectRoot], env: { ...process.env, ELECTRON_DISABLE_SECURITY_WARNINGS: '1' } as Record<string, string> });
  try {
    const win = await app.firstWindow();
    await win.getByRole('heading', { name: 'Keys', level: 1 }).waitFor();
    const exposed = await win.evaluate(() => typeof (window as unknown as { rootsmith?: { system?: unknown } }).rootsmith?.system);
    assert.equal(exposed, 'object');
    const nodeVisible = await win.evaluate(() => typeof (globalThis as { require?: unknown }).require);
    assert.equal(nodeVisible, 'undefined', 'no Node integration in the renderer');
    // Sandboxed and context-isolated: the page sees neither Node's process object nor the preload's scope.
    const processVisible = await win.evaluate(() => typeof (globalThis as { process?: unknown }).process);
    assert.equal(processVisible, 'undefined');
  } finally {
    await app.close();
  }
});

test('Electron main and preload are built from the contract', () => {
  assert.ok(fs.existsSync(path.join(projectRoot, 'dist', 'main', 'main.js')));
  const preload = fs.readFileSync(path.join(projectRoot, 'dist', 'main', 'preload.js'), 'utf8');
  assert.match(preload, /rootsmith:invoke/);
  assert.match(preload, /exposeInMainWorld/);
});
