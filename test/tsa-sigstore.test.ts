// The sigstore client against `rootsmith serve --tsa`: @sigstore/sign's bundle builder with a TSAWitness pointed at
// our URL gets an RFC 3161 timestamp into the bundle (over the JSON request Sigstore clients send), and
// @sigstore/verify accepts it with a trusted root listing this TSA, and refuses it when the root lists another.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { bundleFromJSON, bundleToJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { MessageSignatureBundleBuilder, TSAWitness, type Signer as SigstoreSigner } from '@sigstore/sign';
import { Verifier, VerificationError, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
import { parsePemBlocks, toBase64 } from '../core/bytes';
import { generateEphemeralSigner } from '../core/keys';
import { decodeTimestamp } from '../core/tsa';
import { startServe, type Served } from './support/serve';
import { issueTsaChain } from './support/tsa-chain';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-tsa-sigstore-');
let served: Served | undefined;
after(async () => {
  await served?.stop();
  tmp.cleanup();
});

const ARTIFACT = Buffer.from('a release, signed with a plain key and timestamped by the rehearsal TSA\n');

function trustedRootWith(chain: Uint8Array[], uri: string): TrustedRoot {
  return TrustedRoot.fromJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [],
    certificateAuthorities: [],
    ctlogs: [],
    timestampAuthorities: [
      {
        subject: { organization: 'Rootsmith rehearsal', commonName: 'Rootsmith rehearsal TSA' },
        uri,
        certChain: { certificates: chain.map((c) => ({ rawBytes: toBase64(c) })) },
        validFor: { start: '2020-01-01T00:00:00Z' },
      },
    ],
  });
}

test('a sigstore bundle gets its timestamp from our TSA and verifies only against a root that lists it', async () => {
  served = await startServe(['--tsa', '--data', tmp.dir]);
  const url = served.urls.tsa!;
  const chainPem = await (await fetch(`${url}/api/v1/timestamp/certchain`)).text();
  const chain = parsePemBlocks(chainPem).map((b) => b.der);

  // A key-based signer in the sigstore client's own Signer shape (the keyless Fulcio path comes with the local CA).
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signer: SigstoreSigner = {
    sign: async (data) => ({
      signature: sign('sha256', data, { key: key.privateKey, dsaEncoding: 'der' }),
      key: { $case: 'publicKey', publicKey: key.publicKey.export({ type: 'spki', format: 'pem' }).toString(), hint: 'release-key' },
    }),
  };
  const builder = new MessageSignatureBundleBuilder({ signer, witnesses: [new TSAWitness({ tsaBaseURL: url })] });
  const built = await builder.create({ data: ARTIFACT });
  // Through JSON and back, as a bundle file would travel.
  const bundle = bundleFromJSON(JSON.parse(JSON.stringify(bundleToJSON(built))));
  const stamps = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps ?? [];
  assert.equal(stamps.length, 1, 'the TSA witness put one RFC 3161 timestamp in the bundle');
  const decoded = decodeTimestamp(new Uint8Array(stamps[0]!.signedTimestamp));
  assert.equal(decoded.status, 'granted');
  assert.equal(decoded.token?.policyOid, '1.3.6.1.4.1.57264.2');

  const keys = () => ({ publicKey: key.publicKey, validFor: () => true });
  const policy = { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 };
  const ours = new Verifier(toTrustMaterial(trustedRootWith(chain, `${url}/api/v1/timestamp`), keys), policy);
  ours.verify(toSignedEntity(bundle, ARTIFACT));

  // The same bundle against a trusted root that lists another TSA.
  const other = await issueTsaChain(await generateEphemeralSigner('ecdsa-p256').publicKeySpki(), 'Other TSA Operator');
  const theirs = new Verifier(toTrustMaterial(trustedRootWith([other.leaf, other.root], 'http://other.example/api/v1/timestamp'), keys), policy);
  assert.throws(() => theirs.verify(toSignedEntity(bundle, ARTIFACT)), (e: unknown) => e instanceof VerificationError && e.code === 'TIMESTAMP_ERROR');

  // And other data than what was signed fails too.
  assert.throws(() => ours.verify(toSignedEntity(bundle, Buffer.from('tampered'))), VerificationError);
});
