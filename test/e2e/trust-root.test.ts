// Drives the Trust Root screen in Chromium through the web host: a 2-of-3 root signing session with one key on
// a SoftHSM2 token (logged in on the Keys screen), one signature carried in as a file from another machine,
// the diff review and threshold progress on screen, then publishing and a check by the real tuf-js client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { ok, openPage, startGuiHarness, type GuiHarness } from '../support/gui-harness';
import { resultsDir } from '../support/paths';
import { PASS, softwareKey } from '../support/tuf';

const PIN = '1234-alice';
let gui: GuiHarness;
let repo: string;
const keys: Record<string, { key: string; pub: string }> = {};

before(async () => {
  gui = await startGuiHarness('rs-e2e-tuf-');
  repo = path.join(gui.home, 'trust-root');
  const r = gui.backend.registry;
  // Alice's key lives on her token; Bob, Carol, the targets signer and the online keys use key files.
  ok(await r.call('keys', 'createTestToken', { dir: path.join(gui.home, 'hsm'), label: 'alice', pin: PIN, soPin: '1234-so-pin' }));
  ok(await r.call('keys', 'login', { token: 'alice', pin: PIN }));
  const alice = ok(await r.call('keys', 'generate', { token: 'alice', label: 'alice-root', curve: 'p256' }));
  ok(await r.call('keys', 'logout', { token: 'alice' }));
  for (const name of ['bob', 'carol', 'targets', 'snapshot', 'timestamp']) keys[name] = softwareKey(path.join(gui.home, 'keys'), name);
  const pem = (name: string) => fs.readFileSync(keys[name]!.pub, 'utf8');
  ok(
    await r.call('tuf', 'init', {
      dir: repo,
      root: { keys: [{ publicKeyPem: alice.publicKeyPem!, owner: 'alice' }, { publicKeyPem: pem('bob'), owner: 'bob' }, { publicKeyPem: pem('carol'), owner: 'carol' }], threshold: 2 },
      targets: { keys: [{ publicKeyPem: pem('targets'), owner: 'release-team' }], threshold: 1 },
      snapshot: { keys: [{ publicKeyPem: pem('snapshot') }], threshold: 1 },
      timestamp: { keys: [{ publicKeyPem: pem('timestamp') }], threshold: 1 },
    }),
  );
  ok(await r.call('tuf', 'addTarget', { dir: repo, path: 'trusted_root.json', contentBase64: Buffer.from('{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}').toString('base64') }));
});

after(async () => {
  await gui?.close();
});

const progressLine = (page: Page, role: string) => page.getByTestId('threshold').filter({ hasText: `${role} v` }).first().getAttribute('data-line');

