// The ceremony service as the GUI drives it: one step at a time against a real SoftHSM2 token, the PIN asked
// for before the ceremony begins (and again after a wrong one), cancel, and resume; and what Start refuses
// before anything is recorded (unreadable inputs, a directory of unrelated files, a key label already taken).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestToken } from '../../core/keys';
import { createCeremonyService } from './ceremony-service';
import { createKeysService } from './keys-service';

const PIN = '246810';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-ceremony-service-'));
const keys = createKeysService();
const service = createCeremonyService(keys);

before(async () => {
  const token = await createTestToken({ dir: path.join(dir, 'hsm'), label: 'gui', pin: PIN, soPin: '13579111' });
  process.env.SOFTHSM2_CONF = token.conf;
});
after(() => {
  service.dispose();
  keys.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('loadPlan describes every step before anything runs; a bad plan names its field', () => {
  const view = service.loadPlan({ plan: 'root-and-intermediate' }) as ReturnType<typeof service.loadPlan> & { steps: { id: string; description: string }[] };
  assert.deepEqual(view.steps.map((s) => s.id), ['root-key', 'root-cert', 'fulcio-key', 'fulcio-cert', 'fulcio-chain']);
  assert.match(view.steps[1]!.description, /lint it before signing/);
  const bad = path.join(dir, 'bad.yaml');
  fs.writeFileSync(bad, 'version: 1\nname: x\ntitle: X\nsteps: []\n');
  assert.throws(() => service.loadPlan({ plan: bad }), (e: unknown) => (e as { details?: { field?: string } }).details?.field === 'steps');
});

test('a session steps through root-and-intermediate: PIN (wrong, then right) before step 1, confirm each step, complete', async () => {
  const out = path.join(dir, 'gui-ceremony');
  let s = await service.start({ plan: 'root-and-intermediate', out, token: 'gui', operator: 'alice', witnesses: ['bob'] });
  assert.equal(s.status, 'awaiting-pin');
  const file = path.join(out, 'transcript.jsonl');
  assert.equal(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '', '', 'nothing is recorded before the token is checked');
  s = await service.providePin({ sessionId: s.sessionId, pin: '999999' });
  assert.equal(s.status, 'awaiting-pin');
  assert.equal(s.pinError?.code, 'PIN_INCORRECT');
  s = await service.providePin({ sessionId: s.sessionId, pin: PIN });
  assert.equal(s.status, 'awaiting-confirmation');
  assert.equal(s.pending?.stepId, 'root-key');
  assert.match(s.pending!.description, /Generate a new ecdsa-p384 key pair/);
  assert.deepEqual((await service.sessions({})).sessions.map((x) => x.sessionId), [s.sessionId], 'the running session can be found again');
  s = await service.confirm({ sessionId: s.sessionId, stepId: 'root-key', accept: true });
  assert.equal(s.pending?.stepId, 'root-cert');
  assert.equal(s.steps[0]!.status, 'done');
  assert.ok(!JSON.stringify(s).includes(PIN));
  // Confirming a step other than the pending one is refused.
  assert.throws(() => service.confirm({ sessionId: s.sessionId, stepId: 'fulcio-cert', accept: true }), (e: unknown) => (e as { code?: string }).code === 'SESSION_STATE');
  for (const id of ['root-cert', 'fulcio-key', 'fulcio-cert', 'fulcio-chain']) {
    assert.equal(s.pending?.stepId, id);
    s = await service.confirm({ sessionId: s.sessionId, stepId: id, accept: true });
  }
  assert.equal(s.status, 'complete');
  assert.deepEqual(s.result?.outputs, ['fingerprints.txt', 'fulcio-chain.pem', 'fulcio-intermediate.pem', 'root-ca.pem']);
  const report = await service.verify({ dir: out });
  assert.equal(report.ok, true);
  assert.equal(report.digest, s.result?.digest);
  const lint = await service.lint({ cert: path.join(out, 'fulcio-intermediate.pem'), profile: 'fulcio-intermediate', issuer: path.join(out, 'root-ca.pem') });
  assert.equal(lint.ok, true);
});

test('cancel stops a session at a confirmation; starting again resumes at that step', async () => {
  const out = path.join(dir, 'cancelled');
  let s = await service.start({ plan: 'log-keys', out, token: 'gui' });
  assert.equal(s.status, 'awaiting-pin');
  s = await service.providePin({ sessionId: s.sessionId, pin: PIN });
  s = await service.confirm({ sessionId: s.sessionId, stepId: 'log-key', accept: true });
  assert.equal(s.pending?.stepId, 'log-pub');
  s = await service.cancel({ sessionId: s.sessionId });
  assert.equal(s.status, 'cancelled');
  assert.equal(s.error?.code, 'CONFIRMATION_REFUSED');
  let again = await service.start({ plan: 'log-keys', out, token: 'gui' });
  again = await service.providePin({ sessionId: again.sessionId, pin: PIN });
  assert.equal(again.steps[0]!.status, 'already-done');
  assert.equal(again.pending?.stepId, 'log-pub');
  // Declining is the same as cancelling: nothing more happens and the ceremony can resume later.
  again = await service.confirm({ sessionId: again.sessionId, stepId: 'log-pub', accept: false });
  assert.equal(again.status, 'cancelled');
  assert.equal(again.steps[1]!.status, 'declined');
});

test('Start refuses, recording nothing: an input that is not a certificate, a folder of unrelated files, a label already taken', async () => {
  const pub = path.join(dir, 'root-ca.pub');
  fs.writeFileSync(pub, '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n');
  const check = await service.check({ plan: 'tsa-chain', out: path.join(dir, 'tsa'), inputs: { 'root-cert': pub } });
  assert.match(check.inputs.find((i) => i.name === 'root-cert')?.problem?.message ?? '', /not a readable PEM certificate/);
  await assert.rejects(async () => service.start({ plan: 'tsa-chain', out: path.join(dir, 'tsa'), token: 'gui', inputs: { 'root-cert': pub } }), (e: unknown) => (e as { code?: string }).code === 'INPUT_INVALID');
  assert.equal(fs.existsSync(path.join(dir, 'tsa', 'transcript.jsonl')), false);

  const busy = path.join(dir, 'busy');
  fs.mkdirSync(busy);
  fs.writeFileSync(path.join(busy, 'notes.txt'), 'unrelated');
  assert.equal((await service.check({ plan: 'log-keys', out: busy })).dir.state, 'unrelated');
  await assert.rejects(async () => service.start({ plan: 'log-keys', out: busy, token: 'gui' }), (e: unknown) => (e as { code?: string }).code === 'DIR_NOT_EMPTY');
  assert.deepEqual(fs.readdirSync(busy), ['notes.txt']);

  // The log keys exist on the token after the test above: a fresh directory for the same plan clashes.
  const clash = path.join(dir, 'clash');
  let s = await service.start({ plan: 'log-keys', out: clash, token: 'gui' });
  s = await service.providePin({ sessionId: s.sessionId, pin: PIN });
  assert.equal(s.status, 'failed');
  assert.match(s.error?.message ?? '', /rootsmith-rekor-log/);
  assert.equal(fs.existsSync(path.join(clash, 'transcript.jsonl')), false, 'a refused start leaves no transcript line');
});
