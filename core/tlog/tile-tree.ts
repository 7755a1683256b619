// Every node inside one tile (tlog-tiles: a tile is a subtree of height 8 whose leaves are its hashes),
// computed once, row by row into contiguous buffers, so proofs touching the tile again cost no hashing.
import { HASH_SIZE, hashPairs } from './hash';
import { TILE_HEIGHT } from './tile-path';

export class TileTree {
  /** rows[r]: the MTHs of the aligned groups of 2^r tile hashes, back to back (only complete groups). */
  private constructor(private readonly rows: readonly Uint8Array[]) {}

  /** From the bytes of a tile (width * 32 bytes); the bytes are kept, not copied, and must not change. */
  static fromBytes(data: Uint8Array): TileTree {
    const rows: Uint8Array[] = [data.subarray(0, data.byteLength - (data.byteLength % HASH_SIZE))];
    for (let r = 1; r <= TILE_HEIGHT; r++) {
      const below = rows[r - 1]!;
      const pairs = Math.floor(below.byteLength / (2 * HASH_SIZE));
      const row = new Uint8Array(pairs * HASH_SIZE);
      hashPairs(below, pairs, row);
      rows.push(row);
    }
    return new TileTree(rows);
  }

  static fromHashes(hashes: readonly Uint8Array[]): TileTree {
    const data = new Uint8Array(hashes.length * HASH_SIZE);
    hashes.forEach((h, i) => data.set(h, i * HASH_SIZE));
    return TileTree.fromBytes(data);
  }

  /** The node `r` levels above the tile's hashes, `i`-th from the left; undefined when that group is incomplete. */
  node(r: number, i: number): Uint8Array | undefined {
    const row = this.rows[r];
    if (row === undefined || i < 0 || (i + 1) * HASH_SIZE > row.byteLength) return undefined;
    return row.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
  }
}
