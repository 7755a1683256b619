// trusted_root.json and signing_config.json as Sigstore's own code reads them: our output survives
// @sigstore/protobuf-specs fromJSON/toJSON unchanged, @sigstore/verify's toTrustMaterial accepts it, and the
// real files from Sigstore's public root-signing repository parse with the same parsers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SigningConfig, TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial } from '@sigstore/verify';
import { fromBase64, sha256, toBase64 } from '../bytes';
import { generateEphemeralSigner } from '../keys/software-signer';
import { makeIntermediate, makeRoot } from '../pki/testing';
import { fixturesDir } from '../testing/fixtures';
import { SigstoreError } from './errors';
import { buildSigningConfig, parseSigningConfig, SIGNING_CONFIG_MEDIA_TYPE } from './signing-config';
import { buildTrustedRoot, parseTrustedRoot, TRUSTED_ROOT_MEDIA_TYPE } from './trusted-root';

const fixture = (name: string) => JSON.parse(readFileSync(fixturesDir('root-signing', 'targets', name), 'utf8')) as unknown;
const T0 = new Date('2026-01-01T00:00:00Z');

async function material() {
  const root = await makeRoot('ecdsa-p384', 'Rehearsal Root');
  const fulcio = await makeIntermediate(root, 'fulcio-intermediate');
  const tsa = await makeIntermediate(root, 'tsa-intermediate');
  const rekorKey = await generateEphemeralSigner('ed25519').publicKeySpki();
  const ctKey = await generateEphemeralSigner('ecdsa-p256').publicKeySpki();
  return { root, fulcio, tsa, rekorKey, ctKey };
}

test('trusted root: exact JSON form, unchanged through protobuf-specs, accepted by toTrustMaterial', async () => {
  const m = await material();
  const json = buildTrustedRoot({
    certificateAuthorities: [{ uri: 'http://127.0.0.1:5555', chain: [m.fulcio.der, m.root.der] }],
    tlogs: [{ baseUrl: 'http://127.0.0.1:3000/', publicKey: m.rekorKey, validFrom: T0 }],
    ctlogs: [{ baseUrl: 'http://127.0.0.1:6962', publicKey: m.ctKey, validFrom: T0, validUntil: new Date('2027-01-01T00:00:00Z'), operator: 'rehearsal' }],
    timestampAuthorities: [{ uri: 'http://127.0.0.1:3001/api/v1/timestamp', chain: [m.tsa.der, m.root.der] }],
  });
  assert.equal(json.mediaType, TRUSTED_ROOT_MEDIA_TYPE);
  assert.deepEqual(json.certificateAuthorities[0]!.subject, { organization: 'Rootsmith Test', commonName: 'Rehearsal Root' });
  assert.equal(json.certificateAuthorities[0]!.validFor.start, T0.toISOString());
  assert.equal(json.certificateAuthorities[0]!.certChain.certificates[1]!.rawBytes, toBase64(m.root.der));
  assert.equal(json.tlogs[0]!.baseUrl, 'http://127.0.0.1:3000');
  assert.equal(json.tlogs[0]!.publicKey.keyDetails, 'PKIX_ED25519');
  assert.equal(json.ctlogs[0]!.publicKey.keyDetails, 'PKIX_ECDSA_P256_SHA_256');
  assert.equal(json.ctlogs[0]!.logId.keyId, toBase64(sha256(m.ctKey)));
  assert.deepEqual(json.ctlogs[0]!.publicKey.validFor, { start: '2026-01-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });

  const proto = TrustedRoot.fromJSON(json);
  assert.deepEqual(TrustedRoot.toJSON(proto), json, 'protobuf-specs re-serialises it unchanged');
  const tm = toTrustMaterial(proto);
  assert.equal(tm.certificateAuthorities[0]!.certChain.length, 2);
  assert.equal(tm.ctlogs[0]!.publicKey.asymmetricKeyType, 'ec');
  assert.deepEqual(new Uint8Array(tm.ctlogs[0]!.logID), sha256(m.ctKey));
  assert.equal(tm.tlogs[0]!.publicKey.asymmetricKeyType, 'ed25519');
  assert.deepEqual(parseTrustedRoot(JSON.parse(JSON.stringify(json))), json);
});

test('signing config v0.2: exact JSON form, unchanged through protobuf-specs', () => {
  const svc = (url: string, majorApiVersion = 1) => ({ url, majorApiVersion, validFrom: T0, operator: 'rootsmith rehearsal' });
  const json = buildSigningConfig({
    ca: [svc('http://127.0.0.1:5555/')],
    oidc: [svc('http://127.0.0.1:5556')],
    rekor: [svc('http://127.0.0.1:3000', 2)],
    tsa: [svc('http://127.0.0.1:3001/api/v1/timestamp')],
    rekorTlogConfig: { selector: 'EXACT', count: 1 },
  });
  assert.equal(json.mediaType, SIGNING_CONFIG_MEDIA_TYPE);
  assert.deepEqual(json.caUrls[0], { url: 'http://127.0.0.1:5555', majorApiVersion: 1, validFor: { start: T0.toISOString() }, operator: 'rootsmith rehearsal' });
  assert.deepEqual(json.tsaConfig, { selector: 'ANY' });
  assert.deepEqual(SigningConfig.toJSON(SigningConfig.fromJSON(json)), json);
  assert.throws(() => buildSigningConfig({ tsaConfig: { selector: 'EXACT' } }), (e: unknown) => e instanceof SigstoreError);
});

test("Sigstore's public trusted_root.json and signing_config v0.2 files parse with the same parsers", () => {
  const root = parseTrustedRoot(fixture('trusted_root.json'));
  assert.ok(root.ctlogs.length > 0 && root.certificateAuthorities.length > 0);
  // The public ctlogs' logId is SHA-256 of their SPKI, the rule our builder follows.
  for (const log of root.ctlogs) assert.equal(log.logId.keyId, toBase64(sha256(fromBase64(log.publicKey.rawBytes))));
  toTrustMaterial(TrustedRoot.fromJSON(root));
  for (const name of ['signing_config.v0.2.json', 'signing_config_rekor_v2.v0.2.json']) {
    const sc = parseSigningConfig(fixture(name));
    assert.ok(sc.caUrls.length > 0, name);
  }
  assert.throws(() => parseSigningConfig(fixture('signing_config.json')), (e: unknown) => e instanceof SigstoreError && /mediaType/.test(e.message));
  assert.throws(() => parseTrustedRoot({ mediaType: TRUSTED_ROOT_MEDIA_TYPE }), (e: unknown) => e instanceof SigstoreError);
});
