// Whole chains built with software keys through the profiles and lint-before-sign, checked by the real
// `openssl verify -x509_strict` and `openssl x509 -text`, and by verifyChain in code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toPem } from '../bytes';
import { generateEphemeralSigner } from '../keys/software-signer';
import { chainToPem, pemToChain, verifyChain } from './chain';
import { PkiError } from './errors';
import { issueCertificate } from './lint/issue';
import { PROFILES } from './profiles';
import { makeIntermediate, makeRoot, T0, tempDir, type TestCa } from './testing';

const AT = new Date('2026-06-01T00:00:00Z');

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function write(dir: string, name: string, der: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, toPem(der, 'CERTIFICATE'));
  return p;
}

async function tsaLeaf(inter: TestCa): Promise<Uint8Array> {
  const key = generateEphemeralSigner('ecdsa-p256');
  const template = PROFILES['tsa-leaf'].build({ subject: { commonName: 'Test TSA', organization: 'Rootsmith Test' }, subjectPublicKey: await key.publicKeySpki(), issuer: inter.der, notBefore: T0 });
  return (await issueCertificate({ template, profile: PROFILES['tsa-leaf'], issuer: inter.der, signer: inter.signer })).der;
}

async function fulcioLeaf(inter: TestCa): Promise<Uint8Array> {
  const key = generateEphemeralSigner('ecdsa-p256');
  const notBefore = new Date('2026-06-01T00:00:00Z');
  const template = PROFILES['fulcio-leaf'].build({ san: { email: 'dev@example.com' }, oidcIssuer: 'https://oauth2.example.com', subjectPublicKey: await key.publicKeySpki(), issuer: inter.der, notBefore });
  return (await issueCertificate({ template, profile: PROFILES['fulcio-leaf'], issuer: inter.der, signer: inter.signer })).der;
}

test('root -> TSA intermediate -> TSA leaf passes openssl verify -x509_strict -purpose timestampsign', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const root = await makeRoot();
    const inter = await makeIntermediate(root, 'tsa-intermediate');
    const leaf = await tsaLeaf(inter);
    const [r, i, l] = [write(dir, 'root.pem', root.der), write(dir, 'inter.pem', inter.der), write(dir, 'leaf.pem', leaf)];
    const out = openssl(['verify', '-x509_strict', '-purpose', 'timestampsign', '-attime', String(AT.getTime() / 1000), '-CAfile', r, '-untrusted', i, l]);
    assert.match(out, /leaf\.pem: OK/);
    const text = openssl(['x509', '-in', l, '-noout', '-text']);
    assert.match(text, /X509v3 Extended Key Usage: critical\n\s+Time Stamping/);
    assert.match(text, /X509v3 Key Usage: critical\n\s+Digital Signature\n/);
    assert.match(text, /X509v3 Authority Key Identifier/);
    assert.match(text, /X509v3 Subject Key Identifier/);
    assert.doesNotMatch(text, /Basic Constraints/);
    const itext = openssl(['x509', '-in', i, '-noout', '-text']);
    assert.match(itext, /X509v3 Basic Constraints: critical\n\s+CA:TRUE, pathlen:0/);
    assert.match(itext, /X509v3 Key Usage: critical\n\s+Certificate Sign, CRL Sign\n/);
    assert.match(itext, /X509v3 Extended Key Usage: \n\s+Time Stamping/);
    assert.equal(verifyChain([leaf, inter.der, root.der], AT).length, 3);
  } finally {
    cleanup();
  }
});

test('root -> Fulcio intermediate (-> Fulcio leaf) passes openssl verify -x509_strict', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const root = await makeRoot();
    const inter = await makeIntermediate(root, 'fulcio-intermediate');
    const leaf = await fulcioLeaf(inter);
    const [r, i, l] = [write(dir, 'root.pem', root.der), write(dir, 'inter.pem', inter.der), write(dir, 'leaf.pem', leaf)];
    const attime = ['-attime', String(AT.getTime() / 1000 + 60)];
    assert.match(openssl(['verify', '-x509_strict', ...attime, '-CAfile', r, i]), /inter\.pem: OK/);
    assert.match(openssl(['verify', '-x509_strict', ...attime, '-CAfile', r, '-untrusted', i, l]), /leaf\.pem: OK/);
    const rtext = openssl(['x509', '-in', r, '-noout', '-text']);
    assert.match(rtext, /Signature Algorithm: ecdsa-with-SHA384/);
    assert.match(rtext, /X509v3 Basic Constraints: critical\n\s+CA:TRUE\n/);
    assert.match(rtext, /X509v3 Key Usage: critical\n\s+Certificate Sign, CRL Sign\n/);
    assert.doesNotMatch(rtext, /Extended Key Usage/);
    assert.match(rtext, /Subject: O ?= ?Rootsmith Test, CN ?= ?Test Root/);
    const itext = openssl(['x509', '-in', i, '-noout', '-text']);
    assert.match(itext, /X509v3 Extended Key Usage: \n\s+Code Signing/);
    const ltext = openssl(['x509', '-in', l, '-noout', '-text']);
    assert.match(ltext, /X509v3 Subject Alternative Name: critical\n\s+email:dev@example.com/);
    assert.match(ltext, /Subject: \n|Subject:\s*\n/);
    const pem = chainToPem([leaf, inter.der, root.der]);
    assert.equal(pemToChain(pem).length, 3);
    assert.equal(verifyChain(pemToChain(pem), new Date(AT.getTime() + 60_000)).length, 3);
  } finally {
    cleanup();
  }
});

test('verifyChain rejects a chain out of order, a foreign root and an expired time, naming the index', async () => {
  const root = await makeRoot();
  const other = await makeRoot('ecdsa-p384', 'Test Root');
  const inter = await makeIntermediate(root, 'tsa-intermediate');
  const leaf = await tsaLeaf(inter);
  const code = (index: number) => (e: unknown) => e instanceof PkiError && e.code === 'CHAIN_INVALID' && e.details?.['index'] === index;
  assert.throws(() => verifyChain([inter.der, leaf, root.der], AT), code(0));
  // Same subject name, different key: the signature (and AKI) give it away.
  assert.throws(() => verifyChain([leaf, inter.der, other.der], AT), code(1));
  assert.throws(() => verifyChain([leaf, inter.der, root.der], new Date('2040-01-01T00:00:00Z')), code(0));
  assert.throws(() => pemToChain('nothing here'), (e: unknown) => e instanceof PkiError && e.code === 'CHAIN_INVALID');
});
