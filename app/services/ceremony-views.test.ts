// What the wizard shows of a ceremony directory: transcript lines decoded (keys and certificates with their
// fingerprints), certificates decoded from the files the transcript recorded, and nothing from a changed file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestToken } from '../../core/keys';
import { createCeremonyService, describePlan } from './ceremony-service';
import { certificateViews, transcriptView } from './ceremony-views';
import { createKeysService } from './keys-service';

const PIN = '246810';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-ceremony-views-'));
const keys = createKeysService();
const service = createCeremonyService(keys);
const out = path.join(dir, 'out');

before(async () => {
  const token = await createTestToken({ dir: path.join(dir, 'hsm'), label: 'views', pin: PIN, soPin: '13579111' });
  process.env.SOFTHSM2_CONF = token.conf;
  let s = await service.start({ plan: 'root-and-intermediate', out, token: 'views', operator: 'alice', witnesses: ['bob'], acknowledgements: ['rehearsal with eth0 up'] });
  while (s.status === 'awaiting-confirmation' || s.status === 'awaiting-pin') {
    s = s.status === 'awaiting-pin' ? await service.providePin({ sessionId: s.sessionId, pin: PIN }) : await service.confirm({ sessionId: s.sessionId, stepId: s.pending!.stepId, accept: true });
  }
  assert.equal(s.status, 'complete');
});
after(() => {
  service.dispose();
  keys.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the plan view carries each step’s parameters: profile, subject, validity, output', () => {
  const plan = describePlan('root-and-intermediate');
  const rootCert = plan.steps.find((s) => s.id === 'root-cert')!;
  assert.equal(rootCert.profile, 'root-ca');
  assert.deepEqual(rootCert.subject, { commonName: 'Example Sigstore Root', organization: 'Example Org' });
  assert.deepEqual(rootCert.validity, { years: 10 });
  assert.equal(rootCert.output, 'root-ca.pem');
  assert.equal(plan.steps[0]!.algorithm, 'ecdsa-p384');
});

test('transcript lines are decoded, keys and certificates with fingerprints, the acknowledgement recorded', () => {
  const t = transcriptView(out);
  assert.equal(t.chainOk, true);
  assert.deepEqual(t.lines.map((l) => l.kind), ['begin', 'ack', 'step', 'step', 'step', 'step', 'step', 'end']);
  assert.match(t.lines[1]!.action, /acknowledged: rehearsal with eth0 up/);
  assert.equal(t.lines[0]!.operator, 'alice');
  assert.deepEqual(t.lines[0]!.witnesses, ['bob']);
  const rootKey = t.lines.find((l) => l.step === 'root-key')!;
  assert.equal(rootKey.key?.label, 'rootsmith-root-ca');
  assert.match(rootKey.key!.spkiSha256, /^[0-9a-f]{64}$/);
  assert.equal(rootKey.key!.words.split(' ').length, 8);
  const fulcio = t.lines.find((l) => l.step === 'fulcio-cert')!;
  assert.match(fulcio.certificate!.subject, /CN=Example Sigstore Intermediate/);
  assert.deepEqual(fulcio.outputs.map((o) => o.file), ['fulcio-intermediate.pem']);
  assert.equal(JSON.parse(fulcio.raw).hash, fulcio.hash);
  assert.deepEqual(t.lines.filter((l) => l.key).map((l) => l.step), ['root-key', 'fulcio-key']);
  assert.equal(t.digest, t.lines[7]!.hash);
  // The fingerprints agree with fingerprints.txt, which the witnesses also get.
  const txt = fs.readFileSync(path.join(out, 'fingerprints.txt'), 'utf8');
  assert.ok(txt.includes(`${rootKey.key!.spkiSha256}  ${rootKey.key!.words}`));
  assert.ok(txt.includes(`${fulcio.certificate!.sha256}  ${fulcio.certificate!.words}`));
  assert.ok(!fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8').includes(PIN));
});

test('certificates are decoded from the recorded files, and a changed file is not shown', () => {
  const { certificates } = certificateViews(out);
  assert.deepEqual(certificates.map((c) => c.file), ['root-ca.pem', 'fulcio-intermediate.pem']);
  const [root, inter] = certificates as [(typeof certificates)[0], (typeof certificates)[0]];
  assert.equal(root.selfIssued, true);
  assert.deepEqual(root.basicConstraints, { critical: true, ca: true });
  assert.ok(root.keyUsage?.usages.includes('keyCertSign'));
  assert.equal(inter.issuer, root.subject);
  assert.equal(inter.authorityKeyIdHex, root.subjectKeyIdHex);
  assert.deepEqual(inter.extKeyUsage?.usages.map((u) => u.name), ['Code signing']);
  assert.equal(inter.publicKey, 'ECDSA P-384');

  const copy = path.join(dir, 'copy');
  fs.cpSync(out, copy, { recursive: true });
  fs.copyFileSync(path.join(copy, 'root-ca.pem'), path.join(copy, 'fulcio-intermediate.pem'));
  assert.deepEqual(certificateViews(copy).certificates.map((c) => c.file), ['root-ca.pem']);
  // A half-written last line is not shown.
  fs.appendFileSync(path.join(copy, 'transcript.jsonl'), '{"kind":"note"');
  assert.equal(transcriptView(copy).lines.length, 8);
  assert.deepEqual(transcriptView(path.join(dir, 'nothing-here')).lines, []);
});
