// The in-memory tree against a direct transcription of RFC 6962 2.1 MTH, for every size up to 70.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { toHex } from '../bytes';
import { MemoryTree } from './memory-tree';

function mth(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return createHash('sha256').update(Buffer.from([0])).update(leaves[0]!).digest();
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return createHash('sha256').update(Buffer.from([1])).update(mth(leaves.slice(0, k))).update(mth(leaves.slice(k))).digest();
}

test('roots equal RFC 6962 MTH at every size from 0 to 70', async () => {
  const leaves = Array.from({ length: 70 }, (_, i) => new Uint8Array([i, i * 7 % 256, 42]));
  const tree = new MemoryTree();
  for (const l of leaves) tree.append(l);
  for (let n = 0; n <= leaves.length; n++) {
    assert.equal(toHex(await tree.rootAt(n)), toHex(mth(leaves.slice(0, n))), `size ${n}`);
  }
});
