// The whole private Sigstore, as a rehearsal proves it: a ceremony on a SoftHSM2 token makes the root, the Fulcio
// intermediate, the TSA chain and the log key; `rootsmith serve` runs every service with those HSM keys and
// publishes the trust root through TUF; the real `sigstore` client signs keylessly and verifies through TUF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as sigstore from 'sigstore';
import { ceremonyKeyUri, makeToken, PIN, TOKEN } from './support/ceremony';
import { runCli } from './support/cli';
import { softhsmModule } from './support/paths';
import { startServe, type Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-e2e-sigstore-');
const ceremonyDir = path.join(tmp.dir, 'ceremony');
const dataDir = path.join(tmp.dir, 'serve');
const artifact = Buffer.from('release 1.0.0 of something that matters\n');
const email = 'alice@example.com';
let env: Record<string, string>;
let served: Served;
let bundle: Awaited<ReturnType<typeof sigstore.sign>>;

before(async () => {
  env = (await makeToken(tmp.dir)).env;
  const ceremony = runCli(['ceremony', 'run', 'resources/ceremonies/private-sigstore.yaml', '--out', ceremonyDir, '--module', softhsmModule, '--token', TOKEN, '--pin-env', 'RS_PIN', '--yes', '--json'], env);
  assert.equal(ceremony.status, 0, ceremony.stderr);
  served = await startServe(
    [
      '--data', dataDir,
      '--log-key', ceremonyKeyUri('rootsmith-rekor-log'),
      '--tsa-key', ceremonyKeyUri('rootsmith-tsa-signing'), '--tsa-chain', path.join(ceremonyDir, 'tsa-chain.pem'),
      '--ca-key', ceremonyKeyUri('rootsmith-fulcio-intermediate'), '--ca-chain', path.join(ceremonyDir, 'fulcio-chain.pem'),
      '--ctlog-key', ceremonyKeyUri('rootsmith-ct-log'),
      '--pin-env', 'RS_PIN',
    ],
    env,
    60_000,
  );
});

after(async () => {
  await served?.stop();
  tmp.cleanup();
});

function identityToken(): string {
  const r = runCli(['oidc', 'token', '--url', served.urls.oidc!, '--email', email, '--json'], env);
  assert.equal(r.status, 0, r.stderr);
  return (r.json() as { token: string }).token;
}

function verifyOptions(cacheName: string, overrides: Partial<Parameters<typeof sigstore.verify>[2] & object> = {}) {
  return {
    tufMirrorURL: served.urls.tuf!,
    tufRootPath: served.urls.tufRoot!,
    tufCachePath: path.join(tmp.dir, cacheName),
    certificateIdentityEmail: email,
    certificateIssuer: served.urls.oidc!,
    ...overrides,
  };
}

test('serve announces every service, the trust material and the initial TUF root', () => {
  for (const key of ['log', 'tsa', 'ca', 'oidc', 'tuf', 'tufRoot']) assert.ok(served.urls[key], `the JSON line has ${key}`);
  assert.ok(fs.existsSync(served.urls.tufRoot!));
  type Log = { publicKey: { rawBytes: string } };
  const trustedRoot = JSON.parse(fs.readFileSync(served.urls.trustedRoot!, 'utf8')) as { tlogs: Log[]; ctlogs: Log[]; certificateAuthorities: unknown[]; timestampAuthorities: unknown[] };
  assert.equal(trustedRoot.tlogs.length, 1);
  assert.equal(trustedRoot.ctlogs.length, 1);
  // The log and CT log keys are the ones the ceremony made on the HSM.
  const pemBody = (file: string) => fs.readFileSync(path.join(ceremonyDir, file), 'utf8').replace(/-----[^-]+-----|\s/g, '');
  assert.equal(trustedRoot.tlogs[0]!.publicKey.rawBytes, pemBody('rekor.pub'));
  assert.equal(trustedRoot.ctlogs[0]!.publicKey.rawBytes, pemBody('ctfe.pub'));
  assert.equal(trustedRoot.certificateAuthorities.length, 1);
  assert.equal(trustedRoot.timestampAuthorities.length, 1);
});

test('the sigstore client signs keylessly against the local CA, log and TSA', async () => {
  bundle = await sigstore.sign(artifact, {
    fulcioURL: served.urls.ca!,
    rekorURL: served.urls.log!,
    tsaServerURL: served.urls.tsa!,
    identityToken: identityToken(),
  });
  assert.equal(bundle.verificationMaterial.tlogEntries.length, 1);
  assert.equal(bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length, 1);
});

test('the sigstore client verifies the bundle through Rootsmith\'s TUF repository, identity and issuer checked', async () => {
  const signer = await sigstore.verify(bundle, artifact, verifyOptions('cache-ok'));
  assert.equal(signer.identity?.subjectAlternativeName, email);
  assert.equal(signer.identity?.extensions?.issuer, served.urls.oidc);
});

test('the issued leaf verifies with openssl against the ceremony chain', () => {
  const material = bundle.verificationMaterial as { certificate?: { rawBytes: string }; x509CertificateChain?: { certificates: { rawBytes: string }[] } };
  const leafB64 = material.certificate?.rawBytes ?? material.x509CertificateChain?.certificates[0]?.rawBytes;
  assert.ok(leafB64, `the bundle carries the leaf certificate: ${Object.keys(material).join(', ')}`);
  const leaf = path.join(tmp.dir, 'leaf.pem');
  fs.writeFileSync(leaf, `-----BEGIN CERTIFICATE-----\n${leafB64!.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`);
  const out = execFileSync('openssl', ['verify', '-x509_strict', '-CAfile', path.join(ceremonyDir, 'root-ca.pem'), '-untrusted', path.join(ceremonyDir, 'fulcio-intermediate.pem'), leaf], { encoding: 'utf8' });
  assert.match(out, /OK/);
});

test('the same bundle fails for another identity, a modified artifact and a different trusted root', async () => {
  await assert.rejects(sigstore.verify(bundle, artifact, verifyOptions('cache-id', { certificateIdentityEmail: 'mallory@example.com' })), /identity|UNTRUSTED_SIGNER|subject/i);
  await assert.rejects(sigstore.verify(bundle, Buffer.from('release 1.0.1'), verifyOptions('cache-art')), /signature|SIGNATURE/i);
  const other = await startServe(['--data', path.join(tmp.dir, 'other')], {}, 60_000);
  try {
    await assert.rejects(sigstore.verify(bundle, artifact, verifyOptions('cache-other', { tufMirrorURL: other.urls.tuf!, tufRootPath: other.urls.tufRoot! })));
  } finally {
    await other.stop();
  }
});

test('`rootsmith verify` accepts the bundle through TUF and names what is wrong otherwise', () => {
  const bundleFile = path.join(tmp.dir, 'artifact.sigstore.json');
  const artifactFile = path.join(tmp.dir, 'artifact.txt');
  fs.writeFileSync(bundleFile, JSON.stringify(bundle));
  fs.writeFileSync(artifactFile, artifact);
  const ok = runCli(['verify', bundleFile, '--artifact', artifactFile, '--identity', email, '--issuer', served.urls.oidc!, '--tuf-mirror', served.urls.tuf!, '--tuf-root', served.urls.tufRoot!, '--json'], env);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal((ok.json() as { identity: string }).identity, email);
  const wrong = runCli(['verify', bundleFile, '--artifact', artifactFile, '--identity', 'mallory@example.com', '--issuer', served.urls.oidc!, '--trusted-root', served.urls.trustedRoot!], env);
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /IDENTITY_MISMATCH/);
  fs.writeFileSync(artifactFile, 'tampered');
  const tampered = runCli(['verify', bundleFile, '--artifact', artifactFile, '--identity', email, '--issuer', served.urls.oidc!, '--trusted-root', served.urls.trustedRoot!], env);
  assert.equal(tampered.status, 1);
  assert.match(tampered.stderr, /SIGNATURE_INVALID/);
});

test('the PIN never appears in what serve printed', () => {
  assert.ok(!served.stderr().includes(PIN));
});
