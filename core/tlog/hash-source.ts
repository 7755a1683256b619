// The seam proofs are generated from: the roots of perfect subtrees of a log, in memory or read from tiles.
import { nodeHash } from './hash';
import { perfectSubtrees } from './tree-math';

/** hash(level, index) = MTH(D[index * 2^level : (index + 1) * 2^level]); only asked for complete subtrees. */
export interface HashSource {
  hash(level: number, index: number): Promise<Uint8Array>;
}

/** MTH(D[start:end]) for an RFC 6962 subtree range (start aligned to the range's split structure), end > start. */
export async function rangeHash(source: HashSource, start: number, end: number): Promise<Uint8Array> {
  const parts = perfectSubtrees(start, end);
  const hashes = await Promise.all(parts.map((p) => source.hash(p.level, p.index)));
  let acc = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i]!, acc);
  return acc;
}
