// The CT log as an RFC 6962 client sees it: SCTs and tree heads that verify with the log key, leaves that
// are MerkleTreeLeaf structures, audit and consistency proofs that check against signed roots, entries with
// their chains, durability across a reopen, and the chains it refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock, type Clock } from '../../clock';
import { sha256 } from '../../bytes';
import { verifySignature } from '../../keys/spki';
import { generateEphemeralSigner } from '../../keys/software-signer';
import { makeIntermediate, makeRoot } from '../../pki/testing';
import { leafHash } from '../../tlog/hash';
import { verifyInclusion } from '../../tlog/inclusion-proof';
import { verifyConsistency } from '../../tlog/consistency-proof';
import { CaError } from '../errors';
import { makeClient, makeRig, tokenFor } from '../testing';
import { CtLog, verifySct } from './ct-log';
import { preCertOf } from './precert';
import { decodeSct, merkleTreeLeaf, treeHeadSignatureInput, TlsReader } from './tls';

const code = (c: string) => (e: unknown) => e instanceof CaError && e.code === c;

function steppingClock(start: Date): Clock {
  let t = start.getTime();
  return { now: () => new Date((t += 1000)) };
}

function unsigned(ds: Uint8Array): Uint8Array {
  const r = new TlsReader(ds);
  assert.equal(r.uint(1), 4, 'sha256');
  assert.equal(r.uint(1), 3, 'ecdsa');
  return r.vector(2).slice();
}

test('SCTs, tree heads, proofs and entries verify; the log survives a reopen', async () => {
  const clock = steppingClock(new Date('2026-06-01T10:00:00Z'));
  const rig = await makeRig(clock);
  try {
    const client = makeClient();
    const token = await tokenFor(rig, 'bob@example.com', clock);
    const scts: Uint8Array[] = [];
    for (let i = 0; i < 3; i++) scts.push((await rig.ca.issue({ token, publicKey: client.spki, proofOfPossession: client.prove('bob@example.com') })).sct!);
    const sth2 = await rig.ctLog.getSth();
    assert.equal(sth2.treeSize, 3);
    assert.ok(verifySignature(rig.ctLog.publicKeySpki, treeHeadSignatureInput(sth2.timestamp, sth2.treeSize, sth2.rootHash), unsigned(sth2.signature), 'sha256'));
    assert.equal(await rig.ctLog.getSth(), sth2, 'the same size gets the same signed head');

    const entries = await rig.ctLog.getEntries(0, 10);
    assert.equal(entries.length, 3);
    for (const [i, e] of entries.entries()) {
      // extra_data: PrecertChainEntry, the precertificate first; the leaf is the MerkleTreeLeaf of it.
      const r = new TlsReader(e.extraData);
      const precert = r.vector(3).slice();
      const rest = new TlsReader(r.vector(3));
      const issuer = rest.vector(3).slice();
      const pre = preCertOf(precert, issuer);
      const sct = decodeSct(scts[i]!);
      assert.ok(verifySct(sct, rig.ctLog.publicKeySpki, pre));
      assert.deepEqual(e.leafInput, merkleTreeLeaf(sct.timestamp, pre));
      const proof = await rig.ctLog.getProofByHash(leafHash(e.leafInput), 3);
      assert.equal(proof.leafIndex, i);
      verifyInclusion(leafHash(e.leafInput), i, 3, proof.auditPath, sth2.rootHash);
    }
    const root1 = leafHash(entries[0]!.leafInput); // the root of a one-leaf tree is its leaf hash
    verifyConsistency(1, 3, await rig.ctLog.getSthConsistency(1, 3), root1, sth2.rootHash);

    const reopened = await CtLog.open(rig.ctDir, { signer: generateEphemeralSigner('ecdsa-p256'), clock, roots: [rig.root.der] }).catch((e: unknown) => e);
    assert.ok(reopened instanceof Error, 'a different key cannot open the log (its checkpoint no longer verifies)');
    const again = await CtLog.open(rig.ctDir, { signer: rig.ctLogSigner, clock, roots: [rig.root.der] });
    assert.equal(again.size, 3);
    assert.deepEqual((await again.getSth()).rootHash, sth2.rootHash);
    assert.equal((await again.getProofByHash(leafHash(entries[2]!.leafInput), 3)).leafIndex, 2);
    assert.deepEqual(sha256(again.publicKeySpki), again.logId);

    await assert.rejects(rig.ctLog.getEntries(5, 6), code('CT_NOT_FOUND'));
    await assert.rejects(rig.ctLog.getSthConsistency(2, 9), code('CT_NOT_FOUND'));
    await assert.rejects(rig.ctLog.getProofByHash(new Uint8Array(32), 3), code('CT_NOT_FOUND'));
  } finally {
    rig.cleanup();
  }
});

test('refuses a final certificate, a chain from a foreign root and a chain without its issuer', async () => {
  const clock = fixedClock(new Date('2026-06-01T10:00:00Z'));
  const rig = await makeRig(clock);
  try {
    const client = makeClient();
    const token = await tokenFor(rig, 'carol@example.com', clock);
    const issued = await rig.ca.issue({ token, publicKey: client.spki, proofOfPossession: client.prove('carol@example.com') });
    await assert.rejects(rig.ctLog.addPreChain(issued.chain), code('CT_CHAIN_INVALID'));
    await assert.rejects(rig.ctLog.addPreChain(issued.chain.slice(0, 1)), code('CT_CHAIN_INVALID'));
    const foreignRoot = await makeRoot('ecdsa-p384', 'Elsewhere');
    const foreign = await makeIntermediate(foreignRoot, 'fulcio-intermediate', 'ecdsa-p256');
    await assert.rejects(rig.ctLog.addPreChain([issued.chain[0]!, foreign.der, foreignRoot.der]), code('CT_CHAIN_INVALID'));
    assert.equal(rig.ctLog.size, 1);
  } finally {
    rig.cleanup();
  }
});
