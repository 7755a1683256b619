// Drives the Services screen in Chromium through the web host: start the whole private Sigstore (Start locked
// while it starts, the typed directory honoured, a stale error cleared), see every service up, and rehearse:
// sign a file with the real client through it and see the bundle decoded and verified. Then the Timestamps and
// Log screens use that same stack's TSA and log (no second TSA, no "embedded log not running").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { openPage, startGuiHarness, type GuiHarness } from '../support/gui-harness';

let gui: GuiHarness;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  gui = await startGuiHarness('rs-e2e-services-');
  ({ page } = await openPage(gui, 1000, pageErrors));
  await page.goto(gui.host.launchUrl);
});

after(async () => {
  await gui?.backend.registry.call('stack', 'stop', {});
  await gui?.close();
});

const nav = (name: string) => page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name });
const RELEASE = Buffer.from('the bytes of a release');

test('Services screen: start the stack, rehearse a signature, see it verified', async () => {
  await nav('Services').click();
  await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();

  // A start that fails (the directory is a file) leaves an error banner...
  const notADir = path.join(gui.home, 'a-file');
  fs.writeFileSync(notADir, 'not a directory');
  await page.getByLabel(/Data directory/).fill(notADir);
  await page.getByRole('button', { name: 'Start all services' }).click();
  await page.getByTestId('error-banner').waitFor({ timeout: 60_000 });

  // ...then a start in the typed directory: locked while it runs, the busy line shown, the banner gone once up.
  const dir = path.join(gui.home, 'stack');
  await page.getByLabel(/Data directory/).fill(dir);
  await page.getByRole('button', { name: 'Start all services' }).click();
  const starting = page.getByRole('button', { name: 'Starting…' });
  await starting.waitFor();
  assert.equal(await starting.isDisabled(), true, 'Start cannot be clicked a second time while starting');
  assert.equal(await page.getByLabel(/Data directory/).isDisabled(), true, 'the directory cannot change under a running start');
  assert.match(await page.getByTestId('services-busy').innerText(), /Starting the log, TSA, CA/);
  await screenshot(page, 'services-starting');
  for (const name of ['log', 'tsa', 'ca', 'oidc', 'tuf']) {
    await page.getByTestId(`service-${name}`).getByText('up').waitFor({ timeout: 60_000 });
  }
  assert.match(await page.getByText(/^Running from/).innerText(), new RegExp(`Running from ${dir.replace(/[/.]/g, '\\$&')}`));
  assert.equal(await page.getByTestId('error-banner').count(), 0, 'the failed start is no longer reported');
  assert.equal(await page.getByTestId('services-busy').count(), 0);
  assert.match(await page.getByTestId('service-oidc').innerText(), /rehearsals only/);
  await screenshot(page, 'services-running');

  // A mistyped identity is said in words at the field, before anything is sent.
  await page.getByLabel('File to sign').setInputFiles({ name: 'release.tar.gz', mimeType: 'application/octet-stream', buffer: RELEASE });
  await page.getByLabel(/Identity \(email\)/).fill('alice at example');
  await page.getByRole('button', { name: 'Sign and verify' }).click();
  assert.equal(await page.locator('#rehearse-email-error').innerText(), '"alice at example" is not an email address. The test OIDC issuer vouches for an email identity, such as alice@example.com.');
  assert.equal(await page.getByTestId('error-banner').count(), 0);

  await page.getByLabel(/Identity \(email\)/).fill('alice@example.com');
  await page.getByRole('button', { name: 'Sign and verify' }).click();
  const result = page.getByTestId('rehearsal-result');
  await result.waitFor({ timeout: 60_000 });
  const text = await result.innerText();
  assert.match(text, /Verified/);
  assert.match(text, /signed by alice@example\.com/);
  assert.match(text, /Artifact SHA-256: [0-9a-f]{64}/);
  assert.doesNotMatch(text, /SHA2_256/);
  assert.match(text, /Logged as entry 0 \(.*\) at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  assert.match(text, /Timestamped at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  assert.match(text, /email: alice@example\.com/);
  await screenshot(page, 'services-rehearsal');
  assert.match(await page.getByTestId('service-log').innerText(), /1/);
  assert.deepEqual(pageErrors, []);
});

/** A self-signed root no TSA here chains to, made by openssl. */
function otherRootPem(): string {
  const dir = fs.mkdtempSync(path.join(gui.home, 'other-root-'));
  const cert = path.join(dir, 'root.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', cert, '-subj', '/CN=Some Other Root', '-days', '2'], { stdio: 'ignore' });
  return fs.readFileSync(cert, 'utf8');
}

async function stackUrl(name: string): Promise<string> {
  const r = await gui.backend.registry.call('stack', 'status', {});
  assert.ok(r.ok);
  return r.value.services.find((s) => s.name === name)!.url;
}

test('Timestamps screen uses the running stack\'s TSA; Verify says what it needs and why a token fails', async () => {
  const tsaUrl = await stackUrl('tsa');
  await nav('Timestamps').click();
  await page.getByRole('heading', { name: 'Timestamp authority of the Services stack' }).waitFor();
  assert.equal(await page.getByTestId('tsa-url').innerText(), tsaUrl);
  assert.equal(await page.getByRole('button', { name: 'Start the timestamp authority' }).count(), 0, 'no second TSA is offered');
  assert.match(await page.getByTestId('tsa-from-stack').innerText(), /Stop it on the Services screen/);
  assert.ok(await page.getByText(`TSA URL (empty: the Services TSA at ${tsaUrl})`).isVisible());

  // Verify is disabled, and says why.
  const verifyButton = page.getByRole('button', { name: 'Verify timestamp token' });
  assert.equal(await verifyButton.isDisabled(), true);
  assert.equal(
    await page.getByTestId('verify-missing').innerText(),
    'To verify, choose the timestamp token (.tsr) file; choose the file the timestamp token is for; paste the trusted TSA chain (PEM certificates, root last).',
  );

  await page.getByLabel('File to timestamp').setInputFiles({ name: 'release.tar.gz', mimeType: 'application/gzip', buffer: RELEASE });
  await page.getByRole('button', { name: 'Timestamp file' }).click();
  await page.getByTestId('decoded-token').waitFor();
  assert.match(await page.getByRole('status').filter({ hasText: 'timestamped by' }).innerText(), new RegExp(`release\\.tar\\.gz timestamped by ${tsaUrl.replace(/[/.]/g, '\\$&')}`));
  assert.match(await page.getByTestId('token-gentime').innerText(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  assert.ok(await page.getByRole('link', { name: 'Save timestamp token (.tsr)' }).isVisible());

  await page.getByLabel('File the timestamp token is for').setInputFiles({ name: 'release.tar.gz', mimeType: 'application/gzip', buffer: RELEASE });
  await page.getByLabel(/Trusted TSA chain/).fill('not a certificate');
  assert.match(await page.getByTestId('verify-missing').innerText(), /the trusted chain holds no PEM certificate/);
  await page.getByRole('button', { name: 'Use the chain of the Services TSA' }).click();
  assert.equal(await page.getByTestId('verify-missing').count(), 0);
  await verifyButton.click();
  await page.getByTestId('verify-result').getByText('Timestamp token verified').waitFor();

  // A chain that is not this TSA's: the failure names the signer and the trusted root.
  await page.getByLabel(/Trusted TSA chain/).fill(otherRootPem());
  await verifyButton.click();
  const failure = page.getByTestId('verify-failure');
  await failure.waitFor();
  const chainText = await failure.innerText();
  assert.match(chainText, /CHAIN_INVALID/);
  assert.match(chainText, /Signed by: .*Rootsmith rehearsal TSA/);
  assert.match(chainText, /Trusted root \(the last certificate of the chain given\): .*CN=Some Other Root/);
  await failure.scrollIntoViewIfNeeded();
  await screenshot(page, 'timestamps-stack-chain-invalid');

  // A file that is not a timestamp token: named, with what to do.
  await page.getByLabel('A timestamp token file (.tsr)').check();
  await page.getByLabel('Timestamp token file (.tsr)', { exact: true }).setInputFiles({ name: 'release.tar.gz', mimeType: 'application/gzip', buffer: RELEASE });
  await page.getByRole('button', { name: 'Use the chain of the Services TSA' }).click();
  await verifyButton.click();
  await page.getByTestId('verify-failure').getByText('TOKEN_INVALID').waitFor();
  assert.match(await page.getByTestId('verify-failure').innerText(), /not one \(neither an RFC 3161 TimeStampResp nor a TimeStampToken\): give the \.tsr file a TSA returned/);
  assert.match(await page.getByTestId('verify-advice').innerText(), /^release\.tar\.gz is not a timestamp token \(\.tsr\)\. Choose the \.tsr file a TSA returned/);
  await page.getByTestId('verify-failure').scrollIntoViewIfNeeded();
  await screenshot(page, 'timestamps-stack-token-invalid');
  assert.deepEqual(pageErrors, []);
});

test('Log screen explores the running stack\'s log: full hashes, UTC times, a failed search clears the last result', async () => {
  const logUrl = await stackUrl('log');
  await nav('Log').click();
  await page.getByRole('heading', { name: 'Log explorer', level: 1 }).waitFor();
  await page.getByText('Services log running').waitFor();
  assert.ok(await page.getByText(`Log URL (Rekor v1 API); leave empty for the Services log at ${logUrl}`).isVisible());
  assert.equal(await page.getByRole('button', { name: 'Start the embedded log' }).count(), 0, 'no second log is offered');
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByTestId('log-size').getByText('1', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('error-banner').count(), 0);

  // The checkpoint root in full (64 hex digits, selectable), the time seen in UTC.
  const history = page.getByRole('table', { name: 'Checkpoint history' });
  assert.match(await history.innerText(), /\b[0-9a-f]{64}\b/);
  assert.doesNotMatch(await history.innerText(), /…/);
  assert.match(await history.innerText(), /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);

  const search = page.getByLabel(/Index, entry UUID/);
  await search.fill('0');
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByRole('region', { name: 'Search results' });
  await results.getByText('read as index: 1 entry').waitFor();
  await results.getByRole('button', { name: '#0' }).click();
  const detail = page.getByTestId('entry-detail');
  await detail.getByRole('heading', { name: 'Entry #0' }).waitFor();
  const detailText = await detail.innerText();
  assert.match(detailText, /Log ID\s+[0-9a-f]{64}/);
  assert.match(detailText, /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  await screenshot(page, 'log-stack-entry');

  await search.fill('not a query');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByTestId('error-banner').getByText('SEARCH_UNSUPPORTED').waitFor();
  assert.equal(await results.count(), 0, 'the previous result is gone');
  await screenshot(page, 'log-stack-failed-search');
  assert.deepEqual(pageErrors, []);
});

test('keyboard: a skip link to the screen, and choosing a screen moves focus to its heading', async () => {
  // A fresh window: focus starts at the top of the page.
  ({ page } = await openPage(gui, 800, pageErrors));
  await page.goto(gui.host.launchUrl);
  await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the screen' });
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true, 'the skip link is the first Tab stop');
  assert.equal(await skip.isVisible(), true);
  await screenshot(page, 'shell-skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Keys');

  await nav('Timestamps').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Timestamps', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`), 'H1 Timestamps');
  assert.deepEqual(pageErrors, []);
});
