// Drives the Log explorer in Chromium through the web host against the real embedded log (`rootsmith serve --log`)
// holding 100,000 signed hashedrekord entries: connect, scroll deep and to the end of the virtualised list, move
// with the keyboard, open an entry and see its inclusion proof drawn and verified in the window, search, and
// check consistency between two checkpoints after new entries arrive through the Rekor API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { RekorClient } from '../../app/log-client/rekor-client';
import { screenshot } from '../support/browser';
import { runCli } from '../support/cli';
import { openPage, startGuiHarness, type GuiHarness } from '../support/gui-harness';
import { CERT_EVERY, proposeEntry, writeRekorLog, type WrittenLog } from '../support/log-data';
import { startServe, type Served } from '../support/serve';

const SIZE = 100_000;
let written: WrittenLog;
let served: Served;
let logUrl: string;
let gui: GuiHarness;

before(async () => {
  gui = await startGuiHarness('rs-e2e-log-');
  const data = `${gui.home}/serve`;
  written = await writeRekorLog(data, SIZE);
  served = await startServe(['--log', '--data', data]);
  logUrl = served.urls['log']!;
});

after(async () => {
  await served?.stop();
  await gui?.close();
});

const list = (page: Page) => page.getByRole('listbox', { name: 'Entries' });
const row = (page: Page, index: number) => page.locator(`#entry-row-${index}`);

/** Waits until row `index` is drawn with its fetched content (not the "loading…" placeholder). */
async function loadedRow(page: Page, index: number): Promise<string> {
  const r = row(page, index);
  await r.locator('.col-kind').waitFor();
  return r.innerText();
}

async function scrollListTo(page: Page, index: number): Promise<void> {
  await list(page).evaluate((el, top) => {
    el.scrollTop = top;
  }, index * 30);
}

