// The `rootsmith keys` CLI contract, run as a user would from the project root against a real SoftHSM2 token.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli';
import { projectRoot, softhsmModule } from './support/paths';
import { runCliAtTerminal } from './support/pty';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-cli-keys-');
after(() => tmp.cleanup());
const tokenDir = path.join(tmp.dir, 'hsm');
const secrets = { RS_PIN: '246810', RS_SO_PIN: '13579111', RS_WRONG: '000000' };
const env = () => ({ ...secrets, SOFTHSM2_CONF: path.join(tokenDir, 'softhsm2.conf') });

test('keys test-token makes a token that later commands find through SOFTHSM2_CONF', () => {
  const r = runCli(['keys', 'test-token', '--dir', tokenDir, '--label', 'cli-token', '--pin-env', 'RS_PIN', '--so-pin-env', 'RS_SO_PIN', '--json'], secrets);
  assert.equal(r.status, 0, r.stderr);
  const out = r.json() as { conf: string; label: string };
  assert.equal(out.conf, path.join(tokenDir, 'softhsm2.conf'));
  assert.ok(fs.existsSync(out.conf));
  const tokens = runCli(['keys', 'tokens', '--module', softhsmModule, '--json'], env());
  assert.equal(tokens.status, 0, tokens.stderr);
  assert.deepEqual((tokens.json() as { tokens: { label: string }[] }).tokens.map((t) => t.label), ['cli-token']);
});

test('keys generate prints the PKCS#11 URI and the SPKI PEM, and the key signs for openssl', () => {
  const r = runCli(['keys', 'generate', '--module', softhsmModule, '--token', 'cli-token', '--label', 'root-ca', '--curve', 'p384', '--pin-env', 'RS_PIN', '--json'], env());
  assert.equal(r.status, 0, r.stderr);
  const key = r.json() as { uri: string; publicKeyPem: string; algorithm: string; extractable: boolean; sensitive: boolean };
  assert.match(key.uri, /^pkcs11:.*token=cli-token/);
  assert.match(key.uri, /object=root-ca/);
  assert.match(key.publicKeyPem, /^-----BEGIN PUBLIC KEY-----/);
  assert.equal(key.algorithm, 'ecdsa-p384');
  assert.equal(key.extractable, false);
  assert.equal(key.sensitive, true);
  const pem = path.join(tmp.dir, 'root-ca.pub');
  fs.writeFileSync(pem, key.publicKeyPem);
  const text = execFileSync('openssl', ['pkey', '-pubin', '-in', pem, '-noout', '-text'], { encoding: 'utf8' });
  assert.match(text, /NIST CURVE: P-384|secp384r1/);
});

test('keys list shows the generated key; the PIN never appears in any output', () => {
  const r = runCli(['keys', 'list', '--module', softhsmModule, '--token', 'cli-token', '--pin-env', 'RS_PIN'], env());
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /root-ca\s+ecdsa-p384/);
  assert.match(r.stdout, /read aloud/);
  assert.ok(!r.stdout.includes(secrets.RS_PIN) && !r.stderr.includes(secrets.RS_PIN));
});

test('a duplicate label is refused with KEY_LABEL_EXISTS and exit 1', () => {
  const r = runCli(['keys', 'generate', '--module', softhsmModule, '--token', 'cli-token', '--label', 'root-ca', '--curve', 'p256', '--pin-env', 'RS_PIN', '--json'], env());
  assert.equal(r.status, 1);
  assert.match(r.stderr, /KEY_LABEL_EXISTS/);
});

test('a wrong PIN says so, with PIN_INCORRECT and exit 1', () => {
  const r = runCli(['keys', 'list', '--module', softhsmModule, '--token', 'cli-token', '--pin-env', 'RS_WRONG'], env());
  assert.equal(r.status, 1);
  assert.match(r.stderr, /PIN_INCORRECT/);
  assert.match(r.stderr, /PIN/);
});

test('a missing module gives MODULE_NOT_FOUND', () => {
  const r = runCli(['keys', 'tokens', '--module', path.join(tmp.dir, 'no-such-pkcs11.so'), '--json'], env());
  assert.equal(r.status, 1);
  assert.match(r.stderr, /MODULE_NOT_FOUND/);
});

test('a PIN on the command line is not an option (usage error, exit 2)', () => {
  const r = runCli(['keys', 'list', '--token', 'cli-token', '--pin', '246810'], env());
  assert.equal(r.status, 2);
  assert.match(r.stderr, /USAGE/);
});

test('a --pin-env naming an unset variable is a usage error that does not repeat the name (it may be the PIN)', () => {
  const r = runCli(['keys', 'list', '--token', 'cli-token', '--pin-env', 'RS_NOT_SET_ANYWHERE'], env());
  assert.equal(r.status, 2);
  assert.match(r.stderr, /The environment variable named by --pin-env is not set/);
  assert.doesNotMatch(r.stderr, /RS_NOT_SET_ANYWHERE/);
});

test('an unknown curve is a usage error', () => {
  const r = runCli(['keys', 'generate', '--token', 'cli-token', '--label', 'x', '--curve', 'rsa', '--pin-env', 'RS_PIN'], env());
  assert.equal(r.status, 2);
});

test('`npx rootsmith` works from the project root (the documented entry point)', () => {
  const r = spawnSync('npx', ['--no-install', 'rootsmith', 'keys', 'generate', '--module', softhsmModule, '--token', 'cli-token', '--label', 'via-npx', '--curve', 'p256', '--pin-env', 'RS_PIN', '--json'], {
    cwd: projectRoot,
    env: { ...process.env, ...env() },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const key = JSON.parse(r.stdout) as { uri: string; publicKeyPem: string };
  assert.match(key.uri, /object=via-npx/);
  assert.match(key.publicKeyPem, /BEGIN PUBLIC KEY/);
});

test('keys test-token at a terminal asks each new PIN twice; entries that differ create nothing', () => {
  const dir = path.join(tmp.dir, 'prompted-token');
  const differ = runCliAtTerminal(['keys', 'test-token', '--dir', dir, '--label', 'prompted'], [['New user PIN: ', '2468-user\r'], ['Type it again to confirm: ', '2468-usr\r']]);
  assert.equal(differ.status, 1, differ.output);
  assert.match(differ.output, /The two entries differ; nothing was done.*\[SECRET_MISMATCH\]/);
  assert.ok(!fs.existsSync(dir), 'no token was made');
  const same = runCliAtTerminal(['keys', 'test-token', '--dir', dir, '--label', 'prompted'], [
    ['New user PIN: ', '2468-user\r'],
    ['Type it again to confirm: ', '2468-user\r'],
    ['New security officer PIN: ', '1357-so-pin\r'],
    ['Type it again to confirm: ', '1357-so-pin\r'],
  ]);
  assert.equal(same.status, 0, same.output);
  assert.match(same.output, /Rehearsal SoftHSM2 token "prompted" created/);
});
