// Crash safety of a ceremony: the CLI is SIGKILLed at an exact point (after the root key exists on the token,
// before the root certificate; the ROOTSMITH_TEST_PAUSE_AFTER_STEP test seam stops it there), then the same
// command is run again. It resumes, finds the key instead of making a second one, and finishes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli';
import { makeToken, runArgs, tokenKeys } from './support/ceremony';
import { cliEntry, projectRoot } from './support/paths';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-ceremony-crash-');
after(() => tmp.cleanup());
let env: Record<string, string> = {};
let conf = '';
before(async () => {
  ({ env, conf } = await makeToken(tmp.dir));
});

/** Starts the CLI with the pause seam and resolves once it reports the pause; the caller kills it. */
function runUntilPaused(args: string[], step: string): Promise<{ kill(): Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, ...args], { cwd: projectRoot, env: { ...process.env, ...env, ROOTSMITH_TEST_PAUSE_AFTER_STEP: step }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((res) => child.once('exit', (_code, signal) => res(signal === 'SIGKILL' ? null : (_code ?? -1))));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes(`ROOTSMITH_TEST_PAUSED ${step}\n`)) {
        resolve({
          kill: async () => {
            child.kill('SIGKILL');
            return exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`the CLI exited (${String(code)}) before pausing:\n${stderr}`)));
  });
}

test('SIGKILL after the root key is generated, then a rerun: one root key, a finished ceremony, a verified transcript', async () => {
  const out = path.join(tmp.dir, 'ceremony');
  const paused = await runUntilPaused(runArgs('root-and-intermediate', out), 'root-key');
  // At the pause the key is on the token and recorded, and no certificate exists yet.
  assert.deepEqual((await tokenKeys(conf)).map((k) => k.label), ['rootsmith-root-ca']);
  assert.equal(await paused.kill(), null);
  assert.ok(!fs.existsSync(path.join(out, 'root-ca.pem')));

  const r = runCli(runArgs('root-and-intermediate', out), env);
  assert.equal(r.status, 0, r.stderr);
  const result = r.json() as { resumed: boolean; steps: { id: string; status: string }[] };
  assert.equal(result.resumed, true);
  assert.deepEqual(result.steps.map((s) => [s.id, s.status]), [
    ['root-key', 'already-done'],
    ['root-cert', 'done'],
    ['fulcio-key', 'done'],
    ['fulcio-cert', 'done'],
    ['fulcio-chain', 'done'],
  ]);
  const keys = await tokenKeys(conf);
  assert.equal(keys.filter((k) => k.label === 'rootsmith-root-ca').length, 1);
  assert.equal(keys.length, 2);

  const transcript = fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8');
  assert.match(transcript, /Ceremony resumed: 1 of 5 steps were already done/);
  assert.match(transcript, /Found the key \\?"rootsmith-root-ca\\?" on token/);
  const v = runCli(['ceremony', 'verify', out, '--json'], env);
  assert.equal(v.status, 0, v.stderr);
  assert.equal((v.json() as { complete: boolean }).complete, true);
  // The root certificate certifies the very key generated before the crash.
  const rootKey = keys.find((k) => k.label === 'rootsmith-root-ca')!;
  const certSpki = execFileSync('openssl', ['x509', '-in', path.join(out, 'root-ca.pem'), '-noout', '-pubkey'], { encoding: 'utf8' });
  const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: certSpki });
  assert.deepEqual(new Uint8Array(der), rootKey.spki);
  execFileSync('openssl', ['verify', '-x509_strict', '-CAfile', path.join(out, 'root-ca.pem'), path.join(out, 'fulcio-intermediate.pem')]);
});

test('a key left on the token by a crash before it was recorded is adopted on resume, and the transcript says so', async () => {
  // Simulate the crash between C_GenerateKeyPair and the transcript append: the ceremony has begun (the operator
  // declined the first step at the prompt), the key then appears on the token, and no line records it.
  const out = path.join(tmp.dir, 'adopt');
  const declined = spawnSync(process.execPath, [cliEntry, ...runArgs('log-keys', out).filter((a) => a !== '--yes')], { cwd: projectRoot, env: { ...process.env, ...env }, input: 'n\n', encoding: 'utf8' });
  assert.equal(declined.status, 1, declined.stderr);
  assert.match(declined.stderr, /Proceed\? \[y\/N\]/);
  assert.match(declined.stderr, /CONFIRMATION_REFUSED/);
  const pre = runCli(['keys', 'generate', '--module', '/usr/lib/softhsm/libsofthsm2.so', '--token', 'ceremony', '--label', 'rootsmith-rekor-log', '--curve', 'p256', '--pin-env', 'RS_PIN', '--json'], env);
  assert.equal(pre.status, 0, pre.stderr);
  const r = runCli(runArgs('log-keys', out), env);
  assert.equal(r.status, 0, r.stderr);
  assert.match(fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8'), /Adopted the ecdsa-p256 key \\?"rootsmith-rekor-log\\?"/);
  assert.equal((await tokenKeys(conf)).filter((k) => k.label === 'rootsmith-rekor-log').length, 1);
  // A fresh ceremony does not take over a key it did not make.
  const fresh = runCli(runArgs('log-keys', path.join(tmp.dir, 'fresh')), env);
  assert.equal(fresh.status, 1);
  assert.match(fresh.stderr, /KEY_LABEL_EXISTS/);
});

test('a certificate written before the crash but not recorded is checked and kept; a foreign file is refused', () => {
  const out = path.join(tmp.dir, 'ceremony');
  // As if the process died after writing fulcio-intermediate.pem but before recording it: cut the transcript there
  // (a crash after an fsynced line is exactly a transcript that ends at that line).
  const lines = fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8').split('\n').filter(Boolean);
  const cut = lines.findIndex((l) => l.includes('"step":"fulcio-cert"') && l.includes('"kind":"step"'));
  fs.writeFileSync(path.join(out, 'transcript.jsonl'), `${lines.slice(0, cut).join('\n')}\n`);
  const before = fs.readFileSync(path.join(out, 'fulcio-intermediate.pem'));
  const r = runCli(runArgs('root-and-intermediate', out), env);
  assert.equal(r.status, 0, r.stderr);
  const transcript = fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8');
  assert.match(transcript, /Kept fulcio-intermediate.pem, signed by an interrupted run and not yet recorded, after checking its key, signature and lint/);
  assert.deepEqual(fs.readFileSync(path.join(out, 'fulcio-intermediate.pem')), before);
  assert.equal(runCli(['ceremony', 'verify', out], env).status, 0);

  const other = path.join(tmp.dir, 'foreign');
  fs.mkdirSync(other);
  fs.writeFileSync(path.join(other, 'root-ca.pem'), fs.readFileSync(path.join(out, 'fulcio-intermediate.pem')));
  const plan = path.join(tmp.dir, 'root-2.yaml');
  fs.writeFileSync(plan, fs.readFileSync(path.join(projectRoot, 'resources', 'ceremonies', 'root-ca.yaml'), 'utf8').replace('label: rootsmith-root-ca', 'label: rootsmith-root-ca-2'));
  const refused = runCli(runArgs(plan, other), env);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /root-ca\.pem exists but no transcript line records it.*certifies a different key.*\[OUTPUT_EXISTS\]/s);
});
