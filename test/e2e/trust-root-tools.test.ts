// Drives the Trust Root screen's signer aids and the tools that were CLI-only, in Chromium through the web host:
// a directory that is not a repository points to the create form; signing requests written earlier are listed
// (with their files) after reopening; the key picker marks keys of the wrong role and picks an allowed one; a
// refused signature is explained next to the Sign button by label and key ID; then expiry listing, refreshing
// the online roles, verifying the published repository from its root file, and discarding a staged change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TufStatus } from '../../app/contract';
import { screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { ok, openPage, startGuiHarness, type GuiHarness } from '../support/gui-harness';
import { PASS, softwareKey } from '../support/tuf';

const PIN = '1234-cer';
let gui: GuiHarness;
let repo: string;
const keys: Record<string, { key: string; pub: string }> = {};

before(async () => {
  gui = await startGuiHarness('rs-e2e-tuf-tools-');
  repo = path.join(gui.home, 'trust-root');
  const r = gui.backend.registry;
  // One token holds a key of another ceremony (listed first: the picker sorts by label) and alice's root key.
  ok(await r.call('keys', 'createTestToken', { dir: path.join(gui.home, 'hsm'), label: 'ceremony', pin: PIN, soPin: '1234-so-pin' }));
  ok(await r.call('keys', 'login', { token: 'ceremony', pin: PIN }));
  ok(await r.call('keys', 'generate', { token: 'ceremony', label: 'ca key', curve: 'p256' }));
  const alice = ok(await r.call('keys', 'generate', { token: 'ceremony', label: 'root-alice', curve: 'p256' }));
  ok(await r.call('keys', 'logout', { token: 'ceremony' }));
  for (const name of ['targets', 'snapshot', 'timestamp']) keys[name] = softwareKey(path.join(gui.home, 'keys'), name);
  const pem = (name: string) => fs.readFileSync(keys[name]!.pub, 'utf8');
  ok(
    await r.call('tuf', 'init', {
      dir: repo,
      root: { keys: [{ publicKeyPem: alice.publicKeyPem!, owner: 'alice' }], threshold: 1 },
      targets: { keys: [{ publicKeyPem: pem('targets'), owner: 'release-team' }], threshold: 1 },
      snapshot: { keys: [{ publicKeyPem: pem('snapshot') }], threshold: 1 },
      timestamp: { keys: [{ publicKeyPem: pem('timestamp') }], threshold: 1 },
    }),
  );
});

after(async () => {
  await gui?.close();
});

test('Trust Root screen: request files after reopening, key picker by role, signing errors by the button, expiry, refresh, verify, discard', async () => {
  const { page, pageErrors } = await openPage(gui, 1000);
  await page.goto(gui.host.launchUrl);
  await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'ceremony', exact: true }).click();
  await page.getByLabel('User PIN for "ceremony"').fill(PIN);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  await page.getByRole('button', { name: 'Trust Root' }).click();
  await page.getByRole('heading', { name: 'Trust Root', level: 1 }).waitFor();

  // #9: a directory that is not a repository: the message points to the create form on this screen, not the CLI.
  const notRepo = path.join(gui.home, 'not-a-repo');
  fs.mkdirSync(notRepo);
  await page.getByLabel('Repository directory').fill(notRepo);
  await page.getByRole('button', { name: 'Open' }).click();
  const problem = page.getByTestId('open-problem');
  await problem.waitFor();
  const problemText = await problem.innerText();
  assert.match(problemText, /REPO_NOT_FOUND[\s\S]*not a Rootsmith TUF repository[\s\S]*"Create a repository" form below/);
  assert.doesNotMatch(problemText, /rootsmith tuf|--repo/, 'no CLI syntax in the GUI');
  assert.equal(await page.getByTestId('error-banner').count(), 0);
  await page.getByRole('button', { name: 'Create a repository in this directory…' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'tuf-create-dir');
  assert.equal(await page.getByLabel('Directory for the new repository').inputValue(), notRepo);
  await screenshot(page, 'trust-root-not-a-repository');

  // #8: write the signing requests, then reopen the screen: the requests are listed with the files to carry.
  await page.getByLabel('Repository directory').fill(repo);
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('table', { name: 'Roles' }).waitFor();
  await page.getByRole('button', { name: 'Ask for signatures' }).click();
  await page.getByRole('button', { name: 'Review the root v1 request' }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Trust Root' }).click();
  await page.getByLabel('Repository directory').fill(repo);
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('table', { name: 'Roles' }).waitFor();
  await page.getByRole('button', { name: 'Review the root v1 request' }).waitFor();
  await page.getByRole('button', { name: 'Review the targets v1 request' }).waitFor();
  const rootRequest = path.join(repo, 'staged', 'requests', 'root.request.json');
  assert.ok(fs.existsSync(rootRequest));
  assert.match(await page.getByRole('article', { name: 'Staged root' }).getByTestId('request-file').innerText(), new RegExp(`Signing request: ${rootRequest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — give this file to each offline signer`));
  await page.getByRole('article', { name: 'Staged targets' }).getByText(path.join(repo, 'staged', 'requests', 'targets.request.json')).waitFor();
  await page.getByRole('region', { name: 'Staged changes' }).screenshot({ path: path.join(path.dirname(await screenshot(page, 'trust-root-reopened-requests')), 'trust-root-request-files.png') });

  // #7: the picker marks the token key that is not a root key and picks alice's root key although it is listed second.
  await page.getByRole('button', { name: 'Review the root v1 request' }).click();
  const review = page.getByRole('region', { name: 'Request review' });
  await review.waitFor();
  const keySelect = page.locator('#tuf-sign-label');
  await page.waitForFunction(() => (document.querySelector('#tuf-sign-label') as HTMLSelectElement | null)?.value === 'root-alice');
  const options = await keySelect.locator('option').allInnerTexts();
  assert.deepEqual(options, ['ca key (ecdsa-p256) — not a root key', 'root-alice (ecdsa-p256) — root key of alice']);
  assert.match(await page.getByTestId('tuf-sign-key-note').innerText(), /root-alice is the root key of alice \(key ID [0-9a-f]{16}…\)/);
  // Choosing the wrong key anyway: the refusal appears by the Sign button, naming the key by label and key ID.
  await keySelect.selectOption('ca key');
  await page.getByTestId('tuf-sign-key-note').getByText('ca key is not one of the root keys: it cannot sign this request.').waitFor();
  const signButton = review.getByRole('button', { name: 'Sign root v1' });
  await signButton.click();
  const signError = review.getByRole('alert').filter({ hasText: 'KEY_NOT_IN_ROLE' });
  await signError.waitFor();
  const errorText = await signError.innerText();
  assert.match(errorText, /The key "ca key" on token "ceremony" \(key ID [0-9a-f]{16}…\) is not one of the root keys, so it may not sign root v1\. Choose one of: alice \(key ID [0-9a-f]{16}…\)\./);
  assert.doesNotMatch(errorText, /pkcs11:|module-path/);
  assert.equal(await page.getByTestId('error-banner').count(), 0, 'the error is by the button, not in the banner at the top');
  const [buttonBox, errorBox] = [await signButton.boundingBox(), await signError.boundingBox()];
  assert.ok(buttonBox && errorBox && errorBox.y >= buttonBox.y && errorBox.y - (buttonBox.y + buttonBox.height) < 60, `error right under the button: ${JSON.stringify({ buttonBox, errorBox })}`);
  await review.screenshot({ path: path.join(path.dirname(await screenshot(page, 'trust-root-sign-wrong-key')), 'trust-root-sign-error-by-button.png') });
  await keySelect.selectOption('root-alice');
  await signButton.click();
  await page.getByText('Signed root v1 as alice').waitFor();
  assert.equal(await review.getByRole('alert').filter({ hasText: 'KEY_NOT_IN_ROLE' }).count(), 0, 'the old error is gone after a good signature');
  await page.getByRole('button', { name: 'Import into this repository' }).click();
  await page.getByRole('list', { name: 'Imported signatures' }).waitFor();

  // Targets with a key file, then publish with the online key files.
  await page.getByRole('button', { name: 'Review the targets v1 request' }).click();
  await review.getByText('A key file or PKCS#11 URI').click();
  await page.locator('#tuf-sign-ref').fill(keys['targets']!.key);
  await page.locator('#tuf-sign-secret').fill(PASS);
  await review.getByRole('button', { name: 'Sign targets v1' }).click();
  await page.getByText('Signed targets v1 as release-team').waitFor();
  await page.getByRole('button', { name: 'Import into this repository' }).click();
  await page.getByText('Every threshold is met: ready to publish.').waitFor();
  await page.locator('#tuf-snapshot-ref').fill(keys['snapshot']!.key);
  await page.locator('#tuf-snapshot-secret').fill(PASS);
  await page.locator('#tuf-timestamp-ref').fill(keys['timestamp']!.key);
  await page.locator('#tuf-timestamp-secret').fill(PASS);
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published: root v1').waitFor();

  // `tuf expiring`: timestamp (7 days) expires within 10 days; the list says who re-signs each role.
  await page.getByLabel('Within (days)').fill('10');
  await page.getByRole('button', { name: 'List what expires' }).click();
  await page.getByText('1 role expires within 10 days: timestamp.').waitFor();
  const rows = await page.getByTestId('expiring-row').allInnerTexts();
  assert.equal(rows.length, 4);
  assert.match(rows[0]!, /^timestamp\s+expires soon\s+v1\s+\S+Z\s+[67]\s+the online keys/);
  assert.ok(rows.some((r) => /^root\s+v1\s+\S+Z\s+36[45]\s+offline signers/.test(r)), rows.join('\n'));
  await page.getByRole('table', { name: 'Published expiry dates' }).screenshot({ path: path.join(path.dirname(await screenshot(page, 'trust-root-expiring')), 'trust-root-expiring-table.png') });

  // `tuf refresh-online`: the online keys re-sign snapshot and timestamp.
  // The keys given the wrong way round first: the refusal appears under the Refresh button, not in the banner.
  const online = page.getByRole('region', { name: 'Online roles' });
  await page.locator('#tuf-refresh-snapshot-ref').fill(keys['timestamp']!.key);
  await page.locator('#tuf-refresh-snapshot-secret').fill(PASS);
  await page.locator('#tuf-refresh-timestamp-ref').fill(keys['snapshot']!.key);
  await page.locator('#tuf-refresh-timestamp-secret').fill(PASS);
  await online.getByRole('button', { name: 'Refresh snapshot and timestamp' }).click();
  await online.getByRole('alert').getByText(/is not a snapshot key/).waitFor();
  assert.match(await online.getByRole('alert').innerText(), /^ONLINE_KEY_MISMATCH The key file timestamp\.key given for snapshot is not a snapshot key of this repository's root/);
  assert.equal(await page.getByTestId('error-banner').count(), 0);
  await online.screenshot({ path: path.join(path.dirname(await screenshot(page, 'trust-root-refresh-wrong-keys')), 'trust-root-refresh-error-by-button.png') });
  await page.locator('#tuf-refresh-snapshot-ref').fill(keys['snapshot']!.key);
  await page.locator('#tuf-refresh-timestamp-ref').fill(keys['timestamp']!.key);
  await online.getByRole('button', { name: 'Refresh snapshot and timestamp' }).click();
  await online.getByText('Refreshed: snapshot v2, timestamp v2').waitFor();
  assert.equal(await online.getByRole('alert').count(), 0, 'the earlier refusal is gone');
  await page.getByTestId('expiring-row').filter({ hasText: /^timestamp\s*expires soon\s*v2/ }).waitFor();
  assert.equal(await page.getByText('Published: root v1').count(), 0, 'the earlier publish notice is gone');
  assert.match(await page.getByRole('table', { name: 'Roles' }).innerText(), /timestamp\s+online\s+1 of 1\s+\S+\s+v2/);
  await online.screenshot({ path: path.join(path.dirname(await screenshot(page, 'trust-root-refreshed')), 'trust-root-refresh-online.png') });

  // `tuf verify`: from root v1, the published repository verifies with Rootsmith's checks and the tuf-js client.
  const verify = page.getByRole('form', { name: 'Verify a published repository' });
  await verify.getByLabel(/Trusted root file/).fill(path.join(repo, 'published', 'metadata', '1.root.json'));
  await verify.getByRole('button', { name: 'Use the open repository' }).click();
  await verify.getByRole('button', { name: 'Verify' }).click();
  const report = page.getByRole('region', { name: 'Verification report' });
  await report.waitFor();
  assert.match(await report.getByRole('status').innerText(), /^Verified: /);
  assert.match(await report.getByRole('table', { name: 'Role signatures' }).innerText(), /timestamp\s+ok\s+v2/);
  assert.match(await page.getByTestId('tufjs-result').innerText(), /tuf-js client: updated to .*timestamp v2/);
  await report.screenshot({ path: path.join(path.dirname(await screenshot(page, 'trust-root-verify')), 'trust-root-verify-report.png') });
  // A tampered root file (its expiry changed after signing): the report says FAILED and why.
  const otherRoot = path.join(gui.home, 'tampered-root.json');
  const rootJson = JSON.parse(fs.readFileSync(path.join(repo, 'published', 'metadata', '1.root.json'), 'utf8')) as { signed: { expires: string } };
  rootJson.signed.expires = '2099-01-01T00:00:00Z';
  fs.writeFileSync(otherRoot, JSON.stringify(rootJson));
  await verify.getByLabel(/Trusted root file/).fill(otherRoot);
  await verify.getByRole('button', { name: 'Verify' }).click();
  await report.getByText(/^Verification FAILED/).waitFor();
  assert.ok((await report.getByRole('list', { name: 'Verification failures' }).locator('li').count()) > 0);

  // `tuf discard`: stage a change, ask, keep it; ask again, discard it: staged metadata and requests are gone.
  const session = page.getByRole('form', { name: 'New signing session' });
  await session.getByLabel('What changes').selectOption('expiry');
  await session.getByLabel('Role', { exact: true }).selectOption('targets');
  await session.getByLabel(/Valid for/).fill('90');
  await session.getByRole('button', { name: 'Stage this change' }).click();
  await page.getByRole('article', { name: 'Staged targets' }).waitFor();
  await page.getByRole('button', { name: 'Ask for signatures' }).click();
  await page.getByRole('button', { name: 'Review the targets v2 request' }).waitFor();
  await page.getByRole('button', { name: 'Discard staged changes…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Discard the staged changes?' });
  await confirm.waitFor();
  assert.match(await confirm.innerText(), /This drops targets v2, their signing requests and every signature imported for them/);
  await page.waitForFunction(() => document.activeElement?.textContent === 'Keep them');
  await screenshot(page, 'trust-root-discard-confirm');
  await confirm.getByRole('button', { name: 'Keep them' }).click();
  await page.getByRole('article', { name: 'Staged targets' }).waitFor();
  await page.getByRole('button', { name: 'Discard staged changes…' }).click();
  await confirm.getByRole('button', { name: 'Discard targets v2' }).click();
  await page.getByText('Nothing staged: the published repository is current.').waitFor();
  assert.equal(await page.getByRole('article', { name: 'Staged targets' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Review the targets v2 request' }).count(), 0);
  assert.equal(fs.existsSync(path.join(repo, 'staged', 'requests', 'targets.request.json')), false);
  const cli = runCli(['tuf', 'status', repo, '--json']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual((cli.json() as TufStatus).staged, [], 'the CLI sees nothing staged either');
  await screenshot(page, 'trust-root-discarded');
  assert.deepEqual(pageErrors, []);
  await page.close();
});
