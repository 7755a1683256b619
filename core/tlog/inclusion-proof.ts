// Inclusion proofs: generated per RFC 6962 2.1.1 (PATH) from a HashSource, verified per RFC 9162 2.1.3.2.
import { bytesEqual } from '../bytes';
import { TlogError } from './errors';
import { HASH_SIZE, nodeHash, requireHash } from './hash';
import { rangeHash, type HashSource } from './hash-source';
import { requireSize, splitPoint } from './tree-math';

/** The audit path of leaf `index` in the tree of `treeSize` leaves, from the leaf's sibling up to the root's child. */
export async function generateInclusionProof(source: HashSource, index: number, treeSize: number): Promise<Uint8Array[]> {
  requireSize(treeSize, 'tree size');
  requireSize(index, 'leaf index');
  if (index >= treeSize) {
    throw new TlogError('INDEX_OUT_OF_RANGE', `Leaf ${index} is not in a tree of ${treeSize} leaves.`, {
      details: { index, treeSize },
    });
  }
  // PATH(m, D[lo:lo+n]) (RFC 6962 2.1.1), unrolled from the root down; siblings are collected top-down.
  const topDown: Promise<Uint8Array>[] = [];
  let lo = 0;
  let n = treeSize;
  let m = index;
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      topDown.push(rangeHash(source, lo + k, lo + n));
      n = k;
    } else {
      topDown.push(rangeHash(source, lo, lo + k));
      lo += k;
      m -= k;
      n -= k;
    }
  }
  return (await Promise.all(topDown)).reverse();
}

/**
 * The root that `proof` leads to from `leafHashValue` at `index` in a tree of `treeSize` (RFC 9162 2.1.3.2
 * steps 1 to 3). Throws INDEX_OUT_OF_RANGE, PROOF_INVALID or HASH_INVALID. `onStep`, if given, sees each step:
 * the side the proof hash joins on and the running hash after it.
 */
export function rootFromInclusionProof(
  leafHashValue: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  onStep?: (step: number, side: 'left' | 'right', running: Uint8Array) => void,
): Uint8Array {
  requireSize(treeSize, 'tree size');
  requireSize(index, 'leaf index');
  requireHash(leafHashValue, 'leaf hash');
  // Step 1: the index must be inside the tree.
  if (index >= treeSize) {
    throw new TlogError('INDEX_OUT_OF_RANGE', `Leaf ${index} is not in a tree of ${treeSize} leaves.`, {
      details: { index, treeSize },
    });
  }
  proof.forEach((p, i) => {
    if (!(p instanceof Uint8Array) || p.byteLength !== HASH_SIZE) {
      throw new TlogError('PROOF_INVALID', `Inclusion proof element ${i} is not a ${HASH_SIZE}-byte hash.`, { details: { element: i } });
    }
  });
  // Step 2.
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHashValue;
  // Step 3.
  proof.forEach((p, i) => {
    if (sn === 0) throw tooLong(proof.length, treeSize);
    const left = fn % 2 === 1 || fn === sn;
    if (left) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
    onStep?.(i, left ? 'left' : 'right', r);
  });
  // Step 4 (first half): the path must have reached the root.
  if (sn !== 0) {
    throw new TlogError('PROOF_INVALID', `The inclusion proof has ${proof.length} hashes, too few for a tree of ${treeSize}.`, {
      details: { proofLength: proof.length, treeSize },
    });
  }
  return r;
}

/** Checks that `leafHashValue` is leaf `index` of the tree of `treeSize` leaves with root `root` (RFC 9162 2.1.3.2). */
export function verifyInclusion(
  leafHashValue: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  requireHash(root, 'root hash');
  const computed = rootFromInclusionProof(leafHashValue, index, treeSize, proof);
  // Step 4 (second half).
  if (!bytesEqual(computed, root)) {
    throw new TlogError('ROOT_MISMATCH', `The inclusion proof for leaf ${index} does not lead to the expected root of the tree of ${treeSize}.`, {
      details: { index, treeSize },
    });
  }
}

function tooLong(length: number, treeSize: number): TlogError {
  return new TlogError('PROOF_INVALID', `The inclusion proof has ${length} hashes, too many for a tree of ${treeSize}.`, {
    details: { proofLength: length, treeSize },
  });
}
