// Drives "Verify a signature" on the Services screen in Chromium through the web host: start the stack, rehearse a
// signature, save its bundle, and verify it with the panel: verified (identity and issuer shown) against the stack's
// trusted root and against a trusted_root.json file; refused, with the reason, for a modified artifact and for
// another identity. The panel calls the same bundle service as `rootsmith verify`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { ok, openPage, startGuiHarness, type GuiHarness } from '../support/gui-harness';

let gui: GuiHarness;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  gui = await startGuiHarness('rs-e2e-verify-');
  ({ page } = await openPage(gui, 1400, pageErrors));
  await page.goto(gui.host.launchUrl);
});

after(async () => {
  await gui?.backend.registry.call('stack', 'stop', {});
  await gui?.close();
});

const nav = (name: string) => page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name });
const RELEASE = Buffer.from('the bytes of release 2.0');
const file = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/octet-stream', buffer });

/** Clicks Verify and returns the new verdict, once the one from the last click (if any) is gone. */
async function verify(): Promise<string> {
  const verdict = page.getByTestId('verify-verdict');
  const last = (await verdict.count()) > 0 ? await verdict.elementHandle() : null;
  await page.getByRole('button', { name: 'Verify signature' }).click();
  await last?.waitForElementState('hidden');
  await verdict.waitFor({ timeout: 60_000 });
  return verdict.innerText();
}

test('Verify a signature: a rehearsed bundle verifies; a modified file and another identity are refused, with why', async () => {
  await nav('Services').click();
  await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
  // Before the stack runs, the panel is there and says what it needs; the stack's trusted root cannot be chosen.
  await page.getByRole('heading', { name: 'Verify a signature' }).waitFor();
  assert.equal(await page.getByRole('radio', { name: /Services stack's trusted root/ }).isDisabled(), true);
  assert.equal(await page.getByRole('radio', { name: /A trusted_root\.json file/ }).isChecked(), true);
  assert.match(await page.getByTestId('verify-bundle-missing').innerText(), /^To verify, choose the bundle/);

  await page.getByRole('button', { name: 'Start all services' }).click();
  for (const name of ['log', 'tsa', 'ca', 'oidc', 'tuf']) {
    await page.getByTestId(`service-${name}`).getByText('up').waitFor({ timeout: 60_000 });
  }
  const status = ok(await gui.backend.registry.call('stack', 'status', {}));
  const oidc = status.announced.oidc!;

  // Rehearse a signature, then save its bundle the way a person would.
  await page.getByLabel('File to sign').setInputFiles(file('release.tar.gz', RELEASE));
  await page.getByRole('button', { name: 'Sign and verify' }).click();
  await page.getByTestId('rehearsal-result').waitFor({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Save the bundle/ }).click()]);
  assert.equal(download.suggestedFilename(), 'release.tar.gz.sigstore.json');
  const bundle = fs.readFileSync((await download.path())!);
  assert.match(JSON.parse(bundle.toString('utf8')).mediaType, /^application\/vnd\.dev\.sigstore\.bundle/);

  // The stack runs: its trusted root is the default, and its test OIDC issuer fills the issuer field.
  assert.equal(await page.getByRole('radio', { name: /Services stack's trusted root/ }).isChecked(), true);
  assert.equal(await page.getByLabel('OIDC issuer that vouched for it').inputValue(), oidc);
  await page.getByLabel('Bundle (.sigstore.json)').setInputFiles(file('release.tar.gz.sigstore.json', bundle));
  await page.getByLabel('File that was signed').setInputFiles(file('release.tar.gz', RELEASE));
  await page.getByLabel(/Signed by \(identity/).fill('alice@example.com');
  const verified = await verify();
  assert.match(verified, new RegExp(`^Verified — signed by alice@example\\.com, issuer ${oidc.replace(/[/.]/g, '\\$&')}$`));
  const result = await page.getByTestId('verify-result').innerText();
  assert.match(result, /release\.tar\.gz is the file that was signed\. Checked against the running Services stack/);
  assert.match(result, /email: alice@example\.com/);
  assert.match(result, /Logged as entry 0 /);
  assert.match(result, /Timestamped at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  await page.getByTestId('verify-result').getByText('Raw bundle (JSON)').click();
  assert.match(await page.getByTestId('verify-result').locator('pre').innerText(), /"mediaType": "application\/vnd\.dev\.sigstore\.bundle/);
  await screenshot(page, 'services-verify-ok');

  // One byte changed in the file: refused, and the reason says the signature does not match it.
  await page.getByLabel('File that was signed').setInputFiles(file('release.tar.gz', Buffer.from('the bytes of release 2.1')));
  const modified = await verify();
  assert.match(modified, /^Refused — The bundle did not verify: the signature does not match the artifact/);
  assert.match(await page.getByTestId('verify-result').innerText(), /Code SIGNATURE_INVALID/);
  await screenshot(page, 'services-verify-modified');

  // The right file, but another identity required: refused as not signed by that identity.
  await page.getByLabel('File that was signed').setInputFiles(file('release.tar.gz', RELEASE));
  await page.getByLabel(/Signed by \(identity/).fill('mallory@example.com');
  const other = await verify();
  assert.match(other, /^Refused — The bundle did not verify: the certificate names a different identity or issuer/);
  const otherText = await page.getByTestId('verify-result').innerText();
  assert.match(otherText, /Required: signed by mallory@example\.com/);
  assert.match(otherText, /Code IDENTITY_MISMATCH/);
  await screenshot(page, 'services-verify-identity');

  // The same bundle against a trusted_root.json file chosen by hand (as with the stack stopped): verified.
  await page.getByLabel(/Signed by \(identity/).fill('alice@example.com');
  await page.getByRole('radio', { name: /A trusted_root\.json file/ }).check();
  await page.getByLabel('trusted_root.json', { exact: true }).setInputFiles(file('trusted_root.json', fs.readFileSync(status.announced.trustedRoot!)));
  assert.match(await verify(), /^Verified — signed by alice@example\.com/);
  assert.match(await page.getByTestId('verify-result').innerText(), /Checked against the trusted root given/);
  assert.equal(await page.getByTestId('error-banner').count(), 0);
  assert.deepEqual(pageErrors, []);
});
