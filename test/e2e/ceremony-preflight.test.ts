// What the Ceremony wizard checks before anything is recorded, in Chromium against the web host, each test on
// its own SoftHSM2 token: an input that is not a certificate is refused on the Token step, a real one shows its
// subject and SHA-256 (the same as openssl's) for the witnesses; a folder of unrelated files needs an explicit
// yes; a missing key or a key label already taken refuses the start after the PIN with no transcript line. And a
// ceremony whose window was reloaded or closed is found again: "Return to it" and "Stop it".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { softhsmModule } from '../support/paths';
import { openPage, startGuiHarness, type GuiHarness } from '../support/gui-harness';

const PIN = '3579-user';

async function withGui(token: string, body: (gui: GuiHarness, page: Page, pageErrors: string[]) => Promise<void>): Promise<void> {
  const gui = await startGuiHarness('rs-e2e-ceremony-pre-');
  try {
    const made = await gui.backend.registry.call('keys', 'createTestToken', { dir: path.join(gui.home, 'hsm'), label: token, pin: PIN, soPin: '2468-so-pin' });
    assert.ok(made.ok, 'the test token is created');
    const { page, pageErrors } = await openPage(gui, 900);
    await body(gui, page, pageErrors);
    assert.deepEqual(pageErrors, []);
  } finally {
    await gui.close();
  }
}

async function openCeremony(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Ceremony' }).click();
  await page.getByRole('heading', { name: 'Ceremony', level: 1 }).waitFor();
}

/** Plan preset -> room (operator and one witness) -> the Token step. */
async function toTokenStep(page: Page, preset: RegExp, token: string): Promise<void> {
  await page.getByRole('button', { name: preset }).click();
  await page.getByRole('button', { name: 'Continue to the room checklist' }).click();
  const ack = page.getByLabel(/This is a rehearsal: proceed with the network up/);
  const offline = page.getByLabel('Cables are unplugged and wireless is off');
  await ack.or(offline).waitFor();
  await ((await ack.count()) > 0 ? ack : offline).check();
  await page.getByLabel('Operator name').fill('Olga Operator');
  await page.getByLabel('Witness name').fill('Walt Witness');
  await page.getByLabel('Witness name').press('Enter');
  await page.getByRole('button', { name: 'Continue to the token' }).click();
  await page.getByLabel('Token', { exact: true }).selectOption(token);
}

test('Before Start: inputs parsed with subject and fingerprint, a folder of other files needs a yes, a missing key or a taken label refuses with no transcript line', async () => {
  await withGui('preflight-a', async (gui, page) => {
    // A real root certificate and a public key file that is not one.
    const key = path.join(gui.home, 'root.key');
    const pem = path.join(gui.home, 'root-ca.pem');
    const pub = path.join(gui.home, 'root-ca.pub');
    execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key]);
    execFileSync('openssl', ['req', '-new', '-x509', '-key', key, '-out', pem, '-days', '30', '-subj', '/O=Preflight Org/CN=Preflight Test Root']);
    execFileSync('openssl', ['ec', '-in', key, '-pubout', '-out', pub], { stdio: 'ignore' });
    const opensslFingerprint = execFileSync('openssl', ['x509', '-in', pem, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).split('=')[1]!.trim().replace(/:/g, '').toLowerCase();

    await page.goto(gui.host.launchUrl);
    await openCeremony(page);
    await toTokenStep(page, /Timestamping authority chain/, 'preflight-a');
    const start = page.getByRole('button', { name: 'Start the ceremony' });
    const out = path.join(gui.home, 'tsa-out');
    await page.getByLabel(/Output directory/).fill(out);

    // The .pub file: refused on the Token step, before any PIN or transcript.
    const inputField = page.locator('#input-root-cert');
    await inputField.fill(pub);
    const inputCheck = page.locator('[data-testid="input-check"][data-input="root-cert"]');
    await inputCheck.getByText('is not a readable PEM certificate').waitFor();
    assert.equal(await start.isDisabled(), true, 'Start is refused while an input is not a certificate');
    assert.match(await page.getByTestId('start-waiting').innerText(), /Start needs inputs that can be read/);
    await screenshot(page, 'ceremony-input-not-a-certificate');

    // The certificate: its subject (RFC 4514 order) and SHA-256, the same as openssl computes, shown before Start.
    await inputField.fill(pem);
    await inputCheck.locator('[data-field="subject"]').getByText('CN=Preflight Test Root, O=Preflight Org').waitFor();
    assert.equal((await inputCheck.getByLabel('SHA-256 fingerprint').innerText()).replace(/\s+/g, ''), opensslFingerprint);
    await page.locator('[data-testid="dir-check"][data-state="new"]').waitFor();
    assert.equal(await start.isDisabled(), false);
    await screenshot(page, 'ceremony-input-certificate');

    // A folder of other files (the app home, holding the token store): Start only after an explicit yes.
    await page.getByLabel(/Output directory/).fill(gui.home);
    const dirCheck = page.locator('[data-testid="dir-check"][data-state="unrelated"]');
    await dirCheck.waitFor();
    assert.match(await dirCheck.innerText(), /not empty and holds no transcript of this plan: [\s\S]*hsm/);
    assert.equal(await start.isDisabled(), true, 'Start waits for the yes');
    assert.match(await page.getByTestId('start-waiting').innerText(), /Start needs your yes to writing into that non-empty folder/);
    await screenshot(page, 'ceremony-dir-not-empty');
    await dirCheck.getByLabel('Write the ceremony into this folder anyway').check();
    assert.equal(await start.isDisabled(), false);
    await page.getByLabel(/Output directory/).fill(out);
    await page.locator('[data-testid="dir-check"][data-state="new"]').waitFor();

    // Start: the PIN, then the token is checked; the root key the plan needs is not on it. Nothing is recorded.
    await start.click();
    await page.getByLabel('User PIN for "preflight-a"').fill(PIN);
    await page.getByRole('button', { name: 'Log in and continue' }).click();
    const stopped = page.locator('[data-testid="ceremony-stopped"][data-began="false"]');
    await stopped.waitFor();
    assert.match(await stopped.innerText(), /The ceremony did not begin[\s\S]*STEP_FAILED[\s\S]*rootsmith-root-ca[\s\S]*Nothing was recorded/);
    assert.equal(await page.getByRole('button', { name: 'Start again (resume)' }).count(), 0, 'nothing to resume');
    assert.equal(fs.existsSync(path.join(out, 'transcript.jsonl')), false, 'a refused start leaves no transcript');
    await screenshot(page, 'ceremony-refused-missing-key');

    // A key label the plan would create is taken already: refused the same way (here with the Keys screen's session, no PIN).
    const module = softhsmModule;
    assert.ok((await gui.backend.registry.call('keys', 'login', { module, token: 'preflight-a', pin: PIN })).ok);
    assert.ok((await gui.backend.registry.call('keys', 'generate', { module, token: 'preflight-a', label: 'rootsmith-ct-log', curve: 'p256' })).ok);
    await page.getByRole('button', { name: 'Back to the token' }).click();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await toTokenStep(page, /Transparency log and CT log keys/, 'preflight-a');
    const out2 = path.join(gui.home, 'log-out');
    await page.getByLabel(/Output directory/).fill(out2);
    await page.locator('[data-testid="dir-check"][data-state="new"]').waitFor();
    await start.click();
    await stopped.waitFor();
    assert.match(await stopped.innerText(), /The ceremony did not begin[\s\S]*rootsmith-ct-log/);
    assert.equal(fs.existsSync(path.join(out2, 'transcript.jsonl')), false, 'a refused start leaves no transcript');
    await screenshot(page, 'ceremony-refused-label-taken');
  });
});

