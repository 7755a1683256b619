// Drives the Keys screen in Chromium through the web host: create a rehearsal token, log in, generate a key,
// and see it listed, non-extractable, with its fingerprint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { screenshot } from '../support/browser';
import { openPage, startGuiHarness, type GuiHarness } from '../support/gui-harness';

let gui: GuiHarness;

before(async () => {
  gui = await startGuiHarness('rs-e2e-keys-');
});

after(async () => {
  await gui?.close();
});

test('Keys screen: rehearsal token, login, generate, fingerprint', async () => {
  const { page, pageErrors } = await openPage(gui, 900);
  await page.goto(gui.host.launchUrl);
  await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor();
  assert.ok(!page.url().includes('token='), 'the launch token is removed from the address bar');

  await page.getByRole('button', { name: 'Create a rehearsal token…' }).click();
  await page.getByLabel('Token label').fill('e2e-token');
  await page.getByLabel('User PIN').fill('1234-user');
  await page.getByLabel('Security officer PIN').fill('1234-so-pin');
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByRole('heading', { name: 'Token “e2e-token”' }).waitFor();

  // Log in is disabled until a PIN is typed, and says so.
  assert.equal(await page.getByRole('button', { name: 'Log in' }).isDisabled(), true);
  assert.equal(await page.getByTestId('login-missing').innerText(), 'Enter the User PIN to log in.');
  // A wrong PIN is shown as a readable error with its code.
  await page.getByLabel('User PIN for "e2e-token"').fill('wrong-pin');
  await page.getByRole('button', { name: 'Log in' }).click();
  const banner = page.getByTestId('error-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /PIN_INCORRECT/);
  assert.equal(await page.getByLabel('User PIN for "e2e-token"').inputValue(), '', 'the PIN field is cleared after use');
  await screenshot(page, 'keys-wrong-pin');

  await page.getByLabel('User PIN for "e2e-token"').fill('1234-user');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();

  assert.equal(await page.getByTestId('generate-missing').innerText(), 'Give the key a label to generate it.');
  await page.getByLabel('Key label').fill('root-ca-key');
  assert.equal(await page.getByTestId('generate-missing').count(), 0);
  await page.getByLabel(/ECDSA P-384/).check();
  await page.getByRole('button', { name: 'Generate inside the token' }).click();
  const card = page.getByTestId('key-card').filter({ hasText: 'root-ca-key' });
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, /ecdsa-p384/);
  assert.match(text, /non-extractable/);
  assert.match(text, /pkcs11:/);
  const hex = (await card.getByLabel('SHA-256 fingerprint').innerText()).replace(/\s+/g, '');
  assert.match(hex, /^[0-9a-f]{64}$/);
  assert.ok((await card.getByLabel('Fingerprint words').innerText()).split(/\s+/).length >= 4);
  await page.getByText('read this fingerprint aloud').waitFor();
  await page.getByTestId('progress').getByText('generated; its private key cannot leave the token').waitFor();
  const shot = await screenshot(page, 'keys-generated');
  assert.ok(fs.statSync(shot).size > 10_000);

  // A second key with the same label is refused, not overwritten.
  await page.getByLabel('Key label').fill('root-ca-key');
  await page.getByRole('button', { name: 'Generate inside the token' }).click();
  await banner.waitFor();
  assert.match(await banner.innerText(), /KEY_LABEL_EXISTS/);
  assert.equal(await page.getByTestId('key-card').filter({ hasText: 'root-ca-key' }).count(), 1);
  assert.deepEqual(pageErrors, []);
});
