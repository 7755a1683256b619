// Drives the Services screen's "Start with ceremony keys" form in Chromium: a real private-sigstore ceremony on a
// per-test SoftHSM2 token gives HSM keys and chains; a wrong PIN is refused clearly and leaves nothing running; the
// right PIN starts every service on the ceremony keys (the TSA serves the ceremony chain) and a rehearsal verifies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { pemToChain } from '../../core/pki';
import { screenshot } from '../support/browser';
import { ceremonyKeyUri, makeToken, PIN, runArgs } from '../support/ceremony';
import { runCli } from '../support/cli';
import { openPage, startGuiHarness, type GuiHarness } from '../support/gui-harness';
import { ownListeningPorts } from '../support/listening-sockets';

const WRONG_PIN = '999999';
let gui: GuiHarness;
let ceremonyDir: string;
let page: Page;
const events: string[] = [];
const pageErrors: string[] = [];

before(async () => {
  gui = await startGuiHarness('rs-e2e-services-hsm-');
  const token = await makeToken(gui.home);
  // The backend runs in this process: it opens the ceremony keys on this test's own token.
  process.env.SOFTHSM2_CONF = token.conf;
  ceremonyDir = path.join(gui.home, 'ceremony');
  const ceremony = runCli(runArgs('resources/ceremonies/private-sigstore.yaml', ceremonyDir), token.env);
  assert.equal(ceremony.status, 0, ceremony.stderr);
  gui.backend.progress.subscribe((e) => events.push(JSON.stringify(e)));
  ({ page } = await openPage(gui, 1000, pageErrors));
  await page.goto(gui.host.launchUrl);
  await page.getByRole('button', { name: 'Services' }).click();
  await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Use ceremony keys…' }).click();
});

after(async () => {
  await gui?.backend.registry.call('stack', 'stop', {});
  await gui?.close();
  delete process.env.SOFTHSM2_CONF;
});

async function stackRunning(): Promise<boolean> {
  const r = await gui.backend.registry.call('stack', 'status', {});
  assert.ok(r.ok);
  return r.value.running;
}

test('the ceremony form checks its fields before anything starts', async () => {
  await page.getByLabel('TSA key').fill(ceremonyKeyUri('rootsmith-tsa-signing'));
  await page.getByLabel('TSA policy OID').fill('not an oid');
  await page.getByRole('button', { name: 'Start with ceremony keys' }).click();
  const form = page.getByRole('form', { name: 'Start with ceremony keys' });
  await form.getByText('Give the TSA chain file (PEM, leaf first) with its key.').waitFor();
  await form.getByText('Must be an object identifier such as 1.3.6.1.4.1.57264.2.').waitFor();
  await form.getByText('Enter the User PIN: a key is on a PKCS#11 token.').waitFor();
  assert.equal(await page.getByLabel('TSA chain file').getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'services-hsm-field-errors');
  assert.equal(await stackRunning(), false);
  await page.getByLabel('TSA policy OID').fill('');
});

test('a wrong PIN is refused with a clear message and leaves nothing running', async () => {
  // The log starts first on a rehearsal key, so the refusal comes while a service is already up.
  await page.getByLabel(/Data directory/).fill(path.join(gui.home, 'stack-wrong-pin'));
  await page.getByLabel('TSA chain file').fill(path.join(ceremonyDir, 'tsa-chain.pem'));
  await page.getByLabel('CA key').fill(ceremonyKeyUri('rootsmith-fulcio-intermediate'));
  await page.getByLabel('CA chain file').fill(path.join(ceremonyDir, 'fulcio-chain.pem'));
  await page.getByLabel('CT log key').fill(ceremonyKeyUri('rootsmith-ct-log'));
  await page.getByLabel('User PIN').fill(WRONG_PIN);
  const before = ownListeningPorts();
  await page.getByRole('button', { name: 'Start with ceremony keys' }).click();
  // The log key is empty: before anything starts, the form names what would run on a rehearsal key.
  const confirm = page.getByTestId('rehearsal-confirm');
  await confirm.waitFor();
  assert.equal(await confirm.getByRole('listitem').allInnerTexts().then((t) => t.join(' | ')), 'Transparency log (checkpoints and entry timestamps)');
  assert.equal(await stackRunning(), false, 'nothing starts before the confirmation');
  await screenshot(page, 'services-hsm-rehearsal-confirm');
  await confirm.getByRole('button', { name: 'Start anyway' }).click();
  const banner = page.getByTestId('error-banner');
  await banner.waitFor({ timeout: 60_000 });
  const text = await banner.innerText();
  assert.match(text, /PIN_INCORRECT/);
  assert.match(text, /The PIN for token "ceremony" is incorrect/);
  assert.doesNotMatch(text, /\n\s+at |\.js:\d+/, 'no stack trace');
  assert.ok(!text.includes(WRONG_PIN));
  await screenshot(page, 'services-hsm-wrong-pin');

  assert.equal(await stackRunning(), false);
  const logUrl = events.map((e) => /log: rehearsal log .* listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(e)?.[1]).find(Boolean);
  assert.ok(logUrl, `the log had started before the TSA refused the PIN: ${events.join('\n')}`);
  await assert.rejects(fetch(logUrl, { signal: AbortSignal.timeout(2000) }), 'the log that had started is stopped again');
  assert.deepEqual(ownListeningPorts(), before);
  // The PIN left the form with the request; the keys and chains stay for the retry.
  assert.equal(await page.getByLabel('User PIN').inputValue(), '');
  assert.equal(await page.getByLabel('CA key').inputValue(), ceremonyKeyUri('rootsmith-fulcio-intermediate'));
});

