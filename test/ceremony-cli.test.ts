// The `rootsmith ceremony` CLI contract on the private-sigstore preset against a real SoftHSM2 token: every
// chain passes `openssl verify -x509_strict`, the extensions are there, the keys stay non-extractable on the
// token, no private key lands in the ceremony directory, and any edited byte makes `ceremony verify` fail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli';
import { filesIn, makeToken, PIN, runArgs, tokenKeys } from './support/ceremony';
import { cliEntry, projectRoot } from './support/paths';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-ceremony-cli-');
after(() => tmp.cleanup());
const out = path.join(tmp.dir, 'ceremony');
let env: Record<string, string> = {};
let conf = '';

before(async () => {
  ({ env, conf } = await makeToken(tmp.dir));
});

const openssl = (args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', cwd: out });

test('ceremony run private-sigstore makes every key, certificate, chain and public key in one directory', () => {
  const r = runCli(runArgs('private-sigstore', out, ['--operator', 'alice', '--witness', 'bob', '--witness', 'carol']), env);
  assert.equal(r.status, 0, r.stderr);
  const result = r.json() as { alreadyComplete: boolean; digest: string; digestWords: string; outputs: string[]; steps: { status: string }[] };
  assert.equal(result.alreadyComplete, false);
  assert.ok(result.steps.every((s) => s.status === 'done'));
  assert.match(result.digest, /^[0-9a-f]{64}$/);
  assert.equal(result.digestWords.split(' ').length, 16);
  assert.deepEqual(filesIn(out), ['ctfe.pub', 'fingerprints.txt', 'fulcio-chain.pem', 'fulcio-intermediate.pem', 'rekor.pub', 'root-ca.pem', 'transcript.jsonl', 'tsa-chain.pem', 'tsa-intermediate.pem', 'tsa-signing.pem']);
  assert.ok(!r.stdout.includes(PIN) && !r.stderr.includes(PIN));
  const transcript = fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8');
  assert.ok(!transcript.includes(PIN));
  assert.match(transcript, /"operator":"alice"/);
  assert.match(transcript, /"witnesses":\["bob","carol"\]/);
});

test('openssl verify -x509_strict accepts the Fulcio and TSA chains, also from the chain files', () => {
  assert.match(openssl(['verify', '-x509_strict', '-CAfile', 'root-ca.pem', 'fulcio-intermediate.pem']), /fulcio-intermediate.pem: OK/);
  assert.match(openssl(['verify', '-x509_strict', '-CAfile', 'root-ca.pem', '-untrusted', 'tsa-intermediate.pem', 'tsa-signing.pem']), /tsa-signing.pem: OK/);
  assert.match(openssl(['verify', '-x509_strict', '-CAfile', 'root-ca.pem', '-untrusted', 'tsa-chain.pem', 'tsa-signing.pem']), /OK/);
  assert.match(openssl(['verify', '-x509_strict', '-CAfile', 'root-ca.pem', '-untrusted', 'fulcio-chain.pem', 'fulcio-intermediate.pem']), /OK/);
  // The chain files are leaf first and end with the root.
  const tsaChain = openssl(['crl2pkcs7', '-nocrl', '-certfile', 'tsa-chain.pem']);
  const subjects = execFileSync('openssl', ['pkcs7', '-print_certs', '-noout'], { input: tsaChain, encoding: 'utf8' }).match(/subject=.*/g)!;
  assert.deepEqual(subjects.map((s) => /CN\s*=\s*([^,\n]+)/.exec(s)![1]), ['Example Timestamping Authority', 'Example Timestamping Intermediate', 'Example Sigstore Root']);
});

test('openssl x509 -text shows the extensions each profile requires', () => {
  const root = openssl(['x509', '-in', 'root-ca.pem', '-noout', '-text']);
  assert.match(root, /Basic Constraints: critical\s+CA:TRUE/);
  assert.match(root, /Key Usage: critical\s+Certificate Sign, CRL Sign/);
  assert.match(root, /Subject Key Identifier/);
  assert.doesNotMatch(root, /Extended Key Usage/);
  const fulcio = openssl(['x509', '-in', 'fulcio-intermediate.pem', '-noout', '-text']);
  assert.match(fulcio, /CA:TRUE, pathlen:0/);
  assert.match(fulcio, /Extended Key Usage:\s+Code Signing/);
  assert.match(fulcio, /Authority Key Identifier/);
  const tsa = openssl(['x509', '-in', 'tsa-signing.pem', '-noout', '-text']);
  assert.match(tsa, /Extended Key Usage: critical\s+Time Stamping/);
  assert.match(tsa, /Key Usage: critical\s+Digital Signature/);
  assert.doesNotMatch(tsa, /CA:TRUE/);
  const tsaCa = openssl(['x509', '-in', 'tsa-intermediate.pem', '-noout', '-text']);
  assert.match(tsaCa, /CA:TRUE, pathlen:0/);
  assert.match(tsaCa, /Time Stamping/);
  for (const pub of ['rekor.pub', 'ctfe.pub']) assert.match(openssl(['pkey', '-pubin', '-in', pub, '-noout', '-text']), /P-256|prime256v1/);
});

test('the private keys stay on the token, sensitive and non-extractable; the directory holds no private key', async () => {
  const keys = await tokenKeys(conf);
  assert.deepEqual(keys.map((k) => k.label).sort(), ['rootsmith-ct-log', 'rootsmith-fulcio-intermediate', 'rootsmith-rekor-log', 'rootsmith-root-ca', 'rootsmith-tsa-intermediate', 'rootsmith-tsa-signing']);
  for (const k of keys) {
    assert.equal(k.extractable, false, k.label);
    assert.equal(k.sensitive, true, k.label);
    assert.equal(k.neverExtractable, true, k.label);
  }
  for (const f of filesIn(out)) {
    const text = fs.readFileSync(path.join(out, f), 'utf8');
    assert.doesNotMatch(text, /PRIVATE KEY/, f);
    if (f.endsWith('.pem') || f.endsWith('.pub')) {
      // Only public material parses: openssl cannot read a private key out of it.
      assert.throws(() => execFileSync('openssl', ['pkey', '-in', path.join(out, f), '-noout'], { stdio: 'pipe' }), f);
    }
  }
});

test('ceremony verify accepts the untouched ceremony; a rerun of the plan does nothing', () => {
  const v = runCli(['ceremony', 'verify', out, '--json'], env);
  assert.equal(v.status, 0, v.stderr);
  const report = v.json() as { ok: boolean; complete: boolean; outputs: string[]; steps: string[] };
  assert.equal(report.ok, true);
  assert.equal(report.complete, true);
  assert.equal(report.outputs.length, 9);
  assert.equal(report.steps.length, 14);
  const again = runCli(runArgs('private-sigstore', out), env);
  assert.equal(again.status, 0, again.stderr);
  assert.equal((again.json() as { alreadyComplete: boolean }).alreadyComplete, true);
});

test('editing a sampled byte of the transcript or of any output makes ceremony verify fail and name the line', () => {
  const transcriptLines = fs.readFileSync(path.join(out, 'transcript.jsonl'), 'utf8').split('\n');
  const recordedOn = (file: string) => 1 + transcriptLines.findIndex((l) => l.includes(`"file":"${file}"`));
  // Exhaustive byte flipping is in core/ceremony/transcript.test.ts; here samples spread over every file.
  for (const [k, f] of filesIn(out).entries()) {
    const p = path.join(out, f);
    const original = fs.readFileSync(p);
    const samples = f === 'transcript.jsonl' ? [0, 0.27, 0.5, 0.77, 0.999] : [0.05 + (0.9 * k) / filesIn(out).length];
    for (const at of samples) {
      const i = Math.min(original.length - 1, Math.floor(at * original.length));
      const edited = Buffer.from(original);
      edited[i] = edited[i] === 0x41 ? 0x42 : 0x41;
      fs.writeFileSync(p, edited);
      try {
        const v = runCli(['ceremony', 'verify', out, '--json'], env);
        assert.equal(v.status, 1, `${f} byte ${i} edited yet verify passed`);
        const problems = ((v.json() as { error: { details: { problems: { line: number }[] } } }).error.details.problems).map((x) => x.line);
        const expected = f === 'transcript.jsonl' ? original.subarray(0, i).toString('latin1').split('\n').length : recordedOn(f);
        const allowed = f === 'transcript.jsonl' && original[i] === 0x0a ? [expected, expected + 1] : [expected];
        assert.ok(allowed.includes(problems[0]!), `${f} byte ${i}: reported line ${problems[0]}, expected ${allowed.join(' or ')}`);
        assert.match(v.stderr, new RegExp(`line ${problems[0]}:`));
      } finally {
        fs.writeFileSync(p, original);
      }
    }
  }
  assert.equal(runCli(['ceremony', 'verify', out], env).status, 0);
});

test('ceremony lint reports a clean certificate and fails one linted against the wrong profile', () => {
  const ok = runCli(['ceremony', 'lint', path.join(out, 'fulcio-intermediate.pem'), '--profile', 'fulcio-intermediate', '--issuer', path.join(out, 'root-ca.pem'), '--json'], env);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal((ok.json() as { ok: boolean }).ok, true);
  const bad = runCli(['ceremony', 'lint', path.join(out, 'tsa-signing.pem'), '--profile', 'fulcio-intermediate', '--issuer', path.join(out, 'tsa-intermediate.pem')], env);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /LINT_FAILED/);
});

