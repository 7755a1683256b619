// Drives the Services screen in Chromium through the web host: start the whole private Sigstore, see every
// service up, and rehearse: sign a file with the real client through it and see the bundle decoded and verified.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { screenshot } from '../support/browser';
import { startGuiHarness, type GuiHarness } from '../support/gui-harness';

let gui: GuiHarness;

before(async () => {
  gui = await startGuiHarness('rs-e2e-services-');
});

after(async () => {
  await gui?.backend.registry.call('stack', 'stop', {});
  await gui?.close();
});

test('Services screen: start the stack, rehearse a signature, see it verified', async () => {
  const page = await gui.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(gui.host.launchUrl);
  await page.getByRole('button', { name: 'Services' }).click();
  await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
  await page.getByLabel(/Data directory/).fill(path.join(gui.home, 'stack'));
  await page.getByRole('button', { name: 'Start all services' }).click();
  for (const name of ['log', 'tsa', 'ca', 'oidc', 'tuf']) {
    await page.getByTestId(`service-${name}`).getByText('up').waitFor({ timeout: 60_000 });
  }
  assert.match(await page.getByTestId('service-oidc').innerText(), /rehearsals only/);
  await screenshot(page, 'services-running');

  await page.getByLabel('File to sign').setInputFiles({ name: 'release.tar.gz', mimeType: 'application/octet-stream', buffer: Buffer.from('the bytes of a release') });
  await page.getByLabel(/Identity \(email\)/).fill('alice@example.com');
  await page.getByRole('button', { name: 'Sign and verify' }).click();
  const result = page.getByTestId('rehearsal-result');
  await result.waitFor({ timeout: 60_000 });
  const text = await result.innerText();
  assert.match(text, /Verified/);
  assert.match(text, /signed by alice@example\.com/);
  assert.match(text, /Logged as entry 0/);
  assert.match(text, /Timestamped at/);
  assert.match(text, /email: alice@example\.com/);
  await screenshot(page, 'services-rehearsal');
  assert.match(await page.getByTestId('service-log').innerText(), /1/);
  assert.deepEqual(pageErrors, []);
});
