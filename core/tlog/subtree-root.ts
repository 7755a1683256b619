// MTH of a perfect subtree given its 2^k lowest hashes (RFC 6962 2.1 applied level by level): used inside
// tiles, where a tile's hashes are the leaves of a subtree of height 8.
import { nodeHash } from './hash';

/** MTH of `count` (a power of two) consecutive hashes got(0..count-1). */
export function subtreeRoot(count: number, got: (i: number) => Uint8Array): Uint8Array {
  let row: Uint8Array[] = [];
  for (let i = 0; i < count; i++) row.push(got(i));
  while (row.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < row.length; i += 2) next.push(nodeHash(row[i]!, row[i + 1]!));
    row = next;
  }
  return row[0]!;
}
