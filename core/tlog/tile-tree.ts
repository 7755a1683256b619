// Every node inside one tile (tlog-tiles: a tile is a subtree of height 8 whose leaves are its hashes),
// computed once so that proofs touching the tile again cost no hashing.
import { HASH_SIZE, nodeHash } from './hash';
import { TILE_HEIGHT } from './tile-path';

export class TileTree {
  /** rows[r][i]: MTH of the i-th aligned group of 2^r tile hashes (only complete groups). */
  private readonly rows: Uint8Array[][];

  private constructor(bottom: Uint8Array[]) {
    this.rows = [bottom];
    for (let r = 1; r <= TILE_HEIGHT; r++) {
      const below = this.rows[r - 1]!;
      const row: Uint8Array[] = [];
      for (let i = 0; i + 1 < below.length; i += 2) row.push(nodeHash(below[i]!, below[i + 1]!));
      this.rows.push(row);
    }
  }

  /** From the bytes of a tile (width * 32 bytes). */
  static fromBytes(data: Uint8Array): TileTree {
    const hashes: Uint8Array[] = [];
    for (let at = 0; at + HASH_SIZE <= data.byteLength; at += HASH_SIZE) hashes.push(data.subarray(at, at + HASH_SIZE));
    return new TileTree(hashes);
  }

  static fromHashes(hashes: readonly Uint8Array[]): TileTree {
    return new TileTree([...hashes]);
  }

  /** The node `r` levels above the tile's hashes, `i`-th from the left; undefined when that group is incomplete. */
  node(r: number, i: number): Uint8Array | undefined {
    return this.rows[r]?.[i];
  }
}