/** stack.start through the web host's HTTP API, as the renderer calls it. */
async function startOverHttp(body: Record<string, string>): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  const res = await fetch(new URL('/api/stack/start', gui.host.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${gui.host.token}` },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
}

test('a key that is not the certificate\'s, or a broken chain, comes back as a typed error naming the fix', async () => {
  const chainFile = (name: string, pems: string[]) => {
    const file = path.join(gui.home, name);
    fs.writeFileSync(file, pems.join(''));
    return file;
  };
  const firstPem = (file: string) => /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\n/.exec(fs.readFileSync(path.join(ceremonyDir, file), 'utf8'))![0];
  const cases: { body: Record<string, string>; code: string; message: RegExp }[] = [
    {
      body: { tsaKey: ceremonyKeyUri('rootsmith-ct-log'), tsaChain: path.join(ceremonyDir, 'tsa-chain.pem') },
      code: 'TSA_KEY_MISMATCH',
      message: /The TSA cannot start: the key pkcs11:.*object=rootsmith-ct-log.* is not the key of the TSA certificate/,
    },
    {
      body: { tsaKey: ceremonyKeyUri('rootsmith-tsa-signing'), tsaChain: chainFile('broken-chain.pem', [firstPem('tsa-chain.pem'), firstPem('fulcio-chain.pem')]) },
      code: 'TSA_CHAIN_INVALID',
      message: /The TSA cannot start: certificate 0 .* is not issued by the next certificate in the chain/,
    },
    {
      body: { caKey: ceremonyKeyUri('rootsmith-fulcio-intermediate'), caChain: path.join(ceremonyDir, 'rekor.pub') },
      code: 'CHAIN_INVALID',
      message: /The CA chain .*rekor\.pub has no PEM certificate/,
    },
  ];
  for (const [i, c] of cases.entries()) {
    const r = await startOverHttp({ dataDir: path.join(gui.home, `stack-refused-${i}`), ...c.body, pin: PIN });
    assert.equal(r.ok, false);
    assert.equal(r.error?.code, c.code, r.error?.message);
    assert.match(r.error!.message, c.message);
    assert.doesNotMatch(r.error!.message, /\n\s+at |\.js:\d+/, 'no stack trace');
    assert.ok(!r.error!.message.includes(PIN));
    assert.equal(await stackRunning(), false);
  }
  // A PIN shorter than any token accepts is refused at the request's edge, by field, without echoing it.
  const short = await startOverHttp({ tsaKey: ceremonyKeyUri('rootsmith-tsa-signing'), tsaChain: path.join(ceremonyDir, 'tsa-chain.pem'), pin: '12' });
  assert.equal(short.error?.code, 'REQUEST_INVALID');
  assert.match(short.error!.message, /pin: PIN must have at least 4 characters/);
});

test('the right PIN starts every service on the ceremony keys; a rehearsal verifies through them', async () => {
  const dataDir = path.join(gui.home, 'stack');
  await page.getByRole('button', { name: 'Dismiss error' }).click();
  await page.getByLabel(/Data directory/).fill(dataDir);
  await page.getByLabel('Log key (ECDSA P-256)').fill(ceremonyKeyUri('rootsmith-rekor-log'));
  await page.getByLabel('User PIN').fill(PIN);
  await page.getByRole('button', { name: 'Start with ceremony keys' }).click();
  for (const name of ['log', 'tsa', 'ca', 'oidc', 'tuf']) {
    await page.getByTestId(`service-${name}`).getByText('up').waitFor({ timeout: 60_000 });
  }
  const row = (name: string) => page.getByTestId(`service-${name}`).innerText();
  assert.match(await row('log'), /ceremony key/);
  assert.ok((await row('log')).includes(ceremonyKeyUri('rootsmith-rekor-log')));
  assert.ok((await row('tsa')).includes(ceremonyKeyUri('rootsmith-tsa-signing')));
  assert.ok((await row('ca')).includes(ceremonyKeyUri('rootsmith-fulcio-intermediate')));
  assert.ok((await row('ca')).includes(ceremonyKeyUri('rootsmith-ct-log')));
  assert.doesNotMatch((await row('log')) + (await row('tsa')) + (await row('ca')), /rehearsal key/);
  await screenshot(page, 'services-hsm-running');

  // The TSA serves the ceremony's chain, not a rehearsal one made in the data directory.
  const status = await gui.backend.registry.call('stack', 'status', {});
  assert.ok(status.ok);
  const tsaUrl = status.value.services.find((s) => s.name === 'tsa')!.url.replace(/\/+$/, '');
  const served = pemToChain(await (await fetch(`${tsaUrl}/api/v1/timestamp/certchain`)).text());
  const ceremonyChain = pemToChain(fs.readFileSync(path.join(ceremonyDir, 'tsa-chain.pem'), 'utf8'));
  assert.deepEqual(served.map((c) => Buffer.from(c).toString('hex')), ceremonyChain.map((c) => Buffer.from(c).toString('hex')));

  await page.getByLabel('File to sign').setInputFiles({ name: 'release.tar.gz', mimeType: 'application/octet-stream', buffer: Buffer.from('a release signed on ceremony keys') });
  await page.getByLabel(/Identity \(email\)/).fill('alice@example.com');
  await page.getByRole('button', { name: 'Sign and verify' }).click();
  const result = page.getByTestId('rehearsal-result');
  await result.waitFor({ timeout: 60_000 });
  const text = await result.innerText();
  assert.match(text, /Verified/);
  assert.match(text, /signed by alice@example\.com/);
  assert.match(text, /Logged as entry 0/);
  assert.match(text, /Timestamped at/);
  await screenshot(page, 'services-hsm-rehearsal');

  // The PIN is nowhere the user or a file could see it: not in the status, the page, the progress or the data dir.
  const after = await gui.backend.registry.call('stack', 'status', {});
  assert.ok(!JSON.stringify(after).includes(PIN));
  assert.ok(!(await page.content()).includes(PIN));
  assert.ok(!events.join('\n').includes(PIN));
  for (const file of fs.readdirSync(dataDir, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(dataDir, file);
    if (fs.statSync(full).isFile()) assert.ok(!fs.readFileSync(full).includes(PIN), `${file} does not hold the PIN`);
  }
  assert.deepEqual(pageErrors, []);
});

test('keys on a logged-in token are picked from a list, not typed', async () => {
  await gui.backend.registry.call('stack', 'stop', {});
  const nav = (name: string) => page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name });
  await nav('Keys').click();
  await page.getByRole('button', { name: 'Load tokens' }).click();
  await page.getByRole('button', { name: 'ceremony', exact: true }).click();
  await page.getByLabel('User PIN for "ceremony"').fill(PIN);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('logged in', { exact: true }).waitFor();
  await nav('Services').click();
  await page.getByRole('button', { name: 'Use ceremony keys…' }).click();
  const picker = page.getByLabel('Pick the log key from a logged-in token');
  await picker.waitFor();
  // The log signs checkpoints with ECDSA P-256: only such keys are offered for it.
  const offered = await picker.locator('option').allInnerTexts();
  assert.ok(offered.some((o) => /^ceremony: rootsmith-rekor-log \(ecdsa-p256/.test(o)), offered.join('\n'));
  assert.ok(offered.slice(1).every((o) => /ecdsa-p256/.test(o)), offered.join('\n'));
  const logKey = offered.find((o) => o.startsWith('ceremony: rootsmith-rekor-log'))!;
  await picker.selectOption({ label: logKey });
  const uri = await page.getByLabel('Log key (ECDSA P-256)').inputValue();
  assert.match(uri, /^pkcs11:.*object=rootsmith-rekor-log.*type=private/);
  await page.getByLabel('Pick the TSA key from a logged-in token').selectOption({ label: (await page.getByLabel('Pick the TSA key from a logged-in token').locator('option').allInnerTexts()).find((o) => o.startsWith('ceremony: rootsmith-tsa-signing'))! });
  assert.match(await page.getByLabel('TSA key', { exact: true }).inputValue(), /object=rootsmith-tsa-signing/);
  await screenshot(page, 'services-hsm-key-picker');
  assert.deepEqual(pageErrors, []);
});
