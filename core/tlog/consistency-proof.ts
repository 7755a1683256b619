// Consistency proofs: generated per RFC 6962 2.1.2 (PROOF/SUBPROOF) from a HashSource, verified per RFC 9162 2.1.4.2.
import { bytesEqual } from '../bytes';
import { TlogError } from './errors';
import { HASH_SIZE, nodeHash, requireHash } from './hash';
import { rangeHash, type HashSource } from './hash-source';
import { isPowerOfTwo, requireSize, splitPoint } from './tree-math';

function requireOrder(oldSize: number, newSize: number): void {
  requireSize(oldSize, 'old tree size');
  requireSize(newSize, 'new tree size');
  if (oldSize > newSize) {
    throw new TlogError('SIZE_INVALID', `The old tree size ${oldSize} is larger than the new tree size ${newSize}.`, {
      details: { oldSize, newSize },
    });
  }
  // A proof from the empty tree proves nothing (every tree extends it), so size 0 is refused rather than faked
  // (as the transparency-dev vectors "consistency check on empty tree is useless" and "sizes are equal (zero)" expect).
  if (oldSize === 0) {
    throw new TlogError('SIZE_INVALID', 'A consistency proof needs an old tree of at least one leaf (every tree extends the empty tree).', { details: { oldSize, newSize } });
  }
}

/** PROOF(oldSize, D[newSize]) of RFC 6962 2.1.2; empty when the sizes are equal. */
export async function generateConsistencyProof(source: HashSource, oldSize: number, newSize: number): Promise<Uint8Array[]> {
  requireOrder(oldSize, newSize);
  if (oldSize === newSize) return [];
  // SUBPROOF(m, D[lo:lo+n], b), unrolled from the root down; hashes are collected top-down.
  const topDown: Promise<Uint8Array>[] = [];
  let lo = 0;
  let n = newSize;
  let m = oldSize;
  let complete = true; // b: whether D[lo:lo+m] is the whole old tree, whose root the verifier already has
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      topDown.push(rangeHash(source, lo + k, lo + n));
      n = k;
    } else {
      topDown.push(rangeHash(source, lo, lo + k));
      lo += k;
      m -= k;
      n -= k;
      complete = false;
    }
  }
  if (!complete) topDown.push(rangeHash(source, lo, lo + m));
  return (await Promise.all(topDown)).reverse();
}

/**
 * Checks that the tree of `newSize` with root `newRoot` extends the tree of `oldSize` with root `oldRoot`
 * (RFC 9162 2.1.4.2). Throws SIZE_INVALID, PROOF_INVALID, HASH_INVALID or ROOT_MISMATCH.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): void {
  requireOrder(oldSize, newSize);
  if (oldSize !== newSize) {
    // Equal sizes only compare the two roots as given (transparency-dev vector "sizes are equal (one) and proof is empty").
    requireHash(oldRoot, 'old root hash');
    requireHash(newRoot, 'new root hash');
  }
  proof.forEach((p, i) => {
    if (!(p instanceof Uint8Array) || p.byteLength !== HASH_SIZE) {
      throw new TlogError('PROOF_INVALID', `Consistency proof element ${i} is not a ${HASH_SIZE}-byte hash.`, { details: { element: i } });
    }
  });
  if (oldSize === newSize) {
    if (proof.length !== 0) {
      throw new TlogError('PROOF_INVALID', 'A consistency proof between equal tree sizes must be empty.', { details: { proofLength: proof.length } });
    }
    if (!bytesEqual(oldRoot, newRoot)) {
      throw new TlogError('ROOT_MISMATCH', `Two trees of size ${oldSize} have different roots.`, { details: { size: oldSize } });
    }
    return;
  }
  // Step 1: an empty path cannot prove anything between different sizes.
  if (proof.length === 0) {
    throw new TlogError('PROOF_INVALID', 'The consistency proof is empty.', { details: { oldSize, newSize } });
  }
  // Step 2: a perfect old tree's root is the implicit first element.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  // Step 3.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  // Step 4.
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // Step 6.
  for (const c of path.slice(1)) {
    if (sn === 0) {
      throw new TlogError('PROOF_INVALID', `The consistency proof has too many hashes for sizes ${oldSize} and ${newSize}.`, {
        details: { oldSize, newSize, proofLength: proof.length },
      });
    }
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 7.
  if (sn !== 0) {
    throw new TlogError('PROOF_INVALID', `The consistency proof has too few hashes for sizes ${oldSize} and ${newSize}.`, {
      details: { oldSize, newSize, proofLength: proof.length },
    });
  }
  if (!bytesEqual(fr, oldRoot) || !bytesEqual(sr, newRoot)) {
    throw new TlogError('ROOT_MISMATCH', `The consistency proof does not connect the given roots of sizes ${oldSize} and ${newSize}.`, {
      details: { oldSize, newSize },
    });
  }
}
