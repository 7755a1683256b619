// Walks the root + intermediate ceremony through the GUI wizard in Chromium against the web host and a fresh
// SoftHSM2 token: plan (a broken one first, errors with their line), room checklist, token and directory, the PIN
// asked for and the token checked before step 1, each step confirmed, fingerprints, decoded certificates (names
// in RFC 4514 order, as the plan shows them), the digest, the printable transcript; then the CLI's
// `ceremony verify` accepts the directory. The second test stops, ends the sitting, resumes with other people,
// and checks that every session's people are on their lines and sign the printout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { openPage, startGuiHarness, type GuiHarness } from '../support/gui-harness';

const TOKEN = 'ceremony-e2e';
const PIN = '2468-user';
let gui: GuiHarness;

before(async () => {
  gui = await startGuiHarness('rs-e2e-ceremony-');
  const made = await gui.backend.registry.call('keys', 'createTestToken', { dir: path.join(gui.home, 'hsm'), label: TOKEN, pin: PIN, soPin: '1357-so-pin' });
  assert.ok(made.ok, 'the rehearsal token is created');
});

after(async () => {
  await gui?.close();
});

/** Waits for the step card of `title` and proceeds with it. */
async function proceedWith(page: Page, title: string): Promise<void> {
  const card = page.getByTestId('step-card');
  await card.getByRole('heading', { name: title }).waitFor();
  await card.getByRole('button', { name: 'Proceed' }).click();
}

