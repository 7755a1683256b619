// Reading a tiled log's committed state from its directory: the stored checkpoint (the truth) and the right
// edge it implies (partial tiles and partial entry bundle, per tlog-tiles "Partial Tiles").
import { readFile } from 'node:fs/promises';
import { bytesEqual } from '../bytes';
import { parseCheckpoint } from './checkpoint';
import { decodeEntryBundle } from './entry-bundle';
import { TlogError } from './errors';
import { HASH_SIZE, leafHash } from './hash';
import type { NoteVerifier } from './note-keys';
import { openCheckpoint, type SignedCheckpoint } from './signed-checkpoint';
import { parseSignedNote } from './signed-note';
import { levelCount, type TileEdge } from './tile-edge';
import { entryBundlePath, tilePath, TILE_WIDTH } from './tile-path';
import type { TileReader } from './tile-reader';

/** Opens the stored checkpoint; a log opened under another origin says so rather than "unknown key". */
export function openLogCheckpoint(envelope: Uint8Array, verifier: NoteVerifier, origin: string): SignedCheckpoint {
  try {
    return openCheckpoint(envelope, [verifier], origin);
  } catch (e) {
    if (e instanceof TlogError && e.code === 'KEY_UNKNOWN') {
      let stored: string | undefined;
      try {
        stored = parseCheckpoint(parseSignedNote(envelope).text).origin;
      } catch {
        stored = undefined;
      }
      if (stored !== undefined && stored !== origin) {
        throw new TlogError('ORIGIN_MISMATCH', `The log in this directory is "${stored}", not "${origin}".`, {
          cause: e,
          details: { origin: stored, expected: origin },
        });
      }
    }
    throw e;
  }
}

export async function readOptional(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TlogError('STORAGE_IO', 'Could not read the checkpoint file.', { cause: e });
  }
}

/** Reads the partial tiles and partial bundle of a tree of `size` leaves (tlog-tiles "Partial Tiles"). */
export async function loadEdge(reader: TileReader, size: number): Promise<TileEdge> {
  const levels: Uint8Array[][] = [];
  for (let level = 0; levelCount(size, level) > 0; level++) {
    const count = levelCount(size, level);
    const width = count % TILE_WIDTH;
    if (width === 0) {
      levels.push([]);
      continue;
    }
    const data = await reader.read(tilePath(level, Math.floor(count / TILE_WIDTH), width));
    if (data.byteLength !== width * HASH_SIZE) {
      throw new TlogError('STORAGE_CORRUPT', `The partial tile at level ${level} has ${data.byteLength} bytes, not ${width * HASH_SIZE}.`, {
        details: { level, width },
      });
    }
    levels.push(Array.from({ length: width }, (_, i) => data.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE)));
  }
  const width = size % TILE_WIDTH;
  const entries = width === 0 ? [] : decodeEntryBundle(await reader.read(entryBundlePath(Math.floor(size / TILE_WIDTH), width)), width);
  if (!entries.every((e, i) => bytesEqual(leafHash(e), levels[0]![i]!))) {
    throw new TlogError('STORAGE_CORRUPT', 'The partial entry bundle does not match the partial level-0 tile.', { details: { size } });
  }
  return { size, levels, entries };
}
