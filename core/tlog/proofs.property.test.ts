// Property tests: every inclusion and consistency proof the tree emits verifies, and any change to the leaf,
// root, size or a proof element makes verification fail with a TlogError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bytesEqual, toBase64 } from '../bytes';
import { verifyConsistency } from './consistency-proof';
import { TlogError } from './errors';
import { leafHash } from './hash';
import { verifyInclusion } from './inclusion-proof';
import { MemoryTree } from './memory-tree';
import { createRequire } from 'node:module';

const MAX = 300;
const tree = new MemoryTree();
const entries: Uint8Array[] = [];
for (let i = 0; i < MAX; i++) {
  const e = new TextEncoder().encode(`entry ${i}`);
  entries.push(e);
  tree.append(e);
}

const isTlogError = (e: unknown): boolean => e instanceof TlogError;
const flip = (h: Uint8Array, bit: number): Uint8Array => {
  const c = new Uint8Array(h); // a copy (hashes may be Buffers, whose slice() is a view)
  c[(bit >> 3) % c.length]! ^= 1 << (bit & 7);
  return c;
};
const sameProof = (a: Uint8Array[], b: Uint8Array[]) => a.length === b.length && a.every((x, i) => bytesEqual(x, b[i]!));

// (index, size) with 0 <= index < size <= MAX
const indexAndSize = fc.integer({ min: 1, max: MAX }).chain((size) => fc.tuple(fc.integer({ min: 0, max: size - 1 }), fc.constant(size)));
// (old, new) with 1 <= old <= new <= MAX
const sizes = fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));

test('every inclusion proof verifies; a changed leaf, root, size or element fails', async () => {
  await fc.assert(
    fc.asyncProperty(indexAndSize, fc.nat(255), fc.nat(), fc.integer({ min: 1, max: MAX }), async ([index, size], bit, which, otherSize) => {
      const proof = await tree.inclusionProof(index, size);
      const root = await tree.rootAt(size);
      const leaf = leafHash(entries[index]!);
      verifyInclusion(leaf, index, size, proof, root);
      assert.throws(() => verifyInclusion(flip(leaf, bit), index, size, proof, root), isTlogError);
      assert.throws(() => verifyInclusion(leaf, index, size, proof, flip(root, bit)), isTlogError);
      if (proof.length > 0) {
        const i = which % proof.length;
        const bad = proof.map((p, j) => (j === i ? flip(p, bit) : p));
        assert.throws(() => verifyInclusion(leaf, index, size, bad, root), isTlogError);
        assert.throws(() => verifyInclusion(leaf, index, size, proof.slice(1), root), isTlogError);
      }
      assert.throws(() => verifyInclusion(leaf, index, size, [...proof, root], root), isTlogError);
      // Another size, checked against that size's own root: fails unless both sizes have the very same proof.
      if (otherSize !== size && otherSize > index && !sameProof(proof, await tree.inclusionProof(index, otherSize))) {
        const otherRoot = await tree.rootAt(otherSize);
        assert.throws(() => verifyInclusion(leaf, index, otherSize, proof, otherRoot), isTlogError);
      }
      // Another index in the same tree fails.
      if (size > 1) {
        const other = (index + 1 + (which % (size - 1))) % size;
        assert.throws(() => verifyInclusion(leaf, other, size, proof, root), isTlogError);
      }
    }),
    { numRuns: 400 },
  );
});

test('every consistency proof verifies; a changed root, size or element fails', async () => {
  await fc.assert(
    fc.asyncProperty(sizes, fc.nat(255), fc.nat(), fc.integer({ min: 1, max: MAX }), async ([m, n], bit, which, otherSize) => {
      const proof = await tree.consistencyProof(m, n);
      const r1 = await tree.rootAt(m);
      const r2 = await tree.rootAt(n);
      verifyConsistency(m, n, proof, r1, r2);
      assert.throws(() => verifyConsistency(m, n, proof, flip(r1, bit), r2), isTlogError);
      assert.throws(() => verifyConsistency(m, n, proof, r1, flip(r2, bit)), isTlogError);
      if (proof.length > 0) {
        const i = which % proof.length;
        const bad = proof.map((p, j) => (j === i ? flip(p, bit) : p));
        assert.throws(() => verifyConsistency(m, n, bad, r1, r2), isTlogError);
        assert.throws(() => verifyConsistency(m, n, proof.slice(0, -1), r1, r2), isTlogError);
      }
      assert.throws(() => verifyConsistency(m, n, [...proof, r2], r1, r2), isTlogError);
      // Other sizes with their own roots: fail unless the proof for those sizes is the same one.
      if (otherSize !== m && otherSize <= n && !sameProof(proof, await tree.consistencyProof(otherSize, n))) {
        const otherRoot = await tree.rootAt(otherSize);
        assert.throws(() => verifyConsistency(otherSize, n, proof, otherRoot, r2), isTlogError);
      }
      if (otherSize !== n && otherSize >= m && !sameProof(proof, await tree.consistencyProof(m, otherSize))) {
        const otherRoot = await tree.rootAt(otherSize);
        assert.throws(() => verifyConsistency(m, otherSize, proof, r1, otherRoot), isTlogError);
      }
    }),
    { numRuns: 400 },
  );
});

test('sizes out of order, a zero old size and an index past the end give typed codes', async () => {
  const root = await tree.rootAt(10);
  assert.throws(() => verifyConsistency(11, 10, [], root, root), (e: unknown) => e instanceof TlogError && e.code === 'SIZE_INVALID');
  assert.throws(() => verifyConsistency(0, 10, [], root, root), (e: unknown) => e instanceof TlogError && e.code === 'SIZE_INVALID');
  assert.throws(() => verifyInclusion(root, 10, 10, [], root), (e: unknown) => e instanceof TlogError && e.code === 'INDEX_OUT_OF_RANGE');
  await assert.rejects(tree.inclusionProof(10, 10), (e: unknown) => e instanceof TlogError && e.code === 'INDEX_OUT_OF_RANGE');
  const proof = await tree.inclusionProof(3, 10);
  const root9 = await tree.rootAt(9);
  assert.throws(() => verifyInclusion(leafHash(entries[3]!), 3, 10, proof, root9), (e: unknown) => e instanceof TlogError && e.code === 'ROOT_MISMATCH');
});

test("sigstore-js's own Merkle inclusion check accepts our proofs", async () => {
  // @sigstore/verify has no exports map, so its internal verifier is requirable as the client itself runs it.
  const req = createRequire(__filename);
  const { verifyMerkleInclusion } = req('@sigstore/verify/dist/tlog/merkle') as {
    verifyMerkleInclusion: (entry: unknown, checkpoint: unknown) => void;
  };
  for (const [index, size] of [[0, 1], [5, 6], [17, 300], [255, 256], [299, 300]] as const) {
    const proof = await tree.inclusionProof(index, size);
    const entry = { canonicalizedBody: Buffer.from(entries[index]!), inclusionProof: { logIndex: String(index), hashes: proof.map((h) => Buffer.from(h)) } };
    const checkpoint = { logSize: BigInt(size), logHash: Buffer.from(await tree.rootAt(size)) };
    assert.doesNotThrow(() => verifyMerkleInclusion(entry, checkpoint), `index ${index} size ${size} ${toBase64(checkpoint.logHash)}`);
  }
});