test('an invalid plan is refused before anything runs, naming the field', () => {
  const plan = path.join(tmp.dir, 'bad.yaml');
  fs.writeFileSync(plan, fs.readFileSync(path.join(projectRoot, 'resources', 'ceremonies', 'root-ca.yaml'), 'utf8').replace('years: 10', 'years: 0'));
  const dir = path.join(tmp.dir, 'bad-out');
  const r = runCli(runArgs(plan, dir), env);
  assert.equal(r.status, 1);
  const error = (r.json() as { error: { code: string; details: { field: string } } }).error;
  assert.equal(error.code, 'PLAN_INVALID');
  assert.equal(error.details.field, 'steps[1].validity.years');
  assert.ok(!fs.existsSync(path.join(dir, 'transcript.jsonl')));
});

test('a PIN on the command line is not an option', () => {
  const r = runCli(['ceremony', 'run', 'root-ca', '--out', path.join(tmp.dir, 'x'), '--token', 'ceremony', '--pin', PIN], env);
  assert.equal(r.status, 2);
});

test('without --yes each step is shown once and confirmed at "Proceed with step N of M? [y/N]"; answers may be piped in', () => {
  const plan = path.join(tmp.dir, 'prompted.yaml');
  fs.writeFileSync(plan, fs.readFileSync(path.join(projectRoot, 'resources', 'ceremonies', 'log-keys.yaml'), 'utf8').replace(/rootsmith-/g, 'prompted-'));
  const dir = path.join(tmp.dir, 'prompted');
  const args = runArgs(plan, dir).filter((a) => a !== '--yes');
  const r = spawnSync(process.execPath, [cliEntry, ...args], { cwd: projectRoot, env: { ...process.env, ...env }, input: 'y\nyes\nY\ny\n', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr.match(/Proceed with step \d of 4\? \[y\/N\]/g)?.length, 4);
  assert.equal(r.stderr.match(/Generate a new ecdsa-p256 key pair labelled "prompted-rekor-log" inside the token/g)?.length, 1, 'each description is printed once');
  assert.match(fs.readFileSync(path.join(dir, 'transcript.jsonl'), 'utf8'), /confirmed by the operator at the terminal/);
});

test('--key-dir rehearses a plan with encrypted key files outside the ceremony directory, passphrase via --passphrase-env', () => {
  const dir = path.join(tmp.dir, 'rehearsal');
  const keyDir = path.join(tmp.dir, 'rehearsal-keys');
  const passEnv = { ...env, RS_PASS: 'correct horse battery' };
  const inside = runCli(['ceremony', 'run', 'root-ca', '--out', dir, '--key-dir', path.join(dir, 'keys'), '--passphrase-env', 'RS_PASS', '--yes'], passEnv);
  assert.equal(inside.status, 2);
  // A new passphrase must be 12 characters or more: refused before the ceremony begins.
  const short = runCli(['ceremony', 'run', 'root-ca', '--out', dir, '--key-dir', keyDir, '--passphrase-env', 'RS_PIN', '--yes'], passEnv);
  assert.equal(short.status, 1, short.stderr);
  assert.match(short.stderr, /at least 12 characters.*\[PASSPHRASE_TOO_SHORT\]/);
  assert.ok(!fs.existsSync(path.join(dir, 'transcript.jsonl')), 'nothing was begun');
  // --passphrase-env belongs to --key-dir; a token takes --pin-env.
  assert.equal(runCli(['ceremony', 'run', 'root-ca', '--out', dir, '--token', 'ceremony', '--passphrase-env', 'RS_PASS', '--yes'], passEnv).status, 2);
  const r = runCli(['ceremony', 'run', 'root-ca', '--out', dir, '--key-dir', keyDir, '--passphrase-env', 'RS_PASS', '--yes', '--json'], passEnv);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(filesIn(keyDir), ['rootsmith-root-ca.key']);
  // The step says where the key really is: a file, not a token.
  assert.match(r.stderr, /labelled "rootsmith-root-ca" as an encrypted rehearsal key file/);
  assert.doesNotMatch(r.stderr, /inside the token|non-extractable/);
  assert.match(execFileSync('openssl', ['x509', '-in', path.join(dir, 'root-ca.pem'), '-noout', '-text'], { encoding: 'utf8' }), /CA:TRUE/);
  // The key file is strongly protected, and openssl reads it with the passphrase.
  assert.match(execFileSync('openssl', ['asn1parse', '-in', path.join(keyDir, 'rootsmith-root-ca.key')], { encoding: 'utf8' }), /PBKDF2[\s\S]*INTEGER\s+:0927C0[\s\S]*hmacWithSHA256/);
  execFileSync('openssl', ['pkey', '-in', path.join(keyDir, 'rootsmith-root-ca.key'), '-passin', 'env:RS_PASS', '-noout'], { env: { ...process.env, RS_PASS: 'correct horse battery' } });
  assert.equal(runCli(['ceremony', 'verify', dir], env).status, 0);
  // --pin-env still works with --key-dir, for older scripts.
  const compat = runCli(['ceremony', 'run', 'root-ca', '--out', dir, '--key-dir', keyDir, '--pin-env', 'RS_PASS', '--yes', '--json'], passEnv);
  assert.equal(compat.status, 0, compat.stderr);
  assert.equal((compat.json() as { alreadyComplete: boolean }).alreadyComplete, true);
});
