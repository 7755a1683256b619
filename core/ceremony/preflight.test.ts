// Preflight and resume safety with rehearsal key files: a wrong root certificate is refused at import (before
// any key is made), a changed input after it was used is refused with what was recorded, outputs and key files
// in the way are found before the ceremony begins, and a 0-byte key file is named with what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../clock';
import { runCeremony, type CeremonyOptions, type CeremonyUi } from './engine';
import { softwareKeyStore } from './key-store-software';
import { loadPlanFile } from './plan-load';
import { verifyCeremonyDir } from './ceremony-verify';

const PASS = 'rehearsal passphrase';
const presets = path.resolve(__dirname, '..', '..', '..', 'resources', 'ceremonies');
const presetDir = fs.existsSync(presets) ? presets : path.resolve(__dirname, '..', '..', 'resources', 'ceremonies');

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-preflight-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function ui(confirm: (id: string) => boolean = () => true): CeremonyUi & { pins: number } {
  const u = {
    pins: 0,
    confirm: async (step: { id: string }) => confirm(step.id),
    pin: async () => {
      u.pins++;
      return PASS;
    },
    progress: () => undefined,
  };
  return u;
}

function options(preset: string, dir: string, keyDir: string, extra: Partial<CeremonyOptions> = {}): CeremonyOptions {
  return {
    plan: loadPlanFile(path.join(presetDir, `${preset}.yaml`), new Date()),
    dir,
    inputs: {},
    clock: systemClock,
    ui: ui(),
    openKeyStore: async (pin) => softwareKeyStore(keyDir, await pin()),
    keyLocation: 'files',
    ...extra,
  };
}

const code = (c: string, pattern?: RegExp) => (e: unknown) => {
  assert.equal((e as { code?: string }).code, c, (e as Error).message);
  if (pattern) assert.match((e as Error).message, pattern);
  return true;
};

test('a root certificate that is not of the root key is refused at import, before a key is made; the right one then works', async (t) => {
  const tmp = tempDir(t);
  const keys = path.join(tmp, 'keys');
  await runCeremony(options('root-ca', path.join(tmp, 'root'), keys));
  await runCeremony(options('root-ca', path.join(tmp, 'other-root'), path.join(tmp, 'other-keys')));
  const right = path.join(tmp, 'root', 'root-ca.pem');
  const wrong = path.join(tmp, 'other-root', 'root-ca.pem');

  // CLI mode (key store checked first): refused before the ceremony begins; no transcript, no key.
  const first = path.join(tmp, 'int-first');
  await assert.rejects(
    runCeremony(options('fulcio-intermediate', first, keys, { inputs: { 'root-cert': wrong }, openKeyStoreFirst: true })),
    code('KEY_MISMATCH', /is not the certificate of the key "rootsmith-root-ca".*Nothing was imported and no key was made/s),
  );
  assert.deepEqual(fs.readdirSync(first), [], 'no transcript is begun');
  assert.deepEqual(fs.readdirSync(keys), ['rootsmith-root-ca.key']);

  // GUI mode (store opened when a step needs it): the import step fails, before the intermediate key exists.
  const lazy = path.join(tmp, 'int-lazy');
  await assert.rejects(runCeremony(options('fulcio-intermediate', lazy, keys, { inputs: { 'root-cert': wrong } })), code('KEY_MISMATCH'));
  assert.deepEqual(fs.readdirSync(keys), ['rootsmith-root-ca.key']);
  assert.ok(!fs.existsSync(path.join(lazy, 'root-ca.pem')));
  // The import was never used, so the right file may now be given: the transcript notes the change.
  const r = await runCeremony(options('fulcio-intermediate', lazy, keys, { inputs: { 'root-cert': right } }));
  assert.deepEqual(r.steps.map((s) => s.status), ['already-done', 'done', 'done', 'done', 'done']);
  assert.match(fs.readFileSync(path.join(lazy, 'transcript.jsonl'), 'utf8'), /Input \\"root-cert\\" now names/);
  assert.equal(verifyCeremonyDir(lazy).ok, true);
});

