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
import { filesIn, makeToken, runArgs, tokenKeys } from './support/ceremony';
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
function runUntilPaused(args: string[], step: string, extraEnv: Record<string, string> = {}): Promise<{ kill(signal?: NodeJS.Signals): Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, ...args], { cwd: projectRoot, env: { ...process.env, ...env, ...extraEnv, ROOTSMITH_TEST_PAUSE_AFTER_STEP: step, ROOTSMITH_TEST_SEAMS: 'crash-tests' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((res) => child.once('exit', (_code, signal) => res(signal !== null ? null : (_code ?? -1))));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes(`ROOTSMITH_TEST_PAUSED ${step}\n`)) {
        resolve({
          kill: async (signal: NodeJS.Signals = 'SIGKILL') => {
            child.kill(signal);
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
  assert.match(declined.stderr, /Proceed with step 1 of 4\? \[y\/N\]/);
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

test('a certificate written before the crash but not recorded is checked and kept; a foreign file is refused', async () => {
  const out = path.join(tmp.dir, 'ceremony');
  // As if the process died after writing fulcio-intermediate.pem but before recording it: cut the transcript there
  // (a crash after an fsynced line is exactly a transcript that ends at that line).
  const lines = fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8').split('\n').filter(Boolean);
  const cut = lines.findIndex((l) => l.includes('"step":"fulcio-cert"') && l.includes('"kind":"step"'));
  fs.writeFileSync(path.join(out, 'transcript.jsonl'), `${lines.slice(0, cut).join('\n')}\n`);
  // What later steps wrote did not exist yet at that moment (a leftover of theirs is refused before resuming).
  for (const later of ['fulcio-chain.pem', 'fingerprints.txt']) fs.rmSync(path.join(out, later));
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
  // Found before the ceremony begins: no transcript, and no key was generated for it.
  assert.match(refused.stderr, /already holds root-ca\.pem, which this ceremony would write but its transcript does not record\. Nothing was done.*\[OUTPUT_EXISTS\]/s);
  assert.deepEqual(fs.readdirSync(other), ['root-ca.pem']);
  assert.ok(!(await tokenKeys(conf)).some((k) => k.label === 'rootsmith-root-ca-2'));
});

test('Ctrl-C (SIGINT) during a --key-dir rehearsal, with a key write cut short, then a rerun: it completes and verifies', async () => {
  const out = path.join(tmp.dir, 'rehearsal');
  const keyDir = path.join(tmp.dir, 'rehearsal-keys');
  const passEnv = { RS_PASS: 'correct horse battery' };
  const args = ['ceremony', 'run', 'private-sigstore', '--out', out, '--key-dir', keyDir, '--passphrase-env', 'RS_PASS', '--yes', '--json'];
  const paused = await runUntilPaused(args, 'fulcio-key', passEnv);
  assert.equal(await paused.kill('SIGINT'), null);
  assert.deepEqual(filesIn(keyDir), ['rootsmith-fulcio-intermediate.key', 'rootsmith-root-ca.key']);
  // As if the next key generation had been interrupted mid-write: only its temporary file exists, never a
  // partial key file under the key's name (key files are written aside, fsynced, then linked into place).
  const stray = path.join(keyDir, '.rootsmith-tmp-rootsmith-tsa-intermediate.key.0123456789ab');
  fs.writeFileSync(stray, '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB', { mode: 0o600 });

  const r = runCli(args, { ...env, ...passEnv });
  assert.equal(r.status, 0, r.stderr);
  const result = r.json() as { resumed: boolean; steps: { id: string; status: string }[] };
  assert.equal(result.resumed, true);
  assert.deepEqual(result.steps.filter((s) => s.status === 'already-done').map((s) => s.id), ['root-key', 'root-cert', 'fulcio-key']);
  assert.match(fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8'), /Found the key \\"rootsmith-fulcio-intermediate\\" on software key directory/);
  const v = runCli(['ceremony', 'verify', out, '--json'], env);
  assert.equal(v.status, 0, v.stderr);
  assert.equal((v.json() as { complete: boolean }).complete, true);
  execFileSync('openssl', ['verify', '-x509_strict', '-CAfile', path.join(out, 'root-ca.pem'), path.join(out, 'fulcio-intermediate.pem')]);
  assert.equal(filesIn(keyDir).filter((f) => f.endsWith('.key')).length, 6);
  assert.ok(fs.existsSync(stray), 'the stray temporary file is left alone, never mistaken for a key');
});

test('a 0-byte key file from an interrupted run of an older version is named, with what to do; then the rerun completes', () => {
  const out = path.join(tmp.dir, 'zero');
  const keyDir = path.join(tmp.dir, 'zero-keys');
  const passEnv = { ...env, RS_PASS: 'correct horse battery' };
  const args = ['ceremony', 'run', 'root-ca', '--out', out, '--key-dir', keyDir, '--passphrase-env', 'RS_PASS'];
  // The ceremony began (the operator declined step 1), then the interrupted generation left an empty file.
  const declined = spawnSync(process.execPath, [cliEntry, ...args], { cwd: projectRoot, env: { ...process.env, ...passEnv }, input: 'n\n', encoding: 'utf8' });
  assert.equal(declined.status, 1, declined.stderr);
  fs.writeFileSync(path.join(keyDir, 'rootsmith-root-ca.key'), '');
  const stuck = runCli([...args, '--yes'], passEnv);
  assert.equal(stuck.status, 1);
  assert.match(stuck.stderr, /rootsmith-root-ca\.key for "rootsmith-root-ca" is empty \(0 bytes\): an interrupted key generation left it and it holds no key\. Delete it and run the ceremony again/);
  fs.rmSync(path.join(keyDir, 'rootsmith-root-ca.key'));
  const r = runCli([...args, '--yes', '--json'], passEnv);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(runCli(['ceremony', 'verify', out], env).status, 0);
});
