// Crash recovery: removes tiles and bundles beyond the checkpoint, left by a batch that was written but
// never acknowledged, so nothing on disk contradicts the checkpoint (which is the truth).
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TlogError } from './errors';
import { entryBundlePath, tilePath, TILE_WIDTH } from './tile-path';
import { levelCount } from './tile-edge';

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Removes, from tile index `first` on, full files and partial widths above `keepWidth` (for `first` only). */
async function discardFrom(root: string, pathOf: (index: number, width?: number) => string, first: number, keepWidth: number): Promise<void> {
  for (let index = first; ; index++) {
    const full = join(root, pathOf(index));
    const partialDir = `${full}.p`;
    const hadFull = await exists(full);
    const hadPartial = await exists(partialDir);
    if (!hadFull && !hadPartial) return;
    if (hadFull) await rm(full, { force: true });
    if (hadPartial) {
      const keep = index === first ? keepWidth : 0;
      for (const name of await readdir(partialDir)) {
        const width = Number(name);
        if (!(Number.isInteger(width) && width >= 1 && width <= keep)) await rm(join(partialDir, name), { force: true, recursive: true });
      }
    }
  }
}

/** Discards every tile and bundle a tree of `size` leaves does not have. */
export async function discardBeyond(root: string, size: number): Promise<void> {
  try {
    await discardFrom(root, entryBundlePath, Math.floor(size / TILE_WIDTH), size % TILE_WIDTH);
    for (let level = 0; level <= 63 && (await exists(join(root, 'tile', String(level)))); level++) {
      const count = levelCount(size, level);
      await discardFrom(root, (i, w) => tilePath(level, i, w), Math.floor(count / TILE_WIDTH), count % TILE_WIDTH);
    }
  } catch (e) {
    throw new TlogError('STORAGE_IO', 'Could not remove the tiles of an unacknowledged batch from the log directory.', { cause: e });
  }
}
