// `rootsmith gui`: the app without Electron: the web host on 127.0.0.1, opened in Chromium's app mode when a
// display is available, else the URL (with its launch token) printed, serving until stopped.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Backend } from '../../services';
import { projectRoot } from '../../services/version';
import { findChromium, hasDisplay, openAppWindow } from '../../web-host/browser';
import { startWebHost } from '../../web-host/server';
import { UsageError } from '../errors';

export const guiUsage = `rootsmith gui [--port N] [--no-open] [--json]
                                                             serve the GUI on 127.0.0.1 (used by npm start without Electron)`;

export async function runGui(argv: string[], backend: Backend): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, 'no-open': { type: 'boolean' }, json: { type: 'boolean' } }, strict: true });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a TCP port number.');
  const rendererDir = path.join(projectRoot(), 'dist', 'renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new UsageError('The GUI is not built: run `npm run build` first.');
  const host = await startWebHost({ registry: backend.registry, progress: backend.progress, rendererDir, port });
  const browser = findChromium();
  const open = !values['no-open'] && hasDisplay() && browser !== null;
  if (values.json) process.stdout.write(`${JSON.stringify({ gui: host.launchUrl })}\n`);
  else process.stdout.write(`Rootsmith is serving its GUI at:\n  ${host.launchUrl}\nOnly this machine can reach it, and only with the token in that URL. Stop with Ctrl+C.\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (open) {
      const { child, profileDir } = openAppWindow(browser, host.launchUrl);
      child.on('exit', () => {
        fs.rmSync(profileDir, { recursive: true, force: true });
        stop();
      });
    }
  });
  await host.close();
}
