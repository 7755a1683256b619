// The real sigstore-js chain verifier (the CertificateChainVerifier @sigstore/verify runs for Fulcio and TSA
// chains) accepts the chains our profiles build: name chaining by bytes, AKI->SKI lookup, isCA with
// keyCertSign, path lengths, signatures and validity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial } from '@sigstore/verify';
// Internal module of @sigstore/verify: the chain verifier its bundle verification calls (key/certificate.ts).
import { CertificateChainVerifier } from '@sigstore/verify/dist/key/certificate';
import { generateEphemeralSigner } from '../keys/software-signer';
import { buildTrustedRoot } from '../sigstore/trusted-root';
import { issueCertificate } from './lint/issue';
import { PROFILES } from './profiles';
import { makeIntermediate, makeRoot, T0 } from './testing';

function trustMaterial(cas: Uint8Array[][], tsas: Uint8Array[][]) {
  const authority = (chainLeafFirst: Uint8Array[]) => ({
    subject: { organization: 'Rootsmith Test', commonName: 'test' },
    uri: 'https://example.test',
    chain: chainLeafFirst,
    validFrom: T0,
  });
  const root = buildTrustedRoot({ certificateAuthorities: cas.map(authority), timestampAuthorities: tsas.map(authority) });
  return toTrustMaterial(TrustedRoot.fromJSON(root));
}

test('sigstore-js verifies root -> TSA intermediate -> TSA leaf and root -> Fulcio intermediate -> leaf', async () => {
  const root = await makeRoot();
  const tsaInter = await makeIntermediate(root, 'tsa-intermediate');
  const tsaKey = generateEphemeralSigner('ecdsa-p256');
  const tsaT = PROFILES['tsa-leaf'].build({ subject: { commonName: 'TSA', organization: 'Rootsmith Test' }, subjectPublicKey: await tsaKey.publicKeySpki(), issuer: tsaInter.der, notBefore: T0 });
  const tsaLeaf = (await issueCertificate({ template: tsaT, profile: PROFILES['tsa-leaf'], issuer: tsaInter.der, signer: tsaInter.signer })).der;

  const fulcioInter = await makeIntermediate(root, 'fulcio-intermediate');
  const leafKey = generateEphemeralSigner('ecdsa-p256');
  const leafT = PROFILES['fulcio-leaf'].build({ san: { email: 'dev@example.com' }, oidcIssuer: 'https://issuer.example', subjectPublicKey: await leafKey.publicKeySpki(), issuer: fulcioInter.der, notBefore: T0 });
  const leaf = (await issueCertificate({ template: leafT, profile: PROFILES['fulcio-leaf'], issuer: fulcioInter.der, signer: fulcioInter.signer })).der;

  const tm = trustMaterial([[leaf, fulcioInter.der, root.der]], [[tsaLeaf, tsaInter.der, root.der]]);
  const [tsaLeafX, ...tsaCas] = tm.timestampAuthorities[0]!.certChain;
  const tsaPath = new CertificateChainVerifier({ untrustedCert: tsaLeafX!, trustedCerts: tsaCas, timestamp: new Date(T0.getTime() + 1000) }).verify();
  assert.equal(tsaPath.length, 3);

  const [leafX, ...fulcioCas] = tm.certificateAuthorities[0]!.certChain;
  const path = new CertificateChainVerifier({ untrustedCert: leafX!, trustedCerts: fulcioCas, timestamp: new Date(T0.getTime() + 1000) }).verify();
  assert.equal(path.length, 3);
  assert.equal(leafX!.subjectAltName, 'dev@example.com');

  // And it refuses the TSA leaf against a different root with the same name.
  const other = await makeRoot();
  const tm2 = trustMaterial([], [[tsaLeaf, tsaInter.der, other.der]]);
  const [l2, ...cas2] = tm2.timestampAuthorities[0]!.certChain;
  assert.throws(() => new CertificateChainVerifier({ untrustedCert: l2!, trustedCerts: cas2, timestamp: new Date(T0.getTime() + 1000) }).verify());
});
