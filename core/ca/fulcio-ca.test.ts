// The local CA end to end in process: a token from the test issuer, a key proven as sigstore-js proves it, a
// precertificate logged in the CT log, and a final leaf whose embedded SCT @sigstore/verify accepts against a
// trusted root listing that log. Also the refusals: bad proof of possession, identities it cannot certify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from '@sigstore/core';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial } from '@sigstore/verify';
// @sigstore/verify's own chain and SCT checks (not re-exported at its top level).
import { verifyCertificate } from '@sigstore/verify/dist/key';
import { fixedClock } from '../clock';
import { viewCertificate } from '../pki/cert-view';
import { verifyChain } from '../pki/chain';
import { OID } from '../pki/oids';
import { buildTrustedRoot } from '../sigstore/trusted-root';
import { CaError } from './errors';
import { OID_CT_SCT_LIST } from './ctlog/precert';
import { makeClient, makeRig, tokenFor, ISSUER_URL } from './testing';
import type { VerifiedToken } from './oidc-verify';

const NOW = new Date('2026-06-01T10:00:00Z');
const clock = fixedClock(NOW);
const code = (c: string) => (e: unknown) => e instanceof CaError && e.code === c;

test('issues a 10-minute Fulcio leaf with an embedded SCT that @sigstore/verify accepts', async () => {
  const rig = await makeRig(clock);
  try {
    const client = makeClient();
    const token = await tokenFor(rig, 'alice@example.com', clock);
    const issued = await rig.ca.issue({ token, publicKey: client.spki, proofOfPossession: client.prove('alice@example.com') });
    assert.equal(issued.chain.length, 3);
    assert.match(issued.chainPem[0]!, /^-----BEGIN CERTIFICATE-----/);
    verifyChain(issued.chain, NOW);
    const v = viewCertificate(issued.chain[0]!);
    assert.equal(v.notAfter.getTime() - v.notBefore.getTime(), 10 * 60_000);
    assert.equal(v.subjectAltNames?.critical, true);
    assert.deepEqual([...v.subjectAltNames!.value], [{ type: 'email', value: 'alice@example.com' }]);
    assert.deepEqual(v.extKeyUsage?.value, [OID.codeSigning]);
    const raw = v.extensions.find((e) => e.oid === OID.fulcioIssuerV1);
    assert.equal(Buffer.from(raw!.value).toString(), ISSUER_URL);
    assert.ok(v.extensions.some((e) => e.oid === OID.fulcioIssuerV2));
    assert.equal(v.extensions[v.extensions.length - 1]!.oid, OID_CT_SCT_LIST);
    assert.equal(rig.ctLog.size, 1);
    assert.equal(rig.ca.issued, 1);

    const trusted = buildTrustedRoot({
      certificateAuthorities: [{ uri: 'http://127.0.0.1:5555', chain: [rig.intermediate.der, rig.root.der] }],
      ctlogs: [{ baseUrl: 'http://127.0.0.1:6962', publicKey: rig.ctLog.publicKeySpki, validFrom: new Date('2026-01-01T00:00:00Z') }],
    });
    const material = toTrustMaterial(TrustedRoot.fromJSON(trusted));
    const leaf = X509Certificate.parse(Buffer.from(issued.chain[0]!));
    const result = verifyCertificate(leaf, [NOW], material);
    assert.equal(result.scts.length, 1, 'one SCT, verified by sigstore-js');
    assert.equal(result.signer.identity?.extensions?.issuer, ISSUER_URL);
    assert.deepEqual(new Uint8Array(result.scts[0]!), rig.ctLog.logId);

    // A trusted root that lists another CT log key makes sigstore-js reject the SCT.
    const other = buildTrustedRoot({
      certificateAuthorities: [{ uri: 'http://127.0.0.1:5555', chain: [rig.intermediate.der, rig.root.der] }],
      ctlogs: [{ baseUrl: 'http://127.0.0.1:1', publicKey: client.spki, validFrom: new Date('2026-01-01T00:00:00Z') }],
    });
    assert.throws(() => verifyCertificate(leaf, [NOW], toTrustMaterial(TrustedRoot.fromJSON(other))));
  } finally {
    rig.cleanup();
  }
});

test('without a CT log the leaf has no SCT list; a URI subject becomes a URI SAN', async () => {
  const rig = await makeRig(clock, false);
  try {
    const client = makeClient();
    const token: VerifiedToken = { issuer: 'https://ci.example', subject: 'https://ci.example/org/repo/.github/workflows/release.yml@refs/heads/main', expiresAt: NOW, claims: {} };
    const issued = await rig.ca.issue({ token, publicKey: client.spki, proofOfPossession: client.prove(token.subject) });
    const v = viewCertificate(issued.chain[0]!);
    assert.equal(issued.sct, undefined);
    assert.ok(!v.extensions.some((e) => e.oid === OID_CT_SCT_LIST));
    assert.deepEqual([...v.subjectAltNames!.value], [{ type: 'uri', value: token.subject }]);
    assert.equal(rig.ctLog.size, 0);
  } finally {
    rig.cleanup();
  }
});

test('refuses a bad proof of possession and an identity it cannot certify, logging nothing', async () => {
  const rig = await makeRig(clock);
  try {
    const client = makeClient();
    const token = await tokenFor(rig, 'alice@example.com', clock);
    await assert.rejects(rig.ca.issue({ token, publicKey: client.spki, proofOfPossession: client.prove('mallory@example.com') }), code('POP_INVALID'));
    await assert.rejects(rig.ca.issue({ token, publicKey: makeClient().spki, proofOfPossession: client.prove('alice@example.com') }), code('POP_INVALID'));
    await assert.rejects(rig.ca.issue({ token, publicKey: client.spki, proofOfPossession: new Uint8Array([1, 2, 3]) }), code('POP_INVALID'));
    const noIdentity: VerifiedToken = { issuer: 'https://x', subject: '12345', expiresAt: NOW, claims: {} };
    await assert.rejects(rig.ca.issue({ token: noIdentity, publicKey: client.spki, proofOfPossession: client.prove('12345') }), code('IDENTITY_UNSUPPORTED'));
    assert.equal(rig.ctLog.size, 0);
    assert.equal(rig.ca.issued, 0);
  } finally {
    rig.cleanup();
  }
});