test('Log explorer: 100,000 entries, deep scrolling, a verified proof drawn, search, consistency', async () => {
  const { page, pageErrors } = await openPage(gui, 1000);
  // Every page of rows the window asks the backend for.
  const pages: { start: number; count: number }[] = [];
  page.on('request', (req) => {
    if (req.url().endsWith('/api/log/entries')) pages.push(JSON.parse(req.postData() ?? '{}') as { start: number; count: number });
  });
  await page.goto(gui.host.launchUrl);
  await page.getByRole('button', { name: 'Log', exact: true }).click();
  await page.getByRole('heading', { name: 'Log explorer', level: 1 }).waitFor();

  await page.getByLabel(/Log URL/).fill(logUrl);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByTestId('log-size').getByText('100,000').waitFor();
  assert.match(await page.getByRole('table', { name: 'Checkpoint history' }).innerText(), /100,000[\s\S]*valid/);
  const first = await loadedRow(page, 0);
  assert.match(first, /#0[\s\S]*hashedrekord[\s\S]*release-bot@example\.com/, 'entry 0 shows its kind and certificate identity');
  await screenshot(page, 'log-explorer-connected');

  // Deep: around entry 60,000, then the end. Only a screenful of rows exists in the page at any time.
  await scrollListTo(page, 60_000);
  assert.match(await loadedRow(page, 60_000), /#60000[\s\S]*hashedrekord/);
  assert.ok((await page.getByRole('option').count()) <= 30, 'the list draws only the visible rows (plus a few)');
  await screenshot(page, 'log-explorer-scrolled-60000');

  // Keyboard: focus the list, End goes to the newest entry, arrows and Page keys move the selection.
  await list(page).focus();
  await page.keyboard.press('End');
  await loadedRow(page, SIZE - 1);
  assert.equal(await row(page, SIZE - 1).getAttribute('aria-selected'), 'true');
  await screenshot(page, 'log-explorer-end');
  await page.keyboard.press('PageUp');
  await page.keyboard.press('ArrowUp');
  const selected = SIZE - 1 - 13 - 1;
  assert.equal(await row(page, selected).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Home');
  assert.equal(await row(page, 0).getAttribute('aria-selected'), 'true');
  // Only the pages around what was shown were fetched: the start, ~60,000 and the end, never the log.
  const fetched = pages.reduce((n, p) => n + p.count, 0);
  assert.ok(fetched <= 600, `fetched ${fetched} rows of ${SIZE}`);
  assert.ok(pages.every((p) => p.start < 200 || Math.abs(p.start - 60_000) <= 200 || p.start >= SIZE - 300), JSON.stringify(pages));
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');

  // The opened entry: decoded, and its proof drawn and checked in the window against the checkpoint's root.
  const opened = SIZE - 2;
  const detail = page.getByTestId('entry-detail');
  await detail.getByRole('heading', { name: `Entry #${opened}` }).waitFor();
  const verdict = page.getByTestId('proof-verdict');
  const proof = (await new RekorClient(logUrl).entryByIndex(opened)).entry.verification!.inclusionProof!;
  assert.equal(proof.treeSize, SIZE);
  assert.match(await verdict.innerText(), new RegExp(`^verified: the path from leaf #${opened} reaches the checkpoint’s root \\(${proof.hashes.length} hashes`));
  assert.equal(await page.getByTestId('proof-step').count(), proof.hashes.length, 'one drawn level per proof hash');
  const roots = page.getByTestId('proof-roots');
  assert.match((await roots.getAttribute('class')) ?? '', /\bok\b/, 'the roots box is green');
  const computed = await roots.getByLabel('Computed root').getAttribute('data-hash');
  const checkpointRoot = await roots.getByLabel('Checkpoint root').getAttribute('data-hash');
  assert.ok(computed && computed === checkpointRoot, 'the computed root equals the checkpoint root');
  assert.match(await detail.innerText(), /Signed entry timestamp: valid[\s\S]*Checkpoint signature: valid/);
  assert.match(await page.getByTestId('public-key').innerText(), /ECDSA P-256/);
  await screenshot(page, 'log-explorer-entry-proof');

  // An entry signed with a Fulcio-style certificate: subject, SAN and the OIDC issuer extension decoded.
  await scrollListTo(page, 60_000);
  const certIndex = 60_000;
  assert.equal(certIndex % CERT_EVERY, 0);
  await loadedRow(page, certIndex);
  await row(page, certIndex).click();
  await detail.getByRole('heading', { name: `Entry #${certIndex}` }).waitFor();
  assert.match(await page.getByTestId('cert-san').innerText(), /email:release-bot@example\.com/);
  assert.equal(await page.getByTestId('cert-oidc-issuer').innerText(), written.certIssuer);
  assert.match(await verdict.innerText(), /^verified/);
  await detail.getByRole('button', { name: 'Raw JSON' }).click();
  assert.match(await page.getByTestId('entry-raw').innerText(), /"inclusionProof"/);
  await detail.getByRole('button', { name: 'Decoded view' }).click();
  await screenshot(page, 'log-explorer-certificate-entry');

  // Search by index, then by the artifact digest through the log's index.
  const search = page.getByLabel(/Index, entry UUID/);
  await search.fill('12345');
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByRole('region', { name: 'Search results' });
  await results.getByText('read as index: 1 entry').waitFor();
  await search.fill(`sha256:${written.artifactDigest(4242)}`);
  await page.getByRole('button', { name: 'Search' }).click();
  await results.getByText('read as hash: 1 entry').waitFor();
  await results.getByRole('button', { name: '#4242' }).click();
  await detail.getByRole('heading', { name: 'Entry #4242' }).waitFor();
  assert.match(await verdict.innerText(), /^verified/);

  // New entries through the real API make a second checkpoint; the two are checked for consistency in the window.
  const client = new RekorClient(logUrl);
  for (const label of ['after-1', 'after-2', 'after-3']) await client.createEntry(proposeEntry(label));
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByTestId('log-size').getByText('100,003').waitFor();
  assert.equal(await page.getByRole('table', { name: 'Checkpoint history' }).locator('tbody tr').count(), 2);
  await page.getByLabel('First checkpoint (size)').selectOption('100000');
  await page.getByLabel('Second checkpoint (size)').selectOption('100003');
  await page.getByRole('button', { name: 'Check consistency' }).click();
  const consistency = page.getByTestId('consistency-result');
  await consistency.waitFor();
  assert.match(await consistency.getByRole('status').innerText(), /^consistent: the log of 100,003 entries extends the log of 100,000/);
  assert.ok((await page.getByTestId('consistency-step').count()) >= 1, 'the proof is listed step by step');
  await consistency.scrollIntoViewIfNeeded();
  await screenshot(page, 'log-explorer-consistency');

  // The open entry (#4242) proven in the earlier tree of 100,000, as `rootsmith log proof URL --index N --size S` does:
  // the same root and path as the CLI, and that tree consistent with the current signed checkpoint.
  const atSize = page.getByTestId('proof-at-size');
  await atSize.getByLabel(/^Tree size/).fill('100000');
  await atSize.getByRole('button', { name: 'Prove inclusion at this size' }).click();
  const atSizeVerdict = atSize.getByTestId('proof-at-size-verdict');
  await atSizeVerdict.waitFor();
  assert.match(await atSizeVerdict.innerText(), /^verified: entry #4242 is in the tree of 100,000 \(\d+ hashes[\s\S]*signed checkpoint of 100,003/);
  const cliProof = runCli(['log', 'proof', logUrl, '--index', '4242', '--size', '100000', '--json']);
  assert.equal(cliProof.status, 0, cliProof.stderr);
  const cliPast = cliProof.json() as { rootAtSize: string; hashes: string[] };
  assert.equal(await atSize.getByLabel('Root at the chosen size').getAttribute('data-hash'), cliPast.rootAtSize, 'the GUI shows the root the CLI computes');
  assert.equal(await atSize.getByTestId('proof-at-size-step').count(), cliPast.hashes.length, 'one row per proof hash');
  await atSize.scrollIntoViewIfNeeded();
  await screenshot(page, 'log-explorer-proof-at-size');
  assert.deepEqual(pageErrors, []);
});
