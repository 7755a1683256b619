// CSRs made by the real openssl: parsed, self-signature verified, and the key certified as an intermediate
// whose private key never leaves its own store (as with a cloud KMS); tampered requests are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromPem, toPem } from '../bytes';
import { csrNameSpec, parseCsr } from './csr';
import { PkiError } from './errors';
import { issueCertificate } from './lint/issue';
import { PROFILES } from './profiles';
import { makeRoot, T0, tempDir } from './testing';

function opensslCsr(dir: string, keyArgs: string[]): string {
  const out = join(dir, 'req.csr');
  execFileSync('openssl', ['req', '-new', ...keyArgs, '-nodes', '-keyout', join(dir, 'k.pem'), '-subj', '/C=NL/O=Example KMS/CN=KMS Intermediate', '-out', out], { stdio: 'ignore' });
  return readFileSync(out, 'utf8');
}

const invalid = (e: unknown) => e instanceof PkiError && e.code === 'CSR_INVALID';

test('a P-384 CSR from openssl is verified and certified as a Fulcio intermediate that openssl accepts', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const pem = opensslCsr(dir, ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384']);
    const csr = parseCsr(pem);
    assert.equal(csr.subjectText, 'C=NL, O=Example KMS, CN=KMS Intermediate');
    assert.deepEqual(csr.key, { kind: 'ecdsa', curve: 'P-384', curveOid: '1.3.132.0.34' });
    const pub = execFileSync('openssl', ['pkey', '-in', join(dir, 'k.pem'), '-pubout', '-outform', 'DER']);
    assert.deepEqual(Buffer.from(csr.spki), pub);

    const root = await makeRoot();
    const template = PROFILES['fulcio-intermediate'].build({ subject: csrNameSpec(csr), subjectPublicKey: csr.spki, issuer: root.der, notBefore: T0 });
    const issued = await issueCertificate({ template, profile: PROFILES['fulcio-intermediate'], issuer: root.der, signer: root.signer });
    writeFileSync(join(dir, 'root.pem'), toPem(root.der, 'CERTIFICATE'));
    writeFileSync(join(dir, 'inter.pem'), issued.pem);
    const out = execFileSync('openssl', ['verify', '-x509_strict', '-attime', String(Date.parse('2026-06-01T00:00:00Z') / 1000), '-CAfile', join(dir, 'root.pem'), join(dir, 'inter.pem')], { encoding: 'utf8' });
    assert.match(out, /inter\.pem: OK/);
    // The certificate certifies the CSR's key: openssl agrees the private key matches it.
    const certPub = execFileSync('openssl', ['x509', '-in', join(dir, 'inter.pem'), '-noout', '-pubkey', '-outform', 'DER'], { encoding: 'utf8' });
    assert.deepEqual(fromPem(certPub, 'PUBLIC KEY'), new Uint8Array(pub));
  } finally {
    cleanup();
  }
});

test('an Ed25519 CSR verifies too (DER input)', () => {
  const { dir, cleanup } = tempDir();
  try {
    const csr = parseCsr(fromPem(opensslCsr(dir, ['-newkey', 'ed25519']), 'CERTIFICATE REQUEST'));
    assert.equal(csr.key.kind, 'ed25519');
  } finally {
    cleanup();
  }
});

test('a CSR whose subject was altered after signing, garbage, or no CSR at all is CSR_INVALID', () => {
  const { dir, cleanup } = tempDir();
  try {
    const der = fromPem(opensslCsr(dir, ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']), 'CERTIFICATE REQUEST');
    const tampered = der.slice();
    const at = Buffer.from(tampered).indexOf('KMS Intermediate');
    tampered[at] = 'X'.charCodeAt(0);
    assert.throws(() => parseCsr(tampered), invalid);
    assert.throws(() => parseCsr(new Uint8Array([0x30, 0x03, 1, 2, 3])), invalid);
    assert.throws(() => parseCsr('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), invalid);
  } finally {
    cleanup();
  }
});
