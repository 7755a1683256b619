// The embedded log with the real sigstore-js client: @sigstore/sign's RekorWitness uploads hashedrekord and dsse
// entries to `rootsmith serve --log`, and @sigstore/verify accepts the bundles (SET, inclusion proof, checkpoint)
// against a trusted root listing our log key. Also our RekorClient, entry view and verifyEntry on the same
// entries, duplicates (409 with Location), and a restart on the same DIR reopening the same log.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { bundleToJSON } from '@sigstore/bundle';
import { PublicKeyDetails, TrustedRoot } from '@sigstore/protobuf-specs';
import { DSSEBundleBuilder, MessageSignatureBundleBuilder, RekorWitness, type Signer } from '@sigstore/sign';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { fromPem } from '../core/bytes';
import { buildTrustedRoot } from '../core/sigstore';
import { RekorClient, verifyEntry, viewLogEntry, LogClientError } from '../app/log-client';
import { startServe, type Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-log-sigstore-');
const running: Served[] = [];
after(async () => {
  for (const s of running) await s.stop();
  tmp.cleanup();
});

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signerPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
const HINT = 'rootsmith-test-key';
const keySigner: Signer = {
  sign: async (data: Buffer) => ({ signature: cryptoSign('sha256', data, privateKey), key: { $case: 'publicKey', publicKey: signerPem, hint: HINT } }),
};

async function serve(): Promise<Served> {
  const s = await startServe(['--log', '--data', tmp.dir]);
  running.push(s);
  return s;
}

function verifierFor(baseUrl: string, logKeyPem: string): Verifier {
  const root = buildTrustedRoot({ tlogs: [{ baseUrl, publicKey: fromPem(logKeyPem, 'PUBLIC KEY'), validFrom: new Date('2020-01-01T00:00:00Z') }] });
  const keys = {
    [HINT]: {
      rawBytes: publicKey.export({ type: 'spki', format: 'der' }),
      keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
      validFor: { start: new Date('2020-01-01T00:00:00Z') },
    },
  };
  const trust = toTrustMaterial(TrustedRoot.fromJSON(root), keys);
  return new Verifier(trust, { tlogThreshold: 1, ctlogThreshold: 0, timestampThreshold: 0 });
}

test('sigstore-js logs a message signature and a DSSE envelope, and verifies both bundles against our log', async () => {
  const s = await serve();
  const url = s.urls['log']!;
  const client = new RekorClient(url);
  const logKeyPem = await client.publicKey();
  const verifier = verifierFor(url, logKeyPem);

  const artifact = Buffer.from('release 1.2.3\n');
  const msgBundle = await new MessageSignatureBundleBuilder({ signer: keySigner, witnesses: [new RekorWitness({ rekorBaseURL: url })] }).create({ data: artifact });
  const json = bundleToJSON(msgBundle) as { verificationMaterial: { tlogEntries: { inclusionProof?: unknown; inclusionPromise?: unknown; logIndex: string }[] } };
  const tlog = json.verificationMaterial.tlogEntries[0]!;
  assert.ok(tlog.inclusionProof, 'the bundle carries an inclusion proof');
  assert.ok(tlog.inclusionPromise, 'the bundle carries a SET');
  verifier.verify(toSignedEntity(msgBundle, artifact));
  assert.throws(() => verifier.verify(toSignedEntity(msgBundle, Buffer.from('release 1.2.4\n'))), 'another artifact does not verify');

  const dsseBundle = await new DSSEBundleBuilder({ signer: keySigner, witnesses: [new RekorWitness({ rekorBaseURL: url })] }).create({
    data: Buffer.from('{"_type":"https://in-toto.io/Statement/v1","subject":[]}'),
    type: 'application/vnd.in-toto+json',
  });
  verifier.verify(toSignedEntity(dsseBundle));

  // A log with another key is not trusted for these bundles.
  const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
  assert.throws(() => verifierFor(url, otherKey).verify(toSignedEntity(msgBundle, artifact)));

  // Our own client, view and verification on the same entries.
  const info = await client.logInfo();
  assert.equal(info.treeSize, 2);
  const first = await client.entryByIndex(0);
  assert.equal(first.uuid.length, 80);
  assert.deepEqual((await client.entryByUuid(first.uuid)).entry.body, first.entry.body);
  assert.deepEqual((await client.entryByUuid(first.uuid.slice(16))).entry.body, first.entry.body);
  const spki = fromPem(logKeyPem, 'PUBLIC KEY');
  assert.equal(verifyEntry(first.entry, spki).ok, true);
  const view = viewLogEntry(first.uuid, first.entry);
  assert.equal(view.decoded.kind, 'hashedrekord');
  if (view.decoded.kind === 'hashedrekord') {
    assert.equal(view.decoded.artifactHash, createHash('sha256').update(artifact).digest('hex'));
    assert.equal(view.decoded.verifier.kind, 'publicKey');
  }
  const second = await client.entryByIndex(1);
  assert.equal(viewLogEntry(second.uuid, second.entry).decoded.kind, 'dsse');
  assert.deepEqual(await client.searchByHash(createHash('sha256').update(artifact).digest('hex')), [first.uuid]);
  assert.deepEqual((await client.entriesByIndexes([1, 0, 7])).map((e) => e.uuid), [second.uuid, first.uuid]);

  // The same signature again is a duplicate: 409 naming the existing entry.
  const proposed = JSON.parse(Buffer.from(first.entry.body, 'base64').toString('utf8'));
  await assert.rejects(client.createEntry(proposed), (e: unknown) => {
    assert.ok(e instanceof LogClientError);
    assert.equal(e.details?.['status'], 409);
    assert.equal(e.details?.['location'], `/api/v1/log/entries/${first.uuid}`);
    return true;
  });
  const proof = await client.consistencyProof(1, 2);
  assert.equal(proof.rootHash, info.rootHash);

  // The same log as C2SP tlog-tiles, read-only: the checkpoint, the level-0 tile and the entry bundle.
  assert.equal(await (await fetch(`${url}/checkpoint`)).text(), info.signedTreeHead);
  const tile = Buffer.from(await (await fetch(`${url}/tile/0/000.p/2`)).arrayBuffer());
  assert.equal(tile.byteLength, 64);
  assert.equal(tile.subarray(0, 32).toString('hex'), view.leafHash);
  assert.equal((await fetch(`${url}/tile/entries/000.p/2`)).status, 200);
  assert.equal((await fetch(`${url}/tile/entries/000.p/2`, { method: 'POST' })).status, 405);

  // SIGTERM shuts down cleanly; a restart on the same DIR reopens the same log, key and entries.
  assert.equal(await s.stop(), 0);
  const again = await serve();
  const client2 = new RekorClient(again.urls['log']!);
  assert.equal(await client2.publicKey(), logKeyPem);
  const info2 = await client2.logInfo();
  assert.equal(info2.treeSize, 2);
  assert.equal(info2.rootHash, info.rootHash);
  assert.equal(info2.treeID, info.treeID);
  const reread = await client2.entryByIndex(0);
  assert.equal(reread.entry.integratedTime, first.entry.integratedTime);
  assert.equal(verifyEntry(reread.entry, spki).ok, true);
});
