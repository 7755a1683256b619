// `npm start`: Electron when its binary is present; otherwise the web host, opened in Chromium's app mode when a
// display is available, or printing its URL and serving until stopped. The same UI either way.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const bin = require('electron');
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
  process.stderr.write('Rootsmith is not built yet: run `npm run setup` first.\n');
  process.exit(1);
}
const electron = electronBinary();
const child = electron
  ? spawn(electron, [root, ...process.argv.slice(2)], { stdio: 'inherit' })
  : spawn(process.execPath, [path.join(root, 'bin', 'rootsmith.js'), 'gui', ...process.argv.slice(2)], { stdio: 'inherit' });
if (!electron) process.stderr.write('No Electron binary here: starting the web host instead.\n');
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
