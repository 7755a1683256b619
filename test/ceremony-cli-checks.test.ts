// What `rootsmith ceremony` and `keys test-token` say when something is wrong before any work: bad paths name
// the path and what was expected; module, token and PIN are checked before the transcript is begun; an
// incomplete ceremony does not "verify"; a mistaken --pin-env value is never echoed; the crash-test seam is inert.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from './support/cli';
import { makeToken, runArgs, TOKEN } from './support/ceremony';
import { cliEntry, projectRoot, softhsmModule } from './support/paths';
import { runCliAtTerminal } from './support/pty';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-ceremony-checks-');
after(() => tmp.cleanup());
let env: Record<string, string> = {};
before(async () => {
  ({ env } = await makeToken(tmp.dir));
});

function fails(r: ReturnType<typeof runCli>, code: string, message: RegExp, status = 1): void {
  assert.equal(r.status, status, r.stderr);
  assert.match(r.stderr, new RegExp(`\\[${code}\\]`));
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /ENOENT|EISDIR|ENOTDIR|EEXIST|base64|INTERNAL/);
}

test('ceremony lint: a missing file, a directory and a non-certificate are named, with what was expected', () => {
  const missing = path.join(tmp.dir, 'nonexist.pem');
  fails(runCli(['ceremony', 'lint', missing, '--profile', 'root-ca'], env), 'FILE_NOT_FOUND', new RegExp(`No file at ${missing} \\(the certificate to lint\\)`));
  fails(runCli(['ceremony', 'lint', tmp.dir, '--profile', 'root-ca'], env), 'NOT_A_FILE', new RegExp(`${tmp.dir} is a directory; the certificate to lint must be a certificate file`));
  const jsonl = path.join(tmp.dir, 'transcript.jsonl');
  fs.writeFileSync(jsonl, '{"certificatePem":["-----BEGIN CERTIFICATE-----","MIIB","-----END CERTIFICATE-----"]}\n');
  fails(runCli(['ceremony', 'lint', jsonl, '--profile', 'root-ca'], env), 'NOT_A_CERTIFICATE', /transcript\.jsonl holds no readable certificate: the certificate to lint must be a PEM file/);
  const json = runCli(['ceremony', 'lint', missing, '--profile', 'root-ca', '--json'], env);
  assert.equal(json.status, 1);
  assert.match(json.stdout, /"code": "FILE_NOT_FOUND"/);
});

test('ceremony verify: a missing directory, a file, a directory without a transcript; an incomplete ceremony exits 1', () => {
  const missing = path.join(tmp.dir, 'nonexist');
  fails(runCli(['ceremony', 'verify', missing], env), 'FILE_NOT_FOUND', new RegExp(`No ceremony directory at ${missing}\\.`));
  const file = path.join(tmp.dir, 'a-file.pem');
  fs.writeFileSync(file, 'x');
  fails(runCli(['ceremony', 'verify', file], env), 'NOT_A_DIRECTORY', new RegExp(`${file} is a file; give the ceremony directory \\(the one holding transcript\\.jsonl\\)`));
  const empty = path.join(tmp.dir, 'empty-dir');
  fs.mkdirSync(empty);
  fails(runCli(['ceremony', 'verify', empty], env), 'FILE_NOT_FOUND', /holds no transcript\.jsonl: it is not a ceremony directory/);

  // A ceremony stopped at step 2: what is there verifies, but it is not complete, so verify fails.
  const out = path.join(tmp.dir, 'partial');
  const stopped = spawnSync(process.execPath, [cliEntry, ...runArgs('log-keys', out).filter((a) => a !== '--yes')], { cwd: projectRoot, env: { ...process.env, ...env }, input: 'y\nn\n', encoding: 'utf8' });
  assert.equal(stopped.status, 1, stopped.stderr);
  const v = runCli(['ceremony', 'verify', out], env);
  fails(v, 'CEREMONY_INCOMPLETE', /is NOT complete: its transcript has no end line yet .*steps done: log-key\)/);
  const j = runCli(['ceremony', 'verify', out, '--json'], env);
  assert.equal(j.status, 1);
  assert.equal((j.json() as { error: { code: string; details: { ok: boolean; complete: boolean } } }).error.details.complete, false);
});

