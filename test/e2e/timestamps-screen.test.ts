// Drives the Timestamps area in Chromium through the web host: start the embedded TSA, timestamp a picked file,
// read the decoded token, verify it against the TSA's chain, and see a token for other data refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { screenshot } from '../support/browser';
import { openPage, startGuiHarness, type GuiHarness } from '../support/gui-harness';

let gui: GuiHarness;

before(async () => {
  gui = await startGuiHarness('rs-e2e-tsa-');
});

after(async () => {
  await gui?.backend.registry.call('tsa', 'stop', {});
  await gui?.close();
});

const RELEASE = Buffer.from('rootsmith-1.0.0.tar.gz, in spirit\n');

test('Timestamps screen: start the TSA, timestamp a file, decode and verify the token', async () => {
  const { page, pageErrors } = await openPage(gui, 1000);
  await page.goto(gui.host.launchUrl);
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Timestamps' }).click();
  await page.getByRole('heading', { name: 'Timestamps', level: 1 }).waitFor();

  // Nothing runs yet: the stamp button says what it lacks.
  assert.equal(await page.getByRole('button', { name: 'Timestamp file' }).isDisabled(), true);
  assert.equal(await page.locator('#stamp-missing').innerText(), 'Choose a file to timestamp.');
  await page.getByRole('button', { name: 'Start the timestamp authority' }).click();
  const url = page.getByTestId('tsa-url');
  await url.waitFor();
  assert.match(await url.innerText(), /^http:\/\/127\.0\.0\.1:\d+$/);
  const chain = page.getByRole('list', { name: 'TSA certificate chain' });
  assert.match(await chain.innerText(), /Rootsmith rehearsal TSA[\s\S]*root/);
  assert.equal(await page.getByTestId('tsa-issued').innerText(), '0');
  await screenshot(page, 'timestamps-running');

  await page.getByLabel('File to timestamp').setInputFiles({ name: 'release.tar.gz', mimeType: 'application/gzip', buffer: RELEASE });
  await page.getByRole('button', { name: 'Timestamp file' }).click();
  const token = page.getByTestId('decoded-token');
  await token.waitFor();
  assert.equal(await token.getByTestId('token-imprint').innerText(), `sha256 ${createHash('sha256').update(RELEASE).digest('hex')}`);
  assert.equal(await token.getByTestId('token-policy').innerText(), '1.3.6.1.4.1.57264.2');
  assert.match(await token.getByTestId('token-signer').innerText(), /Rootsmith rehearsal TSA/);
  assert.match(await token.getByTestId('token-serial').innerText(), /^[0-9a-f]+$/);
  const genTime = Date.parse(await token.getByTestId('token-gentime').innerText());
  assert.ok(Math.abs(genTime - Date.now()) < 120_000, 'genTime is now');
  // The live count follows (polled every 2 s).
  await page.getByTestId('tsa-issued').filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
  await screenshot(page, 'timestamps-stamped');

  await page.getByLabel('File the timestamp token is for').setInputFiles({ name: 'release.tar.gz', mimeType: 'application/gzip', buffer: RELEASE });
  await page.getByRole('button', { name: 'Use the chain of the embedded TSA' }).click();
  await page.getByRole('button', { name: 'Verify timestamp token' }).click();
  const result = page.getByTestId('verify-result');
  await result.waitFor();
  assert.match(await result.innerText(), /Timestamp token verified[\s\S]*Rootsmith rehearsal TSA root/);
  await result.scrollIntoViewIfNeeded();
  await screenshot(page, 'timestamps-verified');

  // The same token for other data is refused, naming why.
  await page.getByLabel('File the timestamp token is for').setInputFiles({ name: 'other.tar.gz', mimeType: 'application/gzip', buffer: Buffer.from('tampered') });
  await page.getByRole('button', { name: 'Verify timestamp token' }).click();
  const banner = page.getByTestId('error-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /IMPRINT_MISMATCH/);
  assert.equal(await result.count(), 0, 'no stale "verified" result is left on screen');
  assert.match(await page.getByTestId('verify-failure').innerText(), /not verified[\s\S]*IMPRINT_MISMATCH[\s\S]*different data/);
  await page.getByTestId('verify-failure').scrollIntoViewIfNeeded();
  await screenshot(page, 'timestamps-wrong-data');
  assert.deepEqual(pageErrors, []);
});
