// Every other shipped ceremony preset, run through the CLI against one SoftHSM2 token in the order a real
// deployment would use them: root, Fulcio intermediate (HSM key and CSR), TSA chain, log keys, re-issue, and a
// cross-signed new root. Each chain is checked with `openssl verify -x509_strict`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli';
import { makeToken, runArgs, tokenKeys } from './support/ceremony';
import { projectRoot } from './support/paths';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-ceremony-presets-');
after(() => tmp.cleanup());
let env: Record<string, string> = {};
let conf = '';
before(async () => {
  ({ env, conf } = await makeToken(tmp.dir));
});
const dir = (name: string) => path.join(tmp.dir, name);
const run = (plan: string, out: string, extra: string[] = []) => {
  const r = runCli(runArgs(plan, dir(out), extra), env);
  assert.equal(r.status, 0, `${plan}: ${r.stderr}`);
  assert.equal(runCli(['ceremony', 'verify', dir(out)], env).status, 0, `${plan}: transcript does not verify`);
  return r.json() as { outputs: string[] };
};
const verify = (...args: string[]) => execFileSync('openssl', ['verify', '-x509_strict', ...args], { encoding: 'utf8' });
const spkiOf = (cert: string) => execFileSync('openssl', ['x509', '-in', cert, '-noout', '-pubkey'], { encoding: 'utf8' });

test('ceremony presets lists every shipped plan and each one validates', () => {
  const r = runCli(['ceremony', 'presets', '--json'], env);
  assert.equal(r.status, 0, r.stderr);
  const names = (r.json() as { presets: { name: string }[] }).presets.map((p) => p.name).sort();
  assert.deepEqual(names, ['cross-sign-root', 'fulcio-intermediate', 'fulcio-intermediate-csr', 'log-keys', 'private-sigstore', 'reissue-intermediate', 'root-and-intermediate', 'root-ca', 'tsa-chain']);
  for (const name of names) assert.equal(runCli(['ceremony', 'check', name], env).status, 0, name);
});

test('root-ca, then the Fulcio intermediate with its key in the HSM', () => {
  assert.deepEqual(run('root-ca', 'root').outputs, ['fingerprints.txt', 'root-ca.pem', 'root-ca.pub']);
  const root = path.join(dir('root'), 'root-ca.pem');
  // A plan input that is not given is named.
  const missing = runCli(runArgs('fulcio-intermediate', dir('no-input')), env);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /--input root-cert=PATH/);
  run('fulcio-intermediate', 'fulcio', ['--input', `root-cert=${root}`]);
  assert.match(verify('-CAfile', root, path.join(dir('fulcio'), 'fulcio-intermediate.pem')), /OK/);
  assert.match(verify('-CAfile', root, '-untrusted', path.join(dir('fulcio'), 'fulcio-chain.pem'), path.join(dir('fulcio'), 'fulcio-intermediate.pem')), /OK/);
});

test('fulcio-intermediate-csr certifies a key held elsewhere, from its CSR', () => {
  const key = path.join(tmp.dir, 'kms.key');
  const csr = path.join(tmp.dir, 'kms.csr');
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', key]);
  execFileSync('openssl', ['req', '-new', '-key', key, '-subj', '/O=Example Org/CN=KMS Intermediate', '-out', csr]);
  const root = path.join(dir('root'), 'root-ca.pem');
  run('fulcio-intermediate-csr', 'csr', ['--input', `root-cert=${root}`, '--input', `fulcio-csr=${csr}`]);
  const cert = path.join(dir('csr'), 'fulcio-intermediate.pem');
  assert.match(verify('-CAfile', root, cert), /OK/);
  assert.match(execFileSync('openssl', ['x509', '-in', cert, '-noout', '-subject'], { encoding: 'utf8' }), /CN\s*=\s*KMS Intermediate/);
  assert.equal(spkiOf(cert), execFileSync('openssl', ['pkey', '-in', key, '-pubout'], { encoding: 'utf8' }));
});

test('tsa-chain and log-keys', () => {
  const root = path.join(dir('root'), 'root-ca.pem');
  run('tsa-chain', 'tsa', ['--input', `root-cert=${root}`]);
  assert.match(verify('-CAfile', root, '-untrusted', path.join(dir('tsa'), 'tsa-chain.pem'), path.join(dir('tsa'), 'tsa-signing.pem')), /OK/);
  assert.match(execFileSync('openssl', ['x509', '-in', path.join(dir('tsa'), 'tsa-signing.pem'), '-noout', '-ext', 'extendedKeyUsage'], { encoding: 'utf8' }), /critical\s+Time Stamping/);
  assert.deepEqual(run('log-keys', 'logs').outputs, ['ctfe.pub', 'fingerprints.txt', 'rekor.pub']);
});

test('reissue-intermediate certifies the same intermediate key again', () => {
  const root = path.join(dir('root'), 'root-ca.pem');
  run('reissue-intermediate', 'reissue', ['--input', `root-cert=${root}`]);
  const reissued = path.join(dir('reissue'), 'fulcio-intermediate-reissued.pem');
  assert.match(verify('-CAfile', root, reissued), /OK/);
  assert.equal(spkiOf(reissued), spkiOf(path.join(dir('fulcio'), 'fulcio-intermediate.pem')));
});

test('cross-sign-root: the old root certifies the new root, so old-root clients reach the new CA', async () => {
  const oldPlan = path.join(tmp.dir, 'old-root.yaml');
  fs.writeFileSync(
    oldPlan,
    fs.readFileSync(path.join(projectRoot, 'resources', 'ceremonies', 'root-ca.yaml'), 'utf8').replace('label: rootsmith-root-ca', 'label: rootsmith-root-ca-old').replace('Example Sigstore Root', 'Example Old Root'),
  );
  run(oldPlan, 'old-root');
  const oldRoot = path.join(dir('old-root'), 'root-ca.pem');
  const newRoot = path.join(dir('root'), 'root-ca.pem');
  run('cross-sign-root', 'cross', ['--input', `old-root-cert=${oldRoot}`, '--input', `new-root-cert=${newRoot}`]);
  const cross = path.join(dir('cross'), 'new-root-cross-signed.pem');
  assert.match(verify('-CAfile', oldRoot, cross), /OK/);
  // A client that trusts only the old root validates the new root's intermediate through the cross certificate.
  assert.match(verify('-CAfile', oldRoot, '-untrusted', cross, path.join(dir('fulcio'), 'fulcio-intermediate.pem')), /OK/);
  assert.equal(spkiOf(cross), spkiOf(newRoot));
  const keys = await tokenKeys(conf);
  assert.ok(keys.every((k) => k.extractable === false && k.sensitive === true));
  assert.equal(new Set(keys.map((k) => k.label)).size, keys.length, 'no label was generated twice');
});