test('ceremony run checks module, token and PIN before the transcript is begun or anything is confirmed', () => {
  const out = path.join(tmp.dir, 'checked');
  const noToken = runCli(['ceremony', 'run', 'root-ca', '--out', out, '--module', softhsmModule, '--token', 'nosuch', '--pin-env', 'RS_PIN', '--yes'], env);
  fails(noToken, 'TOKEN_NOT_FOUND', /nosuch/);
  assert.ok(!fs.existsSync(path.join(out, 'transcript.jsonl')), 'no transcript for a token that is not there');
  const noModule = runCli(['ceremony', 'run', 'root-ca', '--out', out, '--module', path.join(tmp.dir, 'no-such-pkcs11.so'), '--token', TOKEN, '--pin-env', 'RS_PIN', '--yes'], env);
  fails(noModule, 'MODULE_NOT_FOUND', /no-such-pkcs11\.so/);
  // A wrong PIN, interactively: the PIN fails before the first "Proceed?" question is asked.
  const wrongPin = spawnSync(process.execPath, [cliEntry, ...runArgs('root-ca', out).filter((a) => a !== '--yes' && a !== '--json').map((a) => (a === 'RS_PIN' ? 'RS_WRONG' : a))], {
    cwd: projectRoot,
    env: { ...process.env, ...env, RS_WRONG: '000000' },
    input: 'y\ny\ny\n',
    encoding: 'utf8',
  });
  assert.equal(wrongPin.status, 1, wrongPin.stderr);
  assert.match(wrongPin.stderr, /PIN_INCORRECT/);
  assert.doesNotMatch(wrongPin.stderr, /Proceed|Ceremony begins/);
  assert.ok(!fs.existsSync(path.join(out, 'transcript.jsonl')));
});

test('ceremony run --out and keys test-token --dir naming a file say so', () => {
  const file = path.join(tmp.dir, 'plain-file');
  fs.writeFileSync(file, 'x');
  fails(runCli(['ceremony', 'run', 'root-ca', '--out', file, '--token', TOKEN, '--pin-env', 'RS_PIN', '--yes'], env), 'NOT_A_DIRECTORY', new RegExp(`--out ${file} is a file; a directory was expected`));
  fails(runCli(['ceremony', 'run', 'root-ca', '--out', path.join(file, 'sub'), '--token', TOKEN, '--pin-env', 'RS_PIN', '--yes'], env), 'NOT_A_DIRECTORY', new RegExp(`cannot be a directory: ${file} is a file`));
  fails(runCli(['keys', 'test-token', '--dir', file, '--label', 't', '--pin-env', 'RS_PIN', '--so-pin-env', 'RS_PIN'], env), 'NOT_A_DIRECTORY', new RegExp(`--dir ${file} is a file; a directory was expected`));
  const input = runCli(['ceremony', 'run', 'fulcio-intermediate', '--out', path.join(tmp.dir, 'input-dir'), '--token', TOKEN, '--pin-env', 'RS_PIN', '--yes', '--input', `root-cert=${tmp.dir}`], env);
  fails(input, 'PLAN_INVALID', new RegExp(`Input "root-cert" .* names ${tmp.dir}, which is a directory; a file was expected`));
});

test('a --pin-env or --passphrase-env value that names no variable is never echoed (it may be the secret itself)', () => {
  for (const args of [
    ['ceremony', 'run', 'root-ca', '--out', path.join(tmp.dir, 'echo'), '--token', TOKEN, '--pin-env', '135791357', '--yes', '--json'],
    ['ceremony', 'run', 'root-ca', '--out', path.join(tmp.dir, 'echo'), '--key-dir', path.join(tmp.dir, 'echo-keys'), '--passphrase-env', '135791357', '--yes', '--json'],
    ['keys', 'list', '--token', TOKEN, '--pin-env', '135791357', '--json'],
  ]) {
    const r = runCli(args, env);
    assert.equal(r.status, 2, r.stderr);
    assert.doesNotMatch(r.stderr + r.stdout, /135791357/);
    assert.match(r.stderr, /The environment variable named by --(pin|passphrase)-env is not set/);
  }
});

