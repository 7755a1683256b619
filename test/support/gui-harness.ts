// The GUI under test: a backend with its own ROOTSMITH_HOME, the web host serving the built renderer, and Debian's
// Chromium. One per e2e test file; `close` undoes everything.
import type { Browser, Page } from 'playwright-core';
import { createBackend, type Backend } from '../../app/services';
import { startWebHost, type WebHost } from '../../app/web-host/server';
import { launchChromium } from './browser';
import { rendererDir } from './paths';
import { makeTempDir } from './temp-dir';

export interface GuiHarness {
  home: string;
  backend: Backend;
  host: WebHost;
  browser: Browser;
  close(): Promise<void>;
}

export async function startGuiHarness(prefix: string): Promise<GuiHarness> {
  const home = makeTempDir(prefix);
  process.env.ROOTSMITH_HOME = home.dir;
  delete process.env.SOFTHSM2_CONF;
  const backend = createBackend('web-host');
  const host = await startWebHost({ registry: backend.registry, progress: backend.progress, rendererDir });
  const browser = await launchChromium();
  return {
    home: home.dir,
    backend,
    host,
    browser,
    close: async () => {
      await browser.close();
      await host.close();
      // Services a test started from the GUI (TSA, log, the whole stack) are stopped with the backend.
      backend.dispose();
      home.cleanup();
    },
  };
}

/** The value of a backend call made to set a test up; its message as an error when the call was refused. */
export function ok<T>(x: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!x.ok) throw new Error(x.error.message);
  return x.value;
}

/** A new 1280-wide page of the GUI that records uncaught page errors in `pageErrors` (tests assert it stays empty). */
export async function openPage(gui: GuiHarness, height: number, pageErrors: string[] = []): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await gui.browser.newPage({ viewport: { width: 1280, height } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { page, pageErrors };
}
