// Lint before sign: a bad template never reaches the real key; a good one is signed with the very TBS bytes
// that were linted, the signature is checked, and a signer that is not the issuer is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesEqual } from '../../bytes';
import { generateEphemeralSigner } from '../../keys/software-signer';
import type { Signer } from '../../keys/signer';
import { viewCertificate } from '../cert-view';
import { PkiError } from '../errors';
import { extKeyUsageExt } from '../extensions';
import { OID } from '../oids';
import { PROFILES } from '../profiles';
import { makeRoot, T0 } from '../testing';
import { parseCertificate, verifyCertificateSignature } from '../x509';
import { issueCertificate, lintBeforeSign, signLinted } from './issue';
import type { LintFinding } from './types';

/** A Signer that counts how often the real key was used. */
function counting(inner: Signer): Signer & { calls: number } {
  const s = { ref: inner.ref, algorithm: inner.algorithm, calls: 0, publicKeySpki: () => inner.publicKeySpki(), sign: (d: Uint8Array, h?: Parameters<Signer['sign']>[1]) => (s.calls++, inner.sign(d, h)) };
  return s;
}

test('a template that breaks the profile throws LINT_FAILED with every finding, and the real key never signs', async () => {
  const root = await makeRoot();
  const real = counting(root.signer);
  const key = await generateEphemeralSigner('ecdsa-p384').publicKeySpki();
  const t = PROFILES['fulcio-intermediate'].build({ subject: { commonName: 'I', organization: 'O' }, subjectPublicKey: key, issuer: root.der, notBefore: T0, notAfter: new Date('2040-01-01T00:00:00Z') });
  t.extensions.push(extKeyUsageExt([OID.timeStamping], false));
  await assert.rejects(issueCertificate({ template: t, profile: PROFILES['fulcio-intermediate'], issuer: root.der, signer: real }), (e: unknown) => {
    assert.ok(e instanceof PkiError);
    assert.equal(e.code, 'LINT_FAILED');
    const rules = (e.details!['findings'] as LintFinding[]).map((f) => f.rule);
    assert.ok(rules.includes('validity-within-issuer') && rules.includes('extension-duplicate'), rules.join(','));
    assert.match(e.message, /validity-within-issuer/);
    return true;
  });
  assert.equal(real.calls, 0);
});

test('the real certificate has the byte-identical TBS of the linted one; only the outer signature differs', async () => {
  const root = await makeRoot();
  const key = await generateEphemeralSigner('ecdsa-p384').publicKeySpki();
  const t = PROFILES['fulcio-intermediate'].build({ subject: { commonName: 'I', organization: 'O' }, subjectPublicKey: key, issuer: root.der, notBefore: T0 });
  const linted = await lintBeforeSign(t, PROFILES['fulcio-intermediate'], root.der);
  const issued = await signLinted(linted, root.signer);
  assert.ok(bytesEqual(parseCertificate(issued.der).tbsDer, parseCertificate(linted.lintCertificate).tbsDer));
  assert.ok(bytesEqual(issued.tbsDer, linted.tbsDer));
  assert.ok(!bytesEqual(viewCertificate(issued.der).signature, viewCertificate(linted.lintCertificate).signature));
  const rootSpki = await root.signer.publicKeySpki();
  assert.ok(verifyCertificateSignature(issued.der, rootSpki));
  assert.ok(!verifyCertificateSignature(linted.lintCertificate, rootSpki), 'the lint certificate is signed by the throwaway key only');
  assert.match(issued.pem, /^-----BEGIN CERTIFICATE-----\n/);
  assert.deepEqual(issued.findings, []);
});

test('signing with a key that is not the issuer is refused with SIGNATURE_INVALID', async () => {
  const root = await makeRoot();
  const key = await generateEphemeralSigner('ecdsa-p384').publicKeySpki();
  const t = PROFILES['tsa-intermediate'].build({ subject: { commonName: 'T', organization: 'O' }, subjectPublicKey: key, issuer: root.der, notBefore: T0 });
  const linted = await lintBeforeSign(t, PROFILES['tsa-intermediate'], root.der);
  await assert.rejects(signLinted(linted, generateEphemeralSigner('ecdsa-p384')), (e: unknown) => e instanceof PkiError && e.code === 'SIGNATURE_INVALID');
});

test('a root is linted and signed by its own key; a signer of another algorithm is refused', async () => {
  const signer = generateEphemeralSigner('ecdsa-p256');
  const t = PROFILES['root-ca'].build({ subject: { commonName: 'R', organization: 'O' }, subjectPublicKey: await signer.publicKeySpki(), notBefore: T0 });
  const issued = await issueCertificate({ template: t, profile: PROFILES['root-ca'], signer });
  assert.deepEqual(issued.findings.map((f) => f.rule), ['subject-key-preferred']);
  await assert.rejects(issueCertificate({ template: t, profile: PROFILES['root-ca'], signer: generateEphemeralSigner('ecdsa-p384') }), (e: unknown) => e instanceof PkiError && e.code === 'PROFILE_VIOLATION');
});

test('an intermediate without its issuer certificate, or a root given one, is refused before anything is signed', async () => {
  const root = await makeRoot();
  const key = await generateEphemeralSigner('ecdsa-p384').publicKeySpki();
  const t = PROFILES['fulcio-intermediate'].build({ subject: { commonName: 'I', organization: 'O' }, subjectPublicKey: key, issuer: root.der, notBefore: T0 });
  await assert.rejects(lintBeforeSign(t, PROFILES['fulcio-intermediate']), (e: unknown) => e instanceof PkiError && e.code === 'PROFILE_VIOLATION');
  const r = PROFILES['root-ca'].build({ subject: { commonName: 'R', organization: 'O' }, subjectPublicKey: await root.signer.publicKeySpki(), notBefore: T0 });
  await assert.rejects(lintBeforeSign(r, PROFILES['root-ca'], root.der), (e: unknown) => e instanceof PkiError && e.code === 'PROFILE_VIOLATION');
});
