// Certificate building over a Signer: serial numbers, time encodings and signature algorithms per key type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateEphemeralSigner } from '../keys/software-signer';
import type { KeyAlgorithm } from '../keys/signer';
import { viewCertificate } from './cert-view';
import { PkiError } from './errors';
import { encodeName } from './name';
import { OID } from './oids';
import { randomSerial } from './serial';
import { buildCertificate, verifyCertificateSignature, type CertificateTemplate } from './x509';

async function selfSigned(alg: KeyAlgorithm, notBefore: Date, notAfter: Date) {
  const signer = generateEphemeralSigner(alg);
  const spki = await signer.publicKeySpki();
  const name = encodeName({ commonName: 'x', organization: 'y' });
  const t: CertificateTemplate = { serialNumber: randomSerial(), issuerKeyAlgorithm: alg, issuer: name, subject: name, notBefore, notAfter, subjectPublicKey: spki, extensions: [] };
  return { signer, spki, t, built: await buildCertificate(t, signer) };
}

test('randomSerial is 20 octets, positive and keeps its length even when the random first octet is 0x00 or 0xff', () => {
  for (const fill of [0x00, 0xff, 0x80]) {
    const s = randomSerial((n) => new Uint8Array(n).fill(fill));
    assert.equal(s.length, 20);
    assert.ok(s[0]! > 0 && s[0]! < 0x80, `first octet ${s[0]}`);
  }
  const seen = new Set(Array.from({ length: 50 }, () => Buffer.from(randomSerial()).toString('hex')));
  assert.equal(seen.size, 50);
});

for (const [alg, oid] of [
  ['ecdsa-p256', OID.ecdsaWithSha256],
  ['ecdsa-p384', OID.ecdsaWithSha384],
  ['ed25519', OID.ed25519],
] as const) {
  test(`a ${alg} issuer signs with ${oid} and the signature verifies`, async () => {
    const { spki, built } = await selfSigned(alg, new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    const v = viewCertificate(built.der);
    assert.equal(v.signatureOid, oid);
    assert.equal(v.tbsSignatureOid, oid);
    assert.equal(v.signatureParams, false);
    assert.equal(v.version, 3);
    assert.equal(v.serial.length, 20);
    assert.ok(verifyCertificateSignature(built.der, spki));
  });
}

test('UTCTime through 2049, GeneralizedTime from 2050, milliseconds dropped (RFC 5280 4.1.2.5)', async () => {
  const { built } = await selfSigned('ecdsa-p256', new Date('2049-12-31T23:59:59.750Z'), new Date('2050-01-01T00:00:00Z'));
  const v = viewCertificate(built.der);
  assert.equal(v.notBeforeEncoding, 'utc');
  assert.equal(v.notAfterEncoding, 'generalized');
  assert.equal(v.notBefore.toISOString(), '2049-12-31T23:59:59.000Z');
});

test('a signer whose algorithm differs from the template is refused', async () => {
  const { t } = await selfSigned('ecdsa-p384', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
  await assert.rejects(buildCertificate(t, generateEphemeralSigner('ecdsa-p256')), (e: unknown) => e instanceof PkiError && e.code === 'PROFILE_VIOLATION');
});

test('bytes that are not a certificate give CERT_INVALID', () => {
  assert.throws(() => viewCertificate(new Uint8Array([1, 2, 3])), (e: unknown) => e instanceof PkiError && e.code === 'CERT_INVALID');
});
