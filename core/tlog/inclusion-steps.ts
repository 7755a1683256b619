// The inclusion proof walk of RFC 9162 2.1.3.2, step by step, for drawing: which side each proof hash joins
// on and the node hash it produces, from the leaf up to the root.
import { toHex } from '../bytes';
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
  const steps: InclusionStep[] = [];
  const root = rootFromInclusionProof(leafHashValue, index, treeSize, proof, (step, side, running) => {
    steps.push({ step, sibling: toHex(proof[step]!), siblingSide: side, result: toHex(running) });
  });
  return { leafHash: toHex(leafHashValue), steps, computedRoot: toHex(root) };
}
