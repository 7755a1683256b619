// The right edge of a tiled log: the partial tile of every level and the partial entry bundle, which is all
// a log of any size keeps in memory (at most 255 hashes a level). Appending yields the tiles to write.
import { emptyRoot, leafHash, nodeHash } from './hash';
import { encodeEntryBundle, requireLoggableEntry } from './entry-bundle';
import { subtreeRoot } from './subtree-root';
import { entryBundlePath, tilePath, TILE_WIDTH } from './tile-path';

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
}

export const EMPTY_EDGE: TileEdge = { size: 0, levels: [], entries: [] };

function concatHashes(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * 32);
  hashes.forEach((h, i) => out.set(h, i * 32));
  return out;
}

/** Count of level-L hashes in a tree of `size` leaves: floor(size / 256^L). */
export function levelCount(size: number, level: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/**
 * Appends `entries` to `edge` without changing it: returns the new edge and every tile and bundle to write
 * (full ones completed by these entries, then the new partial ones of the levels that changed).
 */
export function appendToEdge(edge: TileEdge, entries: readonly Uint8Array[]): { edge: TileEdge; writes: TileWrite[] } {
  for (const e of entries) requireLoggableEntry(e);
  if (entries.length === 0) return { edge, writes: [] };
  const levels = edge.levels.map((l) => [...l]);
  let bundle = [...edge.entries];
  let size = edge.size;
  const writes: TileWrite[] = [];
  const dirty = new Set<number>();
  for (const entry of entries) {
    bundle.push(entry);
    if (!levels[0]) levels[0] = [];
    levels[0].push(leafHash(entry));
    dirty.add(0);
    size++;
    if (bundle.length === TILE_WIDTH) {
      writes.push({ path: entryBundlePath(size / TILE_WIDTH - 1), data: encodeEntryBundle(bundle) });
      bundle = [];
    }
    // A full tile at level L is written and its root becomes the next hash at level L + 1 (tlog-tiles "Merkle Tree").
    for (let level = 0; levels[level]!.length === TILE_WIDTH; level++) {
      const full = levels[level]!;
      writes.push({ path: tilePath(level, levelCount(size, level) / TILE_WIDTH - 1), data: concatHashes(full) });
      if (!levels[level + 1]) levels[level + 1] = [];
      levels[level + 1]!.push(subtreeRoot(TILE_WIDTH, (i) => full[i]!));
      dirty.add(level + 1);
      levels[level] = [];
    }
  }
  for (const level of [...dirty].sort((a, b) => a - b)) {
    const hashes = levels[level]!;
    if (hashes.length > 0) {
      writes.push({ path: tilePath(level, Math.floor(levelCount(size, level) / TILE_WIDTH), hashes.length), data: concatHashes(hashes) });
    }
  }
  if (entries.length > 0 && bundle.length > 0) {
    writes.push({ path: entryBundlePath(Math.floor(size / TILE_WIDTH), bundle.length), data: encodeEntryBundle(bundle) });
  }
  // Only the entries of the partial bundle stay in memory: copy them, so a caller reusing its buffers changes nothing.
  return { edge: { size, levels, entries: bundle.map((e) => new Uint8Array(e)) }, writes };
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