test('Trust Root screen: 2-of-3 root signing session, diff review, threshold progress, publish', async () => {
  const { page, pageErrors } = await openPage(gui, 1000);
  await page.goto(gui.host.launchUrl);

  // Alice logs in to her token on the Keys screen.
  await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'alice', exact: true }).click();
  await page.getByLabel('User PIN for "alice"').fill(PIN);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();

  await page.getByRole('button', { name: 'Trust Root' }).click();
  await page.getByRole('heading', { name: 'Trust Root', level: 1 }).waitFor();
  await page.getByLabel('Repository directory').fill(repo);
  await page.getByRole('button', { name: 'Open' }).click();
  const roles = page.getByRole('table', { name: 'Roles' });
  await roles.waitFor();
  assert.match(await roles.innerText(), /root\s+offline\s+2 of 3\s+alice\s*bob\s*carol/);
  const stagedRoot = page.getByRole('article', { name: 'Staged root' });
  assert.match(await stagedRoot.innerText(), /\+ key alice/);
  assert.match(await page.getByRole('table', { name: 'Target changes' }).innerText(), /trusted_root\.json\s+added\s+\d+ bytes\s+[0-9a-f]{64}/);

  await page.getByRole('button', { name: 'Ask for signatures' }).click();
  await page.getByRole('button', { name: 'Review the root v1 request' }).click();
  const review = page.getByRole('region', { name: 'Request review' });
  await review.waitFor();
  const requestFile = path.join(repo, 'staged', 'requests', 'root.request.json');
  const request = JSON.parse(fs.readFileSync(requestFile, 'utf8')) as { payloadSha256: string };
  assert.equal(await page.getByTestId('payload-sha256').innerText(), request.payloadSha256);
  await page.locator('#tuf-sign-label').selectOption('alice-root');
  await screenshot(page, 'trust-root-diff-review');
  await page.getByRole('button', { name: 'Sign root v1' }).click();
  await page.getByText('Signed root v1 as alice').waitFor();
  await page.getByRole('button', { name: 'Import into this repository' }).click();
  await page.getByRole('list', { name: 'Imported signatures' }).waitFor();
  assert.equal(await progressLine(page, 'root'), 'root: 1 of 2, waiting for: bob, carol');
  await page.getByRole('region', { name: 'Signatures' }).screenshot({ path: path.join(resultsDir, 'trust-root-progress-1-of-2.png') });

  // Bob signs on his own machine with the CLI and sends the signature file back.
  const bobDir = path.join(gui.home, 'bob-machine');
  fs.mkdirSync(bobDir);
  fs.copyFileSync(requestFile, path.join(bobDir, 'root.request.json'));
  const bobSig = path.join(bobDir, 'root-bob.sig.json');
  const signed = runCli(['tuf', 'sign', path.join(bobDir, 'root.request.json'), '--key', keys['bob']!.key, '--passphrase-env', 'RS_PASS', '--out', bobSig], { RS_PASS: PASS });
  assert.equal(signed.status, 0, signed.stderr);
  await page.locator('#tuf-sig-files').setInputFiles(bobSig);
  await page.getByText('root-bob.sig.json: root v1 signed by bob').waitFor();
  assert.equal(await progressLine(page, 'root'), 'root: 2 of 2, threshold met');
  assert.equal(await progressLine(page, 'targets'), 'targets: 0 of 1, waiting for: release-team');
  await screenshot(page, 'trust-root-threshold-progress');
  assert.ok(await page.getByRole('button', { name: 'Publish' }).isDisabled(), 'cannot publish before targets is signed');

  // The release team signs targets with a key file.
  await page.getByRole('button', { name: 'Review the targets v1 request' }).click();
  await page.getByRole('region', { name: 'Request review' }).getByText('A key file or PKCS#11 URI').click();
  await page.locator('#tuf-sign-ref').fill(keys['targets']!.key);
  await page.locator('#tuf-sign-secret').fill(PASS);
  await page.getByRole('button', { name: 'Sign targets v1' }).click();
  await page.getByText('Signed targets v1 as release-team').waitFor();
  await page.getByRole('button', { name: 'Import into this repository' }).click();
  await page.getByText('Every threshold is met: ready to publish.').waitFor();

  await page.locator('#tuf-snapshot-ref').fill(keys['snapshot']!.key);
  await page.locator('#tuf-snapshot-secret').fill(PASS);
  await page.locator('#tuf-timestamp-ref').fill(keys['timestamp']!.key);
  await page.locator('#tuf-timestamp-secret').fill(PASS);
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published: root v1').waitFor();
  await screenshot(page, 'trust-root-published');
  assert.match(await page.getByRole('table', { name: 'Roles' }).innerText(), /timestamp\s+online\s+1 of 1/);

  const verified = await gui.backend.registry.call('tuf', 'verify', { root: path.join(repo, 'published', 'metadata', '1.root.json'), repo });
  assert.ok(verified.ok && verified.value.ok && verified.value.engines.tufJs.ok, JSON.stringify(verified));

  // A new signing session from the GUI: refresh the targets role's expiry; the change is staged as targets v2,
  // shown as a diff, and waits for the release team's signature.
  const session = page.getByRole('form', { name: 'New signing session' });
  await session.getByLabel('What changes').selectOption('expiry');
  await session.getByLabel('Role', { exact: true }).selectOption('targets');
  await session.getByLabel(/Valid for/).fill('90');
  await session.getByRole('button', { name: 'Stage this change' }).click();
  await page.getByRole('button', { name: 'Ask for signatures' }).click();
  const staged = page.getByRole('region', { name: 'Staged changes' });
  await staged.getByText(/targets v2/).first().waitFor();
  await page.getByRole('region', { name: 'Signatures' }).getByText(/release-team/).first().waitFor();
  await screenshot(page, 'trust-root-new-session');
  assert.deepEqual(pageErrors, []);
});
