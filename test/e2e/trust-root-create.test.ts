// Drives the Trust Root screen's "Create a repository" and "Delegate targets" forms in Chromium: keys from a
// per-test SoftHSM2 token (logged in) and from public key files or pasted PEM, field-level validation messages,
// the new repository opened with root v1 / targets v1 staged, a delegation staged; then the real CLI reads the
// repository on disk (`rootsmith tuf status --json`) and must agree with what the screen showed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TufStatus } from '../../app/contract';
import { screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { ok, openPage, startGuiHarness, type GuiHarness } from '../support/gui-harness';
import { softwareKey } from '../support/tuf';

const PIN = '1234-alice';
let gui: GuiHarness;
const uris: Record<string, string> = {};
const pubs: Record<string, string> = {};

before(async () => {
  gui = await startGuiHarness('rs-e2e-tuf-create-');
  const r = gui.backend.registry;
  // Alice's root key and the two online keys live on a token she has logged in to; the others are public key files.
  ok(await r.call('keys', 'createTestToken', { dir: path.join(gui.home, 'hsm'), label: 'alice', pin: PIN, soPin: '1234-so-pin' }));
  ok(await r.call('keys', 'login', { token: 'alice', pin: PIN }));
  for (const label of ['alice-root', 'online-snapshot', 'online-timestamp']) uris[label] = ok(await r.call('keys', 'generate', { token: 'alice', label, curve: 'p256' })).uri;
  for (const name of ['bob', 'targets', 'qa-lead']) pubs[name] = softwareKey(path.join(gui.home, 'keys'), name).pub;
});

after(async () => {
  await gui?.close();
});

test('Trust Root screen: create a repository from the GUI, stage a delegation, and the CLI sees the same repository', async () => {
  const { page, pageErrors } = await openPage(gui, 1000);
  await page.goto(gui.host.launchUrl);
  await page.getByRole('button', { name: 'Trust Root' }).click();
  await page.getByRole('heading', { name: 'Trust Root', level: 1 }).waitFor();

  // No repository is open: the create form sits beside the open form. Submitting it empty says what is missing.
  const create = page.getByRole('form', { name: 'Create a repository' });
  await create.waitFor();
  await create.getByRole('button', { name: 'Create the repository' }).click();
  await create.getByText('Give the directory for the new repository.').waitFor();
  for (const role of ['root', 'targets', 'snapshot', 'timestamp']) await create.getByText(`Add at least one ${role} key.`).waitFor();

  const repo = path.join(gui.home, 'new-trust-root');
  await create.getByLabel('Directory for the new repository').fill(repo);
  const root = create.getByRole('group', { name: 'root keys', exact: true });
  await root.getByLabel('Token key').selectOption({ label: 'alice: alice-root (ecdsa-p256)' });
  await root.getByLabel('Owner (shown to every signer)').fill('alice');
  await root.getByRole('button', { name: 'Add root key' }).click();
  await root.getByLabel('A public key file (PEM)').check();
  // A private key offered by mistake is refused before anything is sent.
  await root.getByLabel('Public key file', { exact: true }).setInputFiles(pubs['bob']!.replace(/\.pub$/, '.key'));
  await root.getByRole('button', { name: 'Add root key' }).click();
  await root.getByText(/bob\.key: (This is a private key|Expected a PEM public key)/).waitFor();
  await root.getByLabel('Public key file', { exact: true }).setInputFiles(pubs['bob']!);
  await root.getByRole('button', { name: 'Add root key' }).click();
  const chosen = root.getByRole('list', { name: 'root keys chosen' });
  await chosen.getByText('file bob.pub').waitFor();
  assert.match(await chosen.innerText(), /alice\s+token alice: alice-root[\s\S]*bob\s+file bob\.pub/);
  await root.getByLabel('root threshold (signatures required)').fill('3');
  await root.getByText('root needs 3 signatures but has only 2 keys.').waitFor();

  const targets = create.getByRole('group', { name: 'targets keys', exact: true });
  await targets.getByLabel('Paste a public key (PEM)').check();
  await targets.getByLabel('Public key (PEM)', { exact: true }).fill(fs.readFileSync(pubs['targets']!, 'utf8'));
  // Keyboard: Enter in the owner field adds the key instead of submitting the whole form.
  await targets.getByLabel('Owner (shown to every signer)').fill('release-team');
  await targets.getByLabel('Owner (shown to every signer)').press('Enter');
  await targets.getByRole('list', { name: 'targets keys chosen' }).getByText('release-team').waitFor();
  for (const role of ['snapshot', 'timestamp']) {
    const group = create.getByRole('group', { name: `${role} keys`, exact: true });
    await group.getByLabel('Token key').selectOption({ label: `alice: online-${role} (ecdsa-p256)` });
    await group.getByRole('button', { name: `Add ${role} key` }).click();
  }
  await create.getByLabel('timestamp valid for (days)').fill('3');
  await screenshot(page, 'trust-root-init-validation');
  await create.getByRole('button', { name: 'Create the repository' }).click();
  // The threshold is still above the number of keys: nothing is created, the message stays by the field.
  await root.getByText('root needs 3 signatures but has only 2 keys.').waitFor();
  assert.equal(fs.existsSync(repo), false, 'an invalid form creates nothing');
  await page.waitForFunction(() => document.activeElement?.id === 'tuf-create-root-threshold');
  assert.equal(await root.getByLabel('root threshold (signatures required)').getAttribute('aria-invalid'), 'true');
  // The keyboard user fixes the focused field and submits with Enter.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');

  // The new repository is open: roles with owners and thresholds, root v1 and targets v1 staged for signing.
  const roles = page.getByRole('table', { name: 'Roles' });
  await roles.waitFor();
  assert.equal(await create.count(), 0, 'the create form closes once the repository is open');
  assert.equal(await page.getByLabel('Repository directory').inputValue(), repo);
  const rolesText = await roles.innerText();
  assert.match(rolesText, /root\s+offline\s+2 of 2\s+alice\s*bob/);
  assert.match(rolesText, /targets\s+offline\s+1 of 1\s+release-team/);
  assert.match(rolesText, /snapshot\s+online\s+1 of 1\s+online-snapshot/);
  assert.match(rolesText, /timestamp\s+online\s+1 of 1\s+online-timestamp/);
  assert.match(await page.getByRole('article', { name: 'Staged root' }).innerText(), /root v1[\s\S]*\+ key alice[\s\S]*\+ key bob/);
  await page.getByRole('article', { name: 'Staged targets' }).waitFor();
  await screenshot(page, 'trust-root-init-created');

  // Delegate targets: the form checks its fields, then stages through tuf.delegate.
  const delegate = page.getByRole('form', { name: 'Delegate targets' });
  await delegate.getByRole('button', { name: 'Stage the delegation' }).click();
  await delegate.getByText('Give the delegated role a name.').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'tuf-delegate-name');
  await delegate.getByText(/Give at least one path pattern/).waitFor();
  await delegate.getByText('Add at least one delegated role key.').waitFor();
  await delegate.getByLabel('Delegated role name').fill('targets');
  await delegate.getByText('"targets" is a top-level role; choose another name.').waitFor();
  await delegate.getByLabel('Delegated role name').fill('releases');
  const dkeys = delegate.getByRole('group', { name: 'delegated role keys', exact: true });
  await dkeys.getByLabel('A public key file (PEM)').check();
  await dkeys.getByLabel('Public key file', { exact: true }).setInputFiles(pubs['qa-lead']!);
  await dkeys.getByRole('button', { name: 'Add delegated role key' }).click();
  await delegate.getByLabel(/Path patterns/).fill('releases/*\nnightly/*');
  await delegate.getByLabel(/Terminating/).check();
  await screenshot(page, 'trust-root-delegate-form');
  await delegate.getByRole('button', { name: 'Stage the delegation' }).click();

  const delegated = page.getByTestId('role-row').filter({ hasText: 'releases' });
  await delegated.waitFor();
  assert.match(await delegated.innerText(), /releases\s+delegated\s+paths releases\/\*, nightly\/\*\s+terminating\s+1 of 1\s+qa-lead/);
  await page.getByRole('article', { name: 'Staged releases' }).waitFor();
  assert.match(await page.getByRole('article', { name: 'Staged targets' }).innerText(), /releases[\s\S]*\+ key qa-lead[\s\S]*paths \[\][^\n]*releases\/\*/);
  await screenshot(page, 'trust-root-delegate-staged');

  // From a repository that is open, "Create a repository…" brings the form back.
  // Creating over an existing repository is refused by the service, and the error banner says why.
  await page.getByRole('button', { name: 'Create a repository…' }).click();
  await create.waitFor();
  await create.getByLabel('Directory for the new repository').fill(repo);
  for (const r of ['root', 'targets', 'snapshot', 'timestamp']) await create.getByRole('button', { name: `Add ${r} key` }).click();
  await create.getByRole('button', { name: 'Create the repository' }).click();
  const banner = page.getByTestId('error-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /REPO_EXISTS[\s\S]*already holds a TUF repository/);
  await screenshot(page, 'trust-root-init-exists');
  await create.getByRole('button', { name: 'Close' }).click();
  assert.equal(await create.count(), 0);
  assert.deepEqual(pageErrors, []);
  await page.close();

  // The CLI reads the same repository from disk and must agree with what the screen showed.
  const cli = runCli(['tuf', 'status', repo, '--json']);
  assert.equal(cli.status, 0, cli.stderr);
  const status = cli.json() as TufStatus;
  const role = (name: string) => status.roles.find((r) => r.role === name)!;
  assert.deepEqual(role('root').keys.map((k) => k.owner), ['alice', 'bob']);
  assert.equal(role('root').threshold, 2);
  assert.deepEqual(role('targets').keys.map((k) => k.owner), ['release-team']);
  assert.equal(role('snapshot').keys[0]!.onlineUri, uris['online-snapshot'], 'online keys from a token carry their PKCS#11 URI');
  assert.equal(role('timestamp').keys[0]!.onlineUri, uris['online-timestamp']);
  assert.equal(status.expiryDays.timestamp, 3);
  const releases = role('releases');
  assert.deepEqual({ kind: releases.kind, threshold: releases.threshold, paths: releases.paths, terminating: releases.terminating, owners: releases.keys.map((k) => k.owner) }, {
    kind: 'delegated',
    threshold: 1,
    paths: ['releases/*', 'nightly/*'],
    terminating: true,
    owners: ['qa-lead'],
  });
  assert.deepEqual(status.staged.map((s) => `${s.role} v${s.version}`).sort(), ['releases v1', 'root v1', 'targets v1']);
  assert.equal(status.published, false);
  const stagedTargets = JSON.parse(fs.readFileSync(path.join(repo, 'staged', 'metadata', 'targets.json'), 'utf8')) as {
    signed: { delegations: { roles: { name: string; terminating: boolean }[] } };
  };
  assert.equal(stagedTargets.signed.delegations.roles.find((r) => r.name === 'releases')?.terminating, true, 'terminating reached the metadata');
});
