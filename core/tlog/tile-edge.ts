// The right edge of a tiled log: the partial tile of every level and the partial entry bundle, which is all
// a log of any size keeps in memory (at most 255 hashes a level). Appending yields the tiles to write.
import { concatBytes } from '../bytes';
import { emptyRoot, HASH_SIZE, leafHashAt, nodeHash } from './hash';
import { encodeEntryBundle, type PackedEntries } from './entry-bundle';
import { subtreeRoot } from './subtree-root';
import { entryBundlePath, tilePath, TILE_HEIGHT, TILE_WIDTH } from './tile-path';
import { TileTree } from './tile-tree';

export interface TileEdge {
  readonly size: number;
  /** levels[L]: the hashes of the partial tile at level L (floor(size / 256^L) mod 256 of them). */
  readonly levels: readonly (readonly Uint8Array[])[];
  /** The entries of the partial entry bundle (size mod 256 of them). */
  readonly entries: readonly Uint8Array[];
}

export interface TileWrite {
  path: string;
  data: Uint8Array;
  /** For a full Merkle tile: its level, index and every node inside it (computed once, for the tile cache). */
  full?: { level: number; index: number; tree: TileTree };
}

export const EMPTY_EDGE: TileEdge = { size: 0, levels: [], entries: [] };

const TILE_BYTES = TILE_WIDTH * HASH_SIZE;

/** Count of level-L hashes in a tree of `size` leaves: floor(size / 256^L). */
export function levelCount(size: number, level: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/**
 * Appends packed entries to an edge, a slice at a time (so a caller can start writing the files a slice
 * completed, and let I/O run, before hashing the next): full bundles and tiles come out of add() as they
 * complete; finish() gives the new partial tiles and bundle and the new edge. Each level's current tile is one
 * 8 KiB buffer the hashes are copied into, which is also the bytes written: nothing is concatenated per hash.
 */
export class EdgeAppender {
  private size: number;
  private readonly tiles: Uint8Array[] = [];
  private readonly counts: number[] = [];
  private readonly dirty: boolean[] = [];
  /** The records of the edge's partial bundle, which begin the first bundle this batch writes. */
  private carried: Uint8Array;
  private carriedEntries: readonly Uint8Array[];
  /** Where the current bundle's records start in the packed batch. */
  private bundleFrom = 0;

  constructor(
    private readonly edge: TileEdge,
    private readonly packed: PackedEntries,
  ) {
    this.size = edge.size;
    edge.levels.forEach((hashes, level) => {
      const tile = new Uint8Array(TILE_BYTES);
      hashes.forEach((h, i) => tile.set(h, i * HASH_SIZE));
      this.tiles[level] = tile;
      this.counts[level] = hashes.length;
    });
    this.carriedEntries = edge.entries;
    this.carried = edge.entries.length > 0 ? encodeEntryBundle(edge.entries) : new Uint8Array(0);
  }

  /** Hashes records [from, to) of the batch (in order, continuing the previous call); pushes completed files to `out`. */
  add(from: number, to: number, out: TileWrite[]): void {
    const { data, offsets } = this.packed;
    for (let k = from; k < to; k++) {
      const at = offsets[k]! + 2;
      const h = leafHashAt(data, at, offsets[k + 1]! - at);
      this.size++;
      if (this.size % TILE_WIDTH === 0) {
        out.push({ path: entryBundlePath(this.size / TILE_WIDTH - 1), data: this.bundle(k + 1) });
      }
      this.push(0, h, out);
    }
  }

  /** The partial tiles of the levels that changed and the partial bundle, then the new edge. */
  finish(out: TileWrite[]): TileEdge {
    const levels: (readonly Uint8Array[])[] = [];
    const depth = Math.max(this.edge.levels.length, this.tiles.length);
    for (let level = 0; level < depth; level++) {
      if (!this.dirty[level]) {
        levels.push(this.edge.levels[level] ?? []);
        continue;
      }
      const n = this.counts[level]!;
      const tile = this.tiles[level]!.subarray(0, n * HASH_SIZE);
      if (n > 0) out.push({ path: tilePath(level, Math.floor(levelCount(this.size, level) / TILE_WIDTH), n), data: tile });
      levels.push(Array.from({ length: n }, (_, i) => tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)));
    }
    const { data, offsets, count } = this.packed;
    let entries = this.carriedEntries;
    if (this.size % TILE_WIDTH !== 0 && count > 0) {
      out.push({ path: entryBundlePath(Math.floor(this.size / TILE_WIDTH), this.size % TILE_WIDTH), data: this.bundle(count) });
      // Only the partial bundle's entries stay in memory, as copies (not views pinning the whole batch).
      const added: Uint8Array[] = [];
      for (let k = this.bundleFrom; k < count; k++) added.push(data.slice(offsets[k]! + 2, offsets[k + 1]!));
      entries = [...entries, ...added];
    }
    return { size: this.size, levels, entries };
  }

  /** The bundle made of the carried records and the batch's records up to `end`; later bundles start there. */
  private bundle(end: number): Uint8Array {
    const { data, offsets } = this.packed;
    const own = data.subarray(offsets[this.bundleFrom]!, offsets[end]!);
    const out = this.carried.byteLength === 0 ? own : concatBytes(this.carried, own);
    if (this.size % TILE_WIDTH === 0) {
      this.carried = new Uint8Array(0);
      this.carriedEntries = [];
      this.bundleFrom = end;
    }
    return out;
  }

  /** Adds a hash at `level`; a full tile is written and its root becomes the next hash one level up (tlog-tiles "Merkle Tree"). */
  private push(level: number, h: Uint8Array, out: TileWrite[]): void {
    const tile = (this.tiles[level] ??= new Uint8Array(TILE_BYTES));
    const n = this.counts[level] ?? 0;
    tile.set(h, n * HASH_SIZE);
    this.dirty[level] = true;
    if (n + 1 < TILE_WIDTH) {
      this.counts[level] = n + 1;
      return;
    }
    const index = levelCount(this.size, level) / TILE_WIDTH - 1;
    const tree = TileTree.fromBytes(tile);
    out.push({ path: tilePath(level, index), data: tile, full: { level, index, tree } });
    this.tiles[level] = new Uint8Array(TILE_BYTES);
    this.counts[level] = 0;
    this.push(level + 1, tree.node(TILE_HEIGHT, 0)!, out);
  }
}

/** The root of the whole tree from its edge: the perfect subtrees, largest first, folded from the right. */
export function edgeRoot(edge: TileEdge): Uint8Array {
  if (edge.size === 0) return emptyRoot();
  const parts: Uint8Array[] = [];
  for (let level = edge.levels.length - 1; level >= 0; level--) {
    const hashes = edge.levels[level]!;
    let at = 0;
    while (at < hashes.length) {
      let span = 1;
      while (at + span * 2 <= hashes.length) span *= 2;
      const from = at;
      parts.push(subtreeRoot(span, (i) => hashes[from + i]!));
      at += span;
    }
  }
  let acc = parts[parts.length - 1]!;
  for (let i = parts.length - 2; i >= 0; i--) acc = nodeHash(parts[i]!, acc);
  return acc;
}
