// Decoding and verifying Rekor LogEntries built from real keys, a real Fulcio-profile certificate and a real
// Merkle tree: the view shows what a person checks, and each verification check fails on its own tampering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalize } from '@tufjs/canonical-json';
import { sha256, toBase64, toHex, toPem } from '../bytes';
import { generateEphemeralSigner } from '../keys/software-signer';
import { issueCertificate, PROFILES } from '../pki';
import { makeIntermediate, makeRoot, T0 } from '../pki/testing';
import { viewLogEntry } from './entry-view';
import { MemoryTree } from './memory-tree';
import { createNoteSigner } from './note-keys';
import { buildLogEntry, entryUuid } from './rekor/log-entry';
import { logIdOf } from './rekor/set';
import type { LogEntryWire } from './rekor/wire';
import { signCheckpoint } from './signed-checkpoint';
import { verifyEntry } from './verify-entry';

const logSigner = generateEphemeralSigner('ecdsa-p256');
const TREE_ID = '0123456789abcdef';

async function leafCert(): Promise<{ pem: string; signer: ReturnType<typeof generateEphemeralSigner> }> {
  const root = await makeRoot('ecdsa-p384');
  const inter = await makeIntermediate(root, 'fulcio-intermediate');
  const signer = generateEphemeralSigner('ecdsa-p256');
  const template = PROFILES['fulcio-leaf'].build({
    subjectPublicKey: await signer.publicKeySpki(),
    issuer: inter.der,
    notBefore: T0,
    san: { email: 'alice@example.com' },
    oidcIssuer: 'https://oidc.example.com',
  });
  const { der } = await issueCertificate({ template, profile: PROFILES['fulcio-leaf'], issuer: inter.der, signer: inter.signer });
  return { pem: toPem(der, 'CERTIFICATE'), signer };
}

async function fixture() {
  const { pem, signer } = await leafCert();
  const artifact = new TextEncoder().encode('hello artifact');
  const sig = await signer.sign(artifact);
  const body = new TextEncoder().encode(
    canonicalize({
      apiVersion: '0.0.1',
      kind: 'hashedrekord',
      spec: {
        data: { hash: { algorithm: 'sha256', value: toHex(sha256(artifact)) } },
        signature: { content: toBase64(sig), publicKey: { content: toBase64(new TextEncoder().encode(pem)) } },
      },
    }),
  );
  const tree = new MemoryTree();
  for (let i = 0; i < 5; i++) tree.append(new TextEncoder().encode(`other ${i}`));
  const index = tree.append(body);
  for (let i = 0; i < 3; i++) tree.append(new TextEncoder().encode(`later ${i}`));
  const spki = await logSigner.publicKeySpki();
  const note = await createNoteSigner('127.0.0.1', logSigner);
  const rootHash = await tree.rootAt();
  const cp = await signCheckpoint({ origin: `127.0.0.1 - 42`, size: tree.size, rootHash, extensions: [] }, [note]);
  const entry = await buildLogEntry({
    body,
    logIndex: index,
    integratedTime: 1_767_225_600,
    logId: logIdOf(spki),
    signer: logSigner,
    spki,
    proof: { treeSize: tree.size, rootHash, hashes: await tree.inclusionProof(index), checkpoint: cp.envelope },
  });
  return { entry, spki, body, uuid: entryUuid(body, TREE_ID), artifact };
}

test('a hashedrekord entry decodes to its artifact hash, certificate identity and proof walk', async () => {
  const { entry, uuid, artifact } = await fixture();
  const v = viewLogEntry(uuid, entry);
  assert.equal(v.logIndex, 5);
  assert.equal(v.uuidMatchesBody, true);
  assert.equal(v.integratedAt.toISOString(), '2026-01-01T00:00:00.000Z');
  assert.equal(v.decoded.kind, 'hashedrekord');
  if (v.decoded.kind !== 'hashedrekord') return;
  assert.equal(v.decoded.artifactHash, toHex(sha256(artifact)));
  const cert = v.decoded.verifier;
  assert.equal(cert.kind, 'certificate');
  if (cert.kind !== 'certificate') return;
  assert.deepEqual(cert.sans, [{ type: 'email', value: 'alice@example.com' }]);
  assert.equal(cert.oidcIssuer, 'https://oidc.example.com');
  assert.equal(cert.keyDescription, 'ECDSA P-256');
  assert.ok(v.proof);
  assert.equal(v.proof.checkpoint.origin, '127.0.0.1 - 42');
  assert.equal(v.proof.checkpoint.size, 9);
  assert.ok(!('error' in v.proof.walk));
  if ('error' in v.proof.walk) return;
  assert.equal(v.proof.walk.steps.length, v.proof.hashes.length);
  assert.equal(v.proof.walk.computedRoot, v.proof.rootHash);
  assert.equal(v.proof.walk.steps.at(-1)!.result, v.proof.rootHash);
});

test('verifyEntry passes every check for a good entry', async () => {
  const { entry, spki } = await fixture();
  const r = verifyEntry(entry, spki);
  assert.deepEqual(
    r.checks.map((c) => [c.check, c.ok]),
    [
      ['logId', true],
      ['set', true],
      ['inclusionProof', true],
      ['checkpoint', true],
    ],
  );
  assert.equal(r.ok, true);
});

function failing(entry: LogEntryWire, spki: Uint8Array): string[] {
  return verifyEntry(entry, spki).checks.filter((c) => !c.ok).map((c) => c.check);
}

test('each tampering fails exactly the check that covers it', async () => {
  const { entry, spki } = await fixture();
  const clone = () => structuredClone(entry);
  const p = (e: LogEntryWire) => e.verification!.inclusionProof!;

  const laterTime = clone();
  laterTime.integratedTime += 1;
  assert.deepEqual(failing(laterTime, spki), ['set']);

  const badHash = clone();
  p(badHash).hashes[0] = '00'.repeat(32);
  assert.deepEqual(failing(badHash, spki), ['inclusionProof']);

  const badNote = clone();
  p(badNote).checkpoint = p(badNote).checkpoint.replace(/^127\.0\.0\.1 - 42/, '127.0.0.1 - 43');
  assert.deepEqual(failing(badNote, spki), ['checkpoint']);

  const otherKey = await generateEphemeralSigner('ecdsa-p256').publicKeySpki();
  assert.deepEqual(failing(entry, otherKey), ['logId', 'set', 'checkpoint']);
});

test('a body that is not a known kind is shown as such, and a bad proof walk says why', async () => {
  const { entry } = await fixture();
  const odd = structuredClone(entry);
  odd.body = toBase64(new TextEncoder().encode('{"kind":"rekord","apiVersion":"0.0.1","spec":{}}'));
  const v = viewLogEntry('ab'.repeat(32), odd);
  assert.equal(v.decoded.kind, 'other');
  if (v.decoded.kind === 'other') assert.equal(v.decoded.kindName, 'rekord');
  assert.equal(v.uuidMatchesBody, false);
  const walk = v.proof!.walk;
  assert.ok(!('error' in walk) && walk.computedRoot !== v.proof!.rootHash, 'the walk of a different body does not reach the root');
  const short = structuredClone(entry);
  short.verification!.inclusionProof!.hashes.pop();
  const w = viewLogEntry('ab'.repeat(32), short).proof!.walk;
  assert.ok('error' in w);
});
