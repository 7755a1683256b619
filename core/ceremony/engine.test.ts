import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../clock';
import { createTestToken } from '../keys/test-token';
import { runCeremony, type CeremonyEvent, type CeremonyUi } from './engine';
import { openPkcs11KeyStore } from './key-store-pkcs11';
import { softwareKeyStore } from './key-store-software';
import { parsePlan } from './plan-load';
import { verifyTranscriptFile } from './transcript-verify';
import { verifyCeremonyDir } from './ceremony-verify';

const PIN = '123456';
const presets = path.resolve(__dirname, '..', '..', '..', 'resources', 'ceremonies');
const presetDir = fs.existsSync(presets) ? presets : path.resolve(__dirname, '..', '..', 'resources', 'ceremonies');

async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-engine-'));
  const token = await createTestToken({ dir: path.join(dir, 'hsm'), label: 'ceremony', pin: PIN, soPin: '87654321' });
  return { dir, token, out: path.join(dir, 'out'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function ui(answers: { confirm?: (id: string) => boolean; pin?: string } = {}) {
  const events: CeremonyEvent[] = [];
  let pins = 0;
  const u: CeremonyUi = {
    confirm: async (step) => answers.confirm?.(step.id) ?? true,
    pin: async () => {
      pins++;
      return answers.pin ?? PIN;
    },
    progress: (e) => events.push(e),
  };
  return { ui: u, events, pins: () => pins };
}

test('root-and-intermediate runs on SoftHSM, asks the PIN once, and a rerun does nothing', async () => {
  const s = await setup();
  try {
    const text = fs.readFileSync(path.join(presetDir, 'root-and-intermediate.yaml'), 'utf8');
    const loaded = parsePlan(text, new Date());
    const u = ui();
    const opts = { plan: loaded, dir: s.out, inputs: {}, clock: systemClock, operator: 'alice', witnesses: ['bob'], openKeyStore: async (pin: () => Promise<string>) => openPkcs11KeyStore(s.token.modulePath, 'ceremony', await pin(), { softhsm2Conf: s.token.conf }) };
    const r = await runCeremony({ ...opts, ui: u.ui });
    assert.equal(u.pins(), 1);
    assert.deepEqual(r.steps.map((x) => x.status), ['done', 'done', 'done', 'done', 'done']);
    assert.deepEqual(r.outputs, ['fingerprints.txt', 'fulcio-chain.pem', 'fulcio-intermediate.pem', 'root-ca.pem']);
    assert.match(fs.readFileSync(path.join(s.out, 'fingerprints.txt'), 'utf8'), /^certificate  root-ca\.pem  [0-9a-f]{64}  (\w+ ){7}\w+$/m);
    assert.equal(r.digestWords.split(' ').length, 16);
    const check = verifyTranscriptFile(s.out, 'transcript.jsonl');
    assert.deepEqual(check.problems, []);
    execFileSync('openssl', ['verify', '-x509_strict', '-CAfile', path.join(s.out, 'root-ca.pem'), path.join(s.out, 'fulcio-intermediate.pem')]);
    const again = ui();
    const r2 = await runCeremony({ ...opts, ui: again.ui });
    assert.equal(r2.alreadyComplete, true);
    assert.equal(again.pins(), 0);
    assert.equal(r2.digest, r.digest);
  } finally {
    s.cleanup();
  }
});

const SHORT_ROOT = `version: 1
name: short
title: Short-lived root with a signed transcript
steps:
  - { id: root-key, type: generate-key, label: short-root, algorithm: ecdsa-p256 }
  - id: root-cert
    type: certificate
    profile: root-ca
    key: root-key
    subject: { commonName: Short Root, organization: Test }
    validity: { days: 30 }
    output: short-root.pem
  - { id: transcript-key, type: generate-key, label: transcript-signing, algorithm: ecdsa-p256 }
signDigestWith: transcript-key
`;

const LONG_INTERMEDIATE = `version: 1
name: long
title: Intermediate outliving its imported root
inputs:
  root: { description: the short root }
steps:
  - { id: root-key, type: existing-key, label: short-root }
  - { id: root-cert, type: import-certificate, input: root, output: root.pem }
  - { id: int-key, type: generate-key, label: long-int, algorithm: ecdsa-p256 }
  - id: int-cert
    type: certificate
    profile: fulcio-intermediate
    key: int-key
    issuer: root-cert
    issuerKey: root-key
    subject: { commonName: Long Intermediate, organization: Test }
    validity: { years: 3 }
    output: int.pem
`;

test('the transcript digest is signed by the plan key and verifies; a lint failure stops before signing', async () => {
  const s = await setup();
  try {
    const store = async (pin: () => Promise<string>) => openPkcs11KeyStore(s.token.modulePath, 'ceremony', await pin(), { softhsm2Conf: s.token.conf });
    const r = await runCeremony({ plan: parsePlan(SHORT_ROOT, new Date()), dir: s.out, inputs: {}, clock: systemClock, ui: ui().ui, openKeyStore: store });
    assert.equal(r.signedBy, 'transcript-key');
    const check = verifyCeremonyDir(s.out);
    assert.deepEqual(check.problems, []);
    assert.equal(check.signatures.length, 1);
    assert.equal(check.signatures[0]!.digest, r.digest);

    const out2 = path.join(s.dir, 'out2');
    const u = ui();
    await assert.rejects(
      runCeremony({ plan: parsePlan(LONG_INTERMEDIATE, new Date()), dir: out2, inputs: { root: path.join(s.out, 'short-root.pem') }, clock: systemClock, ui: u.ui, openKeyStore: store }),
      (e: unknown) => (e as { code?: string }).code === 'LINT_FAILED' && /validity-within-issuer/.test((e as Error).message),
    );
    assert.ok(!fs.existsSync(path.join(out2, 'int.pem')));
    const lines = fs.readFileSync(path.join(out2, 'transcript.jsonl'), 'utf8');
    assert.match(lines, /Step \\"int-cert\\" failed: .*\[LINT_FAILED\]/);
    assert.equal(verifyCeremonyDir(out2).ok, true);
  } finally {
    s.cleanup();
  }
});

test('a declined step stops the ceremony, and the next run resumes at that step', async () => {
  const s = await setup();
  try {
    const text = fs.readFileSync(path.join(presetDir, 'root-ca.yaml'), 'utf8');
    const opts = { plan: parsePlan(text, new Date()), dir: s.out, inputs: {}, clock: systemClock, openKeyStore: async (pin: () => Promise<string>) => openPkcs11KeyStore(s.token.modulePath, 'ceremony', await pin(), { softhsm2Conf: s.token.conf }) };
    await assert.rejects(runCeremony({ ...opts, ui: ui({ confirm: (id) => id !== 'root-cert' }).ui }), (e: unknown) => (e as { code?: string }).code === 'CONFIRMATION_REFUSED');
    assert.ok(!fs.existsSync(path.join(s.out, 'root-ca.pem')));
    const r = await runCeremony({ ...opts, ui: ui().ui });
    assert.deepEqual(r.steps.map((x) => x.status), ['already-done', 'done', 'done']);
    // A different plan cannot continue this transcript.
    const other = parsePlan(text.replace('Example Sigstore Root', 'Other Root'), new Date());
    await assert.rejects(runCeremony({ ...opts, plan: other, ui: ui().ui }), (e: unknown) => (e as { code?: string }).code === 'TRANSCRIPT_MISMATCH');
  } finally {
    s.cleanup();
  }
});

test('a plan can be rehearsed with software key files; the ceremony directory still holds no private key', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-engine-soft-'));
  try {
    const out = path.join(dir, 'out');
    const keyDir = path.join(dir, 'keys');
    const text = fs.readFileSync(path.join(presetDir, 'root-and-intermediate.yaml'), 'utf8');
    const r = await runCeremony({ plan: parsePlan(text, new Date()), dir: out, inputs: {}, clock: systemClock, ui: ui({ pin: 'rehearsal passphrase' }).ui, openKeyStore: async (pin) => softwareKeyStore(keyDir, await pin()) });
    assert.equal(r.steps.length, 5);
    execFileSync('openssl', ['verify', '-x509_strict', '-CAfile', path.join(out, 'root-ca.pem'), path.join(out, 'fulcio-intermediate.pem')]);
    assert.deepEqual(fs.readdirSync(keyDir).sort(), ['rootsmith-fulcio-intermediate.key', 'rootsmith-root-ca.key']);
    assert.match(fs.readFileSync(path.join(keyDir, 'rootsmith-root-ca.key'), 'utf8'), /ENCRYPTED PRIVATE KEY/);
    for (const f of fs.readdirSync(out)) assert.doesNotMatch(fs.readFileSync(path.join(out, f), 'utf8'), /PRIVATE KEY/);
    assert.match(fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8'), /software key directory .* \(rehearsal only\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