test('Ceremony wizard: root and Fulcio intermediate, step by step, verified afterwards', async () => {
  const { page, pageErrors } = await openPage(gui, 900);
  await page.goto(gui.host.launchUrl);
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Ceremony' }).click();
  await page.getByRole('heading', { name: 'Ceremony', level: 1 }).waitFor();

  // A broken plan file is refused with the field it is about.
  const bad = path.join(gui.home, 'bad-plan.yaml');
  fs.writeFileSync(bad, 'version: 1\nname: bad\ntitle: Bad\nsteps:\n  - id: k\n    type: generate-key\n    label: x\n    algorithm: ecdsa-p384\n    colour: red\n');
  await page.getByLabel('Or a plan file on this machine (YAML)').fill(bad);
  await page.getByRole('button', { name: 'Open plan' }).click();
  const problems = page.getByRole('alert', { name: 'Plan problems' });
  await problems.waitFor();
  assert.match(await problems.innerText(), /steps\[0\]\.colour\s+unknown field colour/);
  assert.match(await problems.innerText(), /PLAN_INVALID/);
  assert.equal(await page.getByTestId('error-banner').count(), 0, 'the problems are said once, in the list');
  await screenshot(page, 'ceremony-plan-invalid');

  // A YAML syntax error names its line, once.
  fs.writeFileSync(bad, 'version: 1\nname: bad\ntitle: Bad\nsteps:\n  - { id: k, type: generate-key\n  - id: j\n');
  await page.getByRole('button', { name: 'Open plan' }).click();
  await problems.getByText(/line \d+/).first().waitFor();
  const yamlProblems = await problems.innerText();
  assert.match(yamlProblems, /\(yaml\)\s+line 6: Flow map/);
  assert.equal(yamlProblems.match(/Flow map/g)?.length, 1, 'the unclosed flow map is reported once');
  await screenshot(page, 'ceremony-plan-yaml-line');

  // The preset, decoded: steps, profiles, subjects, validity, outputs.
  await page.getByRole('button', { name: /Root CA and Fulcio intermediate/ }).click();
  const planView = page.getByTestId('plan-view');
  await planView.getByRole('heading', { name: 'Plan: Root CA and Fulcio intermediate' }).waitFor();
  const planText = await planView.innerText();
  for (const want of ['Generate the root CA key', 'root-ca', 'fulcio-intermediate', 'CN=Example Sigstore Root, O=Example Org', '10 years', '3 years', 'root-ca.pem', 'fulcio-chain.pem']) {
    assert.ok(planText.includes(want), `the plan view shows ${want}`);
  }
  // The preset's subjects are placeholders, and the plan view says so plainly.
  assert.match(await planView.getByTestId('example-subjects').innerText(), /Example subjects — change them before a real ceremony[\s\S]*CN=Example Sigstore Root, O=Example Org/);
  assert.equal(await problems.count(), 0, 'the problems of the broken plan are gone');
  await screenshot(page, 'ceremony-plan');
  await page.getByRole('button', { name: 'Continue to the room checklist' }).click();

  // The room: this machine has a network interface up, so the banner shows and a rehearsal must be acknowledged.
  const status = await gui.backend.registry.call('system', 'status', {});
  assert.ok(status.ok);
  const online = status.value.networkInterfaces.length > 0;
  const checklist = page.getByTestId('room-checklist');
  await checklist.waitFor();
  const toToken = page.getByRole('button', { name: 'Continue to the token' });
  if (online) {
    await page.getByTestId('network-warning').waitFor();
    assert.match(await page.getByTestId('network-warning').innerText(), new RegExp(status.value.networkInterfaces[0]!.name));
    await page.getByLabel(/This is a rehearsal: proceed with the network up/).check();
  } else {
    await page.getByLabel('Cables are unplugged and wireless is off').check();
  }
  await page.getByLabel('Operator name').fill('Alice Operator');
  assert.equal(await toToken.isDisabled(), true, 'no witness yet: the checklist is not complete');
  // Witnesses added with the keyboard: type, Enter.
  await page.getByLabel('Witness name').fill('Bob Witness');
  await page.getByLabel('Witness name').press('Enter');
  await page.getByLabel('Witness name').fill('Carol Witness');
  await page.getByLabel('Witness name').press('Enter');
  await page.getByRole('list', { name: 'Witnesses' }).getByText('Carol Witness').waitFor();
  await screenshot(page, 'ceremony-checklist');
  await toToken.click();

  // Token and output directory.
  const out = path.join(gui.home, 'ceremony-out');
  await page.getByLabel('Token', { exact: true }).selectOption(TOKEN);
  await page.getByTestId('token-note').getByText('asks for its PIN').waitFor();
  await page.getByLabel(/Output directory/).fill(out);
  await page.locator('[data-testid="dir-check"][data-state="new"]').waitFor();
  assert.match(await page.getByTestId('example-subjects').innerText(), /Example subjects/, 'the placeholder names are said again before Start');
  await page.getByRole('button', { name: 'Start the ceremony' }).click();

  // The PIN first: the token is opened and checked before anything is recorded; a wrong PIN is said so and the
  // field is cleared.
  const card = page.getByTestId('step-card');
  const pinField = page.getByLabel(`User PIN for "${TOKEN}"`);
  await pinField.waitFor();
  await pinField.fill('0000-wrong');
  await pinField.press('Enter');
  await page.getByTestId('pin-prompt').getByText('PIN_INCORRECT').waitFor();
  assert.equal(await pinField.inputValue(), '', 'the PIN field is cleared after submit');
  assert.equal(fs.existsSync(path.join(out, 'transcript.jsonl')) ? fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8') : '', '', 'nothing recorded before the token is checked');
  await pinField.fill(PIN);
  await page.getByRole('button', { name: 'Log in and continue' }).click();

  // Step 1: what will happen, Proceed / Stop. Proceed has the focus: Enter runs it.
  await card.getByRole('heading', { name: 'Generate the root CA key' }).waitFor();
  assert.match(await card.innerText(), /Step 1 of 5[\s\S]*Generate a new ecdsa-p384 key pair labelled "rootsmith-root-ca"/i);
  await screenshot(page, 'ceremony-step-confirmation');
  await page.keyboard.press('Enter');

  // The root key's fingerprint, large, as soon as it exists.
  await card.getByRole('heading', { name: 'Sign the root CA certificate' }).waitFor();
  const rootKey = page.getByTestId('fingerprint-item').filter({ hasText: 'rootsmith-root-ca' });
  await rootKey.waitFor();
  assert.match((await rootKey.getByLabel('SHA-256 fingerprint').innerText()).replace(/\s+/g, ''), /^[0-9a-f]{64}$/);
  assert.equal(await rootKey.locator('.fingerprint-large').count(), 1);
  // Times in the step description are in the screens' one format (no milliseconds).
  const signText = await card.innerText();
  assert.match(signText, /valid \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ to/);
  assert.doesNotMatch(signText, /\.\d{3}Z/);
  await proceedWith(page, 'Sign the root CA certificate');
  await card.getByRole('heading', { name: 'Generate the Fulcio intermediate key' }).waitFor();
  await page.getByTestId('fingerprint-item').filter({ hasText: 'root-ca.pem' }).waitFor();
  await screenshot(page, 'ceremony-fingerprints');
  await proceedWith(page, 'Generate the Fulcio intermediate key');
  await proceedWith(page, 'Sign the Fulcio intermediate certificate');
  await proceedWith(page, 'Write the Fulcio chain');

  // The end: every step done, the digest large, the transcript verified.
  const done = page.getByTestId('ceremony-complete');
  await done.waitFor();
  await page.getByTestId('verify-verdict').waitFor();
  assert.match(await page.getByTestId('verify-verdict').innerText(), /Transcript verified/);
  const rows = page.getByTestId('step-row');
  assert.equal(await rows.count(), 5);
  for (let i = 0; i < 5; i++) assert.equal(await rows.nth(i).getAttribute('data-status'), 'done');
  const digestHex = (await page.getByLabel('Transcript digest (SHA-256)').innerText()).replace(/\s+/g, '');
  assert.match(digestHex, /^[0-9a-f]{64}$/);
  assert.equal((await page.getByLabel('Transcript digest words').innerText()).trim().split(/\s+/).length, 16);
  await page.getByText('Transcript digest — read this aloud').waitFor();

  // Certificates decoded with the right names and CA extensions.
  const root = page.getByTestId('certificate').filter({ hasText: 'root-ca.pem' });
  const inter = page.getByTestId('certificate').filter({ hasText: 'fulcio-intermediate.pem' });
  const field = async (cert: typeof root, name: string) => cert.locator(`dd[data-field="${name}"]`).innerText();
  assert.equal(await field(root, 'Subject'), 'CN=Example Sigstore Root, O=Example Org', 'the same order as the plan (RFC 4514)');
  assert.match(await field(root, 'Valid from'), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  assert.match(await field(root, 'Issuer'), /CN=Example Sigstore Root.*self-issued/);
  assert.match(await field(root, 'Basic constraints'), /^CA.*critical/);
  assert.match(await field(root, 'Key usage'), /keyCertSign/);
  assert.match(await field(inter, 'Subject'), /CN=Example Sigstore Intermediate/);
  assert.match(await field(inter, 'Issuer'), /CN=Example Sigstore Root/);
  assert.match(await field(inter, 'Extended key usage'), /Code signing/);
  assert.equal(await field(inter, 'Authority key ID'), await field(root, 'Subject key ID'));

  // The transcript, decoded, with the rehearsal acknowledgement on the record; raw one click away.
  const lines = page.getByTestId('transcript-line');
  assert.equal(await lines.count(), online ? 8 : 7, 'begin, the acknowledgement when online, five steps, end');
  if (online) assert.match(await page.getByTestId('transcript').innerText(), /acknowledged: rehearsal with network interface/);
  await page.getByRole('button', { name: 'Show raw JSON lines' }).click();
  assert.match(await page.getByTestId('transcript-raw').innerText(), /"kind":"begin"/);
  await page.getByRole('button', { name: 'Show decoded' }).click();
  await screenshot(page, 'ceremony-finished');

  // The printable transcript, as the print stylesheet lays it out.
  await page.getByRole('button', { name: 'Print transcript…' }).click();
  const printable = page.getByTestId('printable-transcript');
  await printable.waitFor();
  assert.equal(await printable.getByTestId('signature-line').count(), 3, 'operator and two witnesses sign');
  const printText = await printable.innerText();
  assert.ok(printText.includes(digestHex), 'the digest is on the printout');
  assert.match(printText, /Operator: Alice Operator[\s\S]*Witness: Bob Witness[\s\S]*Witness: Carol Witness/);
  assert.match(await printable.getByTestId('print-sessions').innerText(), /From line 1: operator Alice Operator; witnesses Bob Witness, Carol Witness/);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('navigation', { name: 'Areas' }).isVisible(), false, 'navigation is not printed');
  assert.equal(await page.getByRole('button', { name: 'Print', exact: true }).isVisible(), false, 'the toolbar is not printed');
  await screenshot(page, 'ceremony-print');
  await page.emulateMedia({ media: 'screen' });

  // What the ceremony left on disk, and the CLI's independent check of it.
  for (const f of ['root-ca.pem', 'fulcio-intermediate.pem', 'fulcio-chain.pem', 'fingerprints.txt', 'transcript.jsonl']) {
    assert.ok(fs.existsSync(path.join(out, f)), `${f} is in the chosen directory`);
  }
  const transcriptText = fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8');
  assert.ok(!transcriptText.includes(PIN), 'the PIN is not in the transcript');
  assert.match(transcriptText, /Alice Operator/);
  const verify = runCli(['ceremony', 'verify', out, '--json']);
  assert.equal(verify.status, 0, verify.stderr);
  assert.equal((verify.json() as { digest: string }).digest, digestHex, 'the CLI recomputes the digest the wizard showed');

  // The same check from the GUI, as someone would later verify the directory against the signed printout.
  await page.getByRole('button', { name: 'Back to the ceremony' }).click();
  await page.getByRole('button', { name: 'New ceremony' }).click();
  const existing = page.getByTestId('verify-existing');
  await existing.getByLabel(/Ceremony directory/).fill(out);
  await existing.getByRole('button', { name: 'Verify' }).click();
  await existing.getByTestId('verify-existing-verdict').getByText(/^Verified: \d+ lines chain correctly and all 4 recorded output files match their hashes; the ceremony is complete/).waitFor();
  assert.equal((await existing.getByLabel('Transcript digest (SHA-256)').innerText()).replace(/\s+/g, ''), digestHex);
  assert.equal(await existing.getByTestId('transcript-line').count(), online ? 8 : 7);
  await screenshot(page, 'ceremony-verify-existing');
  // A changed output file is named.
  fs.appendFileSync(path.join(out, 'fulcio-chain.pem'), '\n');
  await existing.getByRole('button', { name: 'Verify' }).click();
  await existing.getByTestId('verify-existing-verdict').getByText('This directory does not verify').waitFor();
  assert.match(await existing.locator('.problems').innerText(), /OUTPUT_MODIFIED[\s\S]*fulcio-chain\.pem/);
  await screenshot(page, 'ceremony-verify-existing-modified');

  // The certificates the ceremony made, checked against their profiles (the CLI's `ceremony lint`): they pass.
  const lint = page.getByTestId('lint-certificate');
  await lint.getByLabel(/^Certificate/).fill(path.join(out, 'root-ca.pem'));
  await lint.getByLabel('Profile').selectOption('root-ca');
  assert.match(await lint.getByTestId('lint-profile-description').innerText(), /Root CA: self-signed/);
  await lint.getByRole('button', { name: 'Check' }).click();
  await lint.getByTestId('lint-verdict').getByText(/^Passes the root-ca profile/).waitFor();
  await lint.getByLabel(/^Certificate/).fill(path.join(out, 'fulcio-intermediate.pem'));
  await lint.getByLabel(/^Issuer certificate/).fill(path.join(out, 'root-ca.pem'));
  await lint.getByLabel('Profile').selectOption('fulcio-intermediate');
  await lint.getByRole('button', { name: 'Check' }).click();
  await lint.getByTestId('lint-verdict').getByText(/^Passes the fulcio-intermediate profile/).waitFor();
  await screenshot(page, 'ceremony-lint-pass');
  // The intermediate is not a root: linted as root-ca it fails, each finding shown with severity, rule and message,
  // the same findings as the CLI reports.
  await lint.getByLabel(/^Issuer certificate/).fill('');
  await lint.getByLabel('Profile').selectOption('root-ca');
  await lint.getByRole('button', { name: 'Check' }).click();
  await lint.getByTestId('lint-verdict').getByText(/^Does not pass the root-ca profile: \d+ errors?/).waitFor();
  const cliLint = runCli(['ceremony', 'lint', path.join(out, 'fulcio-intermediate.pem'), '--profile', 'root-ca', '--json']);
  assert.equal(cliLint.status, 1, 'the CLI fails the same certificate');
  const cliFailure = cliLint.json() as { error: { code: string; details: { findings: { rule: string; severity: string }[] } } };
  assert.equal(cliFailure.error.code, 'LINT_FAILED');
  const cliFindings = cliFailure.error.details.findings;
  assert.ok(cliFindings.some((f) => f.severity === 'error'));
  const findingRows = lint.getByTestId('lint-finding');
  assert.equal(await findingRows.count(), cliFindings.length, 'every finding the CLI reports is shown');
  const shown = await findingRows.allInnerTexts();
  for (const f of cliFindings) assert.ok(shown.some((t) => t.includes(f.rule) && t.includes(f.severity)), `finding ${f.rule} is shown with its severity`);
  await screenshot(page, 'ceremony-lint-fail');
  await lint.getByRole('button', { name: 'Raw JSON' }).click();
  assert.match(await lint.getByTestId('lint-raw').innerText(), /"profile": "root-ca"/);
  assert.deepEqual(pageErrors, []);
});

test('Ceremony wizard: uses the token logged in on the Keys screen; Stop is safe and starting again resumes', async () => {
  const { page, pageErrors } = await openPage(gui, 900);
  await page.goto(gui.host.launchUrl);
  await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor();
  await page.getByRole('button', { name: TOKEN, exact: true }).click();
  await page.getByLabel(`User PIN for "${TOKEN}"`).fill(PIN);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();

  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Ceremony' }).click();
  await page.getByRole('button', { name: /Transparency log and CT log keys/ }).click();
  await page.getByRole('button', { name: 'Continue to the room checklist' }).click();
  const ack = page.getByLabel(/This is a rehearsal: proceed with the network up/);
  const offline = page.getByLabel('Cables are unplugged and wireless is off');
  await ack.or(offline).waitFor();
  await ((await ack.count()) > 0 ? ack : offline).check();
  await page.getByLabel('Operator name').fill('Dana Operator');
  await page.getByLabel('Witness name').fill('Erin Witness');
  await page.getByLabel('Witness name').press('Enter');
  await page.getByRole('button', { name: 'Continue to the token' }).click();

  // The token logged in on the Keys screen is the default, and its session is used: no PIN prompt.
  await page.getByTestId('token-note').getByText('is logged in on the Keys screen').waitFor();
  assert.equal(await page.getByLabel('Token', { exact: true }).inputValue(), TOKEN);
  const out = path.join(gui.home, 'log-keys-out');
  await page.getByLabel(/Output directory/).fill(out);
  await page.getByRole('button', { name: 'Start the ceremony' }).click();
  await proceedWith(page, 'Generate the transparency log key');
  await proceedWith(page, 'Export the transparency log public key');

  // Stop at the third step: a pause, not a refusal of the step; nothing more happens, and the wizard says how to go on.
  const card = page.getByTestId('step-card');
  await card.getByRole('heading', { name: 'Generate the CT log key' }).waitFor();
  await card.getByRole('button', { name: 'Stop' }).click();
  const stopped = page.getByTestId('ceremony-stopped');
  await stopped.waitFor();
  const stoppedText = await stopped.innerText();
  assert.match(stoppedText, /The ceremony is paused before “Generate the CT log key”[\s\S]*nothing of that step was done/);
  assert.doesNotMatch(stoppedText, /CONFIRMATION_REFUSED|declined/);
  assert.equal(await page.locator('[data-testid="step-row"][data-step="ct-key"] .badge').innerText(), 'paused here');
  await page.getByTestId('transcript').getByText('The operator stopped the ceremony before step "ct-key" ran').waitFor();
  assert.equal(await page.getByTestId('pin-prompt').count(), 0);
  assert.ok(!fs.existsSync(path.join(out, 'ctfe.pub')));
  await screenshot(page, 'ceremony-stopped');
  assert.equal(await page.getByTestId('fingerprint-item').count(), 1, 'one key so far: the public key export does not repeat it');

  // The sitting ends; the next one starts with an empty room checklist (nobody carried over) and other people.
  await page.getByRole('button', { name: 'End this sitting' }).click();
  await page.getByTestId('room-cleared').waitFor();
  assert.equal(await page.getByLabel('Operator name').inputValue(), '', 'the operator is not carried over');
  assert.equal(await page.getByRole('list', { name: 'Witnesses' }).count(), 0, 'no witness is carried over');
  await ((await ack.count()) > 0 ? ack : offline).check();
  await page.getByLabel('Operator name').fill('Mallory Operator');
  await page.getByLabel('Witness name').fill('Eve Witness');
  await page.getByLabel('Witness name').press('Enter');
  await page.getByRole('button', { name: 'Continue to the token' }).click();
  await page.locator('[data-testid="dir-check"][data-state="resume"]').waitFor();
  await page.getByRole('button', { name: 'Start the ceremony' }).click();

  // Starting again resumes at that step; the first two are shown as done earlier.
  await card.getByRole('heading', { name: 'Generate the CT log key' }).waitFor();
  const status = (id: string) => page.locator(`[data-testid="step-row"][data-step="${id}"]`).getAttribute('data-status');
  assert.equal(await status('log-key'), 'already-done');
  assert.equal(await status('log-pub'), 'already-done');
  await proceedWith(page, 'Generate the CT log key');
  await proceedWith(page, 'Export the CT log public key');
  await page.getByTestId('ceremony-complete').waitFor();
  await page.getByTestId('verify-verdict').getByText('Transcript verified').waitFor();
  assert.equal(await page.getByTestId('pin-prompt').count(), 0, 'the logged-in session was used throughout');
  // Each session's people on the line that opened it: the begin line (Dana, Erin) and the resume line (Mallory, Eve).
  const lineText = async (re: RegExp) => page.getByTestId('transcript-line').filter({ hasText: re }).innerText();
  assert.match(await lineText(/Ceremony "[^"]+" begins/), /Operator: Dana Operator[\s\S]*Witnesses: Erin Witness/);
  assert.match(await lineText(/Ceremony resumed/), /Operator: Mallory Operator[\s\S]*Witnesses: Eve Witness/);
  await screenshot(page, 'ceremony-resumed-sessions');
  // Everyone who took part signs the printout; the header lists both sessions.
  await page.getByRole('button', { name: 'Print transcript…' }).click();
  const printable = page.getByTestId('printable-transcript');
  await printable.waitFor();
  const signatures = await printable.getByTestId('signature-line').allInnerTexts();
  assert.deepEqual(
    signatures.map((t) => t.replace(/\s*\(session.*$/s, '')),
    ['Operator: Dana Operator', 'Witness: Erin Witness', 'Operator: Mallory Operator', 'Witness: Eve Witness'],
  );
  const sessionsText = await printable.getByTestId('print-sessions').innerText();
  assert.match(sessionsText, /From line 1: operator Dana Operator; witnesses Erin Witness/);
  assert.match(sessionsText, /From line \d+: operator Mallory Operator; witnesses Eve Witness/);
  assert.match(await printable.innerText(), /Ceremony resumed[^\n]*\n?[\s\S]*Operator: Mallory Operator/);
  await screenshot(page, 'ceremony-print-two-sessions');
  for (const f of ['rekor.pub', 'ctfe.pub', 'fingerprints.txt']) assert.ok(fs.existsSync(path.join(out, f)), `${f} is in the chosen directory`);
  const verify = runCli(['ceremony', 'verify', out]);
  assert.equal(verify.status, 0, verify.stderr);
  assert.deepEqual(pageErrors, []);
});
