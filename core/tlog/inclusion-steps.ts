// The inclusion proof walk of RFC 9162 2.1.3.2, step by step, for drawing: which side each proof hash joins
// on and the node hash it produces, from the leaf up to the root.
import { toHex } from '../bytes';
import { nodeHash } from './hash';
import { rootFromInclusionProof } from './inclusion-proof';

export interface InclusionStep {
  /** 0-based position in the proof. */
  step: number;
  /** The proof hash, hex. */
  sibling: string;
  /** Whether the proof hash sits left or right of the running hash. */
  siblingSide: 'left' | 'right';
  /** The running hash after this step, hex. */
  result: string;
}

export interface InclusionWalk {
  leafHash: string;
  steps: InclusionStep[];
  /** The root the proof leads to, hex. */
  computedRoot: string;
}

/**
 * Walks `proof` from `leafHashValue` (leaf `index` of `treeSize`). Throws like rootFromInclusionProof
 * (INDEX_OUT_OF_RANGE, PROOF_INVALID, HASH_INVALID) for a proof that cannot be walked.
 */
export function inclusionWalk(leafHashValue: Uint8Array, index: number, treeSize: number, proof: readonly Uint8Array[]): InclusionWalk {
  // Validates shape and length first, with the same errors as the verifier.
  const root = rootFromInclusionProof(leafHashValue, index, treeSize, proof);
  const steps: InclusionStep[] = [];
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHashValue;
  proof.forEach((p, i) => {
    let side: 'left' | 'right';
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      side = 'left';
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
      side = 'right';
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
    steps.push({ step: i, sibling: toHex(p), siblingSide: side, result: toHex(r) });
  });
  return { leafHash: toHex(leafHashValue), steps, computedRoot: toHex(root) };
}