test('a rerun with a different input than the one a done step used is refused, saying what was recorded', async (t) => {
  const tmp = tempDir(t);
  const keys = path.join(tmp, 'keys');
  await runCeremony(options('root-ca', path.join(tmp, 'root'), keys));
  const right = path.join(tmp, 'root', 'root-ca.pem');
  const copy = path.join(tmp, 'root-copy.pem');
  fs.writeFileSync(copy, `${fs.readFileSync(right, 'utf8')}\n`); // the same certificate, different bytes
  const out = path.join(tmp, 'int');
  // Import done, then stopped at the key step.
  await assert.rejects(runCeremony(options('fulcio-intermediate', out, keys, { inputs: { 'root-cert': right }, ui: ui((id) => id !== 'fulcio-key') })), code('CONFIRMATION_REFUSED'));
  const lines = fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8');
  await assert.rejects(
    runCeremony(options('fulcio-intermediate', out, keys, { inputs: { 'root-cert': copy }, openKeyStoreFirst: true })),
    code('INPUT_MISMATCH', new RegExp(`Input "root-cert" is now ${copy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .*recorded a different file \\(${right.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\).*step "root-cert" already used it.*--input root-cert=PATH, or start over in a new ceremony directory`, 's')),
  );
  assert.equal(fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8'), lines, 'nothing is appended');
  const r = await runCeremony(options('fulcio-intermediate', out, keys, { inputs: { 'root-cert': right }, openKeyStoreFirst: true }));
  assert.deepEqual(r.steps.map((s) => s.status), ['already-done', 'already-done', 'done', 'done', 'done']);
});

test('outputs and key labels in the way are found before the ceremony begins or the PIN-protected store changes', async (t) => {
  const tmp = tempDir(t);
  const keys = path.join(tmp, 'keys');
  const out = path.join(tmp, 'out');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'root-ca.pub'), 'someone else\'s file');
  await assert.rejects(runCeremony(options('root-ca', out, keys, { openKeyStoreFirst: true })), code('OUTPUT_EXISTS', /already holds root-ca\.pub, which this ceremony would write.*Nothing was done/s));
  assert.deepEqual(fs.readdirSync(out), ['root-ca.pub'], 'no transcript');
  assert.ok(!fs.existsSync(path.join(keys, 'rootsmith-root-ca.key')), 'no key was made');
  fs.rmSync(path.join(out, 'root-ca.pub'));

  // A key file with the label, not made by this ceremony: refused before the ceremony begins.
  await runCeremony(options('root-ca', path.join(tmp, 'first'), keys));
  await assert.rejects(runCeremony(options('root-ca', out, keys, { openKeyStoreFirst: true })), code('KEY_LABEL_EXISTS', /software key directory .* already holds a key labelled "rootsmith-root-ca"/));
  assert.deepEqual(fs.readdirSync(out), []);
  // The same file under another passphrase: said so, not taken for a different key.
  await assert.rejects(
    runCeremony(options('root-ca', out, keys, { openKeyStoreFirst: true, ui: { ...ui(), pin: async () => 'another long passphrase' } })),
    code('PASSPHRASE_INCORRECT', /does not open .*rootsmith-root-ca\.key .*mistyped, or the file belongs to another rehearsal/s),
  );

  // On resume, an output of a later step that the transcript does not record is in the way too.
  const resumed = path.join(tmp, 'resumed');
  await assert.rejects(runCeremony(options('root-ca', resumed, path.join(tmp, 'keys2'), { ui: ui((id) => id !== 'root-cert') })), code('CONFIRMATION_REFUSED'));
  fs.writeFileSync(path.join(resumed, 'root-ca.pub'), 'stray');
  const before = fs.readFileSync(path.join(resumed, 'transcript.jsonl'), 'utf8');
  await assert.rejects(runCeremony(options('root-ca', resumed, path.join(tmp, 'keys2'), { openKeyStoreFirst: true })), code('OUTPUT_EXISTS'));
  assert.equal(fs.readFileSync(path.join(resumed, 'transcript.jsonl'), 'utf8'), before);
});

test('a too short passphrase is refused before the ceremony begins when keys are to be made', async (t) => {
  const tmp = tempDir(t);
  const out = path.join(tmp, 'out');
  const short: CeremonyUi = { ...ui(), pin: async () => 'short' };
  await assert.rejects(runCeremony(options('root-ca', out, path.join(tmp, 'keys'), { ui: short, openKeyStoreFirst: true })), code('PASSPHRASE_TOO_SHORT', /at least 12 characters/));
  assert.deepEqual(fs.readdirSync(out), []);
});

test('a 0-byte key file left by an interrupted run is named with what to do; after removing it the rerun completes', async (t) => {
  const tmp = tempDir(t);
  const keys = path.join(tmp, 'keys');
  const out = path.join(tmp, 'out');
  // The ceremony began; the key generation was then interrupted, leaving an empty file (older versions did).
  await assert.rejects(runCeremony(options('root-ca', out, keys, { ui: ui(() => false) })), code('CONFIRMATION_REFUSED'));
  const keyFile = path.join(keys, 'rootsmith-root-ca.key');
  fs.mkdirSync(keys);
  fs.writeFileSync(keyFile, '');
  await assert.rejects(
    runCeremony(options('root-ca', out, keys, { openKeyStoreFirst: true })),
    code('KEY_UNSUPPORTED', /rootsmith-root-ca\.key for "rootsmith-root-ca" is empty \(0 bytes\).*Delete it and run the ceremony again/s),
  );
  assert.ok(fs.existsSync(keyFile), 'never deleted by Rootsmith');
  fs.rmSync(keyFile);
  const r = await runCeremony(options('root-ca', out, keys, { openKeyStoreFirst: true }));
  assert.deepEqual(r.steps.map((s) => s.status), ['done', 'done', 'done']);
  assert.equal(verifyCeremonyDir(out).complete, true);
});
