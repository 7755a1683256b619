// Sigstore interop: a real @sigstore/verify Verifier accepts a bundle whose RFC 3161 timestamp came from our
// TSA, with the TSA chain given as a trusted_root.json timestampAuthorities entry, and refuses wrong ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, VerificationError, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
import { fromBase64, toBase64 } from '../bytes';
import { buildTrustedRoot } from '../sigstore/trusted-root';
import { makeTestTsa } from './test-chain';

const timestampError = (e: unknown) => e instanceof VerificationError && e.code === 'TIMESTAMP_ERROR';
const ARTIFACT = Buffer.from('a release tarball, in spirit\n');

function trustedRoot(tsaChain: Uint8Array[]): TrustedRoot {
  // Sigstore wants the TSA leaf first, then its issuers up to the root.
  const timestampAuthorities = [
    {
      subject: { organization: 'Rootsmith', commonName: 'Rootsmith Test TSA' },
      uri: 'http://127.0.0.1/api/v1/timestamp',
      chain: tsaChain,
      validFrom: new Date('2020-01-01T00:00:00Z'),
    },
  ];
  return TrustedRoot.fromJSON(buildTrustedRoot({ timestampAuthorities }));
}

test('@sigstore/verify accepts a bundle timestamped by our TSA and rejects a foreign or mismatched one', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { tsa, chain } = await makeTestTsa(dir, 'ecdsa-p256', { withIntermediate: true });
  const other = await makeTestTsa(fs.mkdtempSync(path.join(dir, 'o-')), 'ecdsa-p256');

  // The artifact signer: a plain key, named by a hint, as in a "public key" Sigstore bundle.
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signature = sign('sha256', ARTIFACT, { key: key.privateKey, dsaEncoding: 'der' });
  // Sigstore timestamps the signature bytes.
  fs.writeFileSync(path.join(dir, 'sig'), signature);
  execFileSync('openssl', ['ts', '-query', '-data', path.join(dir, 'sig'), '-sha256', '-cert', '-out', path.join(dir, 'q.tsq')], { stdio: 'pipe' });
  const req = new Uint8Array(fs.readFileSync(path.join(dir, 'q.tsq')));

  const bundleWith = (tsr: Uint8Array) =>
    bundleFromJSON({
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      verificationMaterial: {
        publicKey: { hint: 'artifact-key' },
        tlogEntries: [],
        timestampVerificationData: { rfc3161Timestamps: [{ signedTimestamp: toBase64(tsr) }] },
      },
      messageSignature: {
        messageDigest: { algorithm: 'SHA2_256', digest: createHash('sha256').update(ARTIFACT).digest('base64') },
        signature: signature.toString('base64'),
      },
    });
  const verifier = new Verifier(
    toTrustMaterial(trustedRoot(chain.chain), () => ({ publicKey: key.publicKey, validFor: () => true })),
    { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 },
  );

  const ours = await tsa.respond(req);
  assert.equal(ours.granted, true);
  verifier.verify(toSignedEntity(bundleWith(ours.der), ARTIFACT));

  // The path a Sigstore client takes: it POSTs JSON { artifactHash, hashAlgorithm } rather than a TimeStampReq.
  const body = JSON.parse(JSON.stringify({ artifactHash: createHash('sha256').update(signature).digest('base64'), hashAlgorithm: 'sha256' }));
  const viaJson = await tsa.respondToDigest({ hashAlgorithm: body.hashAlgorithm, digest: fromBase64(body.artifactHash) });
  assert.equal(viaJson.granted, true);
  verifier.verify(toSignedEntity(bundleWith(viaJson.der), ARTIFACT));

  // A token from a TSA the trusted root does not list.
  const foreign = await other.tsa.respond(req);
  assert.throws(() => verifier.verify(toSignedEntity(bundleWith(foreign.der), ARTIFACT)), timestampError);

  // A token from our TSA, but for other bytes than the signature.
  fs.writeFileSync(path.join(dir, 'other'), 'not the signature');
  execFileSync('openssl', ['ts', '-query', '-data', path.join(dir, 'other'), '-sha256', '-out', path.join(dir, 'o.tsq')], { stdio: 'pipe' });
  const wrong = await tsa.respond(new Uint8Array(fs.readFileSync(path.join(dir, 'o.tsq'))));
  assert.throws(() => verifier.verify(toSignedEntity(bundleWith(wrong.der), ARTIFACT)), timestampError);
});