test('A ceremony whose window went away is found again: Return to it, then Stop it after a reload', async () => {
  await withGui('preflight-b', async (gui, page, pageErrors) => {
    await page.goto(gui.host.launchUrl);
    await openCeremony(page);
    await toTokenStep(page, /Transparency log and CT log keys/, 'preflight-b');
    const out = path.join(gui.home, 'stranded');
    await page.getByLabel(/Output directory/).fill(out);
    await page.locator('[data-testid="dir-check"][data-state="new"]').waitFor();
    await page.getByRole('button', { name: 'Start the ceremony' }).click();
    await page.getByLabel('User PIN for "preflight-b"').fill(PIN);
    await page.getByRole('button', { name: 'Log in and continue' }).click();
    await page.getByTestId('step-card').getByRole('heading', { name: 'Generate the transparency log key' }).waitFor();
    await page.close();

    // A new window: the running ceremony is offered, with where it stands.
    const { page: again } = await openPage(gui, 900, pageErrors);
    await again.goto(gui.host.launchUrl);
    await openCeremony(again);
    const running = again.getByTestId('running-session');
    await running.waitFor();
    assert.match(await running.innerText(), new RegExp(`Transparency log and CT log keys in ${out.replace(/[/.]/g, '\\$&')}[\\s\\S]*operator Olga Operator, witnesses Walt Witness: 0 of 4 steps done; waiting at step 1 of 4, “Generate the transparency log key”`));
    await screenshot(again, 'ceremony-running-found');
    await running.getByRole('button', { name: 'Return to it' }).click();
    const card = again.getByTestId('step-card');
    await card.getByRole('heading', { name: 'Generate the transparency log key' }).waitFor();
    await card.getByRole('button', { name: 'Proceed' }).click();
    await card.getByRole('heading', { name: 'Export the transparency log public key' }).waitFor();
    assert.equal(await again.getByTestId('running-sessions').count(), 0, 'the session shown is not offered again');

    // Reloaded (Ctrl+R in Electron): found again, and stopped from there; the stop is on the transcript.
    await again.reload();
    await openCeremony(again);
    await running.waitFor();
    assert.match(await running.innerText(), /1 of 4 steps done; waiting at step 2 of 4/);
    await running.getByRole('button', { name: 'Stop it' }).click();
    const stopped = again.getByTestId('ceremony-stopped');
    await stopped.waitFor();
    assert.match(await stopped.innerText(), /The ceremony is paused before “Export the transparency log public key”/);
    await again.getByTestId('transcript').getByText('The operator stopped the ceremony before step "log-pub" ran').waitFor();
    assert.match(await again.getByTestId('transcript').innerText(), /Operator: Olga Operator/);
    await screenshot(again, 'ceremony-running-stopped');
    const left = await gui.backend.registry.call('ceremony', 'sessions', {});
    assert.ok(left.ok);
    assert.equal(left.value.sessions.length, 0, 'nothing is left running');
  });
});