test('the crash-test pause is inert on its own, and is not in the help', () => {
  const out = path.join(tmp.dir, 'no-pause');
  const plan = path.join(tmp.dir, 'pause.yaml');
  fs.writeFileSync(plan, fs.readFileSync(path.join(projectRoot, 'resources', 'ceremonies', 'log-keys.yaml'), 'utf8').replace(/rootsmith-/g, 'pause-'));
  const r = runCli(runArgs(plan, out), { ...env, ROOTSMITH_TEST_PAUSE_AFTER_STEP: 'log-key' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /ignoring ROOTSMITH_TEST_PAUSE_AFTER_STEP, a test-only setting/);
  assert.doesNotMatch(r.stderr, /ROOTSMITH_TEST_PAUSED/);
  const help = runCli(['help', 'ceremony'], env);
  assert.doesNotMatch(help.stdout + help.stderr, /ROOTSMITH_TEST/);
});

test('a --key-dir rehearsal at a terminal: a new passphrase needs 12+ characters and is asked twice; an existing one once', () => {
  const out = path.join(tmp.dir, 'typed');
  const keyDir = path.join(tmp.dir, 'typed-keys');
  const args = ['ceremony', 'run', 'root-ca', '--out', out, '--key-dir', keyDir, '--yes'];
  const short = runCliAtTerminal(args, [['New passphrase for the rehearsal key files: ', 'a\r']]);
  assert.equal(short.status, 1, short.output);
  assert.match(short.output, /at least 12 characters.*\[PASSPHRASE_TOO_SHORT\]/);
  assert.doesNotMatch(short.output, /confirm|Ceremony begins/);
  const ok = runCliAtTerminal(args, [
    ['New passphrase for the rehearsal key files: ', 'correct horse battery\r'],
    ['Type it again to confirm: ', 'correct horse battery\r'],
  ]);
  assert.equal(ok.status, 0, ok.output);
  assert.match(ok.output, /Ceremony complete/);
  // A complete ceremony needs no key: nothing is asked.
  const done = runCliAtTerminal(args, []);
  assert.equal(done.status, 0, done.output);
  assert.match(done.output, /already complete/);
  assert.doesNotMatch(done.output, /assphrase/);
  // Another plan in the same key directory: its passphrase already exists, so it is asked once.
  const again = runCliAtTerminal(['ceremony', 'run', 'log-keys', '--out', path.join(tmp.dir, 'typed-logs'), '--key-dir', keyDir, '--yes'], [['Passphrase for the rehearsal key files: ', 'correct horse battery\r']]);
  assert.equal(again.status, 0, again.output);
  assert.match(again.output, /Ceremony complete/);
  assert.doesNotMatch(again.output, /confirm/);
});

test('a wrong --input root-cert is refused before any key is made; the right one then works; a changed one later is refused', () => {
  const pass = { ...env, RS_PASS: 'correct horse battery' };
  const rehearse = (plan: string, out: string, keyDir: string, extra: string[] = []) =>
    runCli(['ceremony', 'run', plan, '--out', path.join(tmp.dir, out), '--key-dir', path.join(tmp.dir, keyDir), '--passphrase-env', 'RS_PASS', '--yes', '--json', ...extra], pass);
  assert.equal(rehearse('root-ca', 'c-root', 'c-keys').status, 0);
  assert.equal(rehearse('root-ca', 'c-other-root', 'c-other-keys').status, 0);
  const right = path.join(tmp.dir, 'c-root', 'root-ca.pem');
  const wrong = path.join(tmp.dir, 'c-other-root', 'root-ca.pem');

  const refused = rehearse('fulcio-intermediate', 'c9', 'c-keys', ['--input', `root-cert=${wrong}`]);
  fails(refused, 'KEY_MISMATCH', /The input "root-cert" \(.*c-other-root\/root-ca\.pem\) is not the certificate of the key "rootsmith-root-ca".*no key was made/s);
  assert.deepEqual(fs.readdirSync(path.join(tmp.dir, 'c-keys')), ['rootsmith-root-ca.key'], 'no intermediate key was generated');
  assert.ok(!fs.existsSync(path.join(tmp.dir, 'c9', 'transcript.jsonl')), 'the ceremony did not begin');

  const ok = rehearse('fulcio-intermediate', 'c9', 'c-keys', ['--input', `root-cert=${right}`]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(runCli(['ceremony', 'verify', path.join(tmp.dir, 'c9')], env).status, 0);

  const changed = rehearse('fulcio-intermediate', 'c9', 'c-keys', ['--input', `root-cert=${wrong}`]);
  fails(changed, 'INPUT_MISMATCH', /Input "root-cert" is now .*c-other-root\/root-ca\.pem .*recorded a different file \(.*c-root\/root-ca\.pem\).*give that file again with --input root-cert=PATH, or start over in a new ceremony directory/s);
});
