// Crash recovery: removes tiles and bundles beyond the checkpoint, left by a batch that was written but
// never acknowledged, so nothing on disk contradicts the checkpoint (which is the truth).
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MAX_IN_FLIGHT, TMP_MARK } from './durable-writer';
import { TlogError } from './errors';
import { entryBundlePath, tilePath, TILE_WIDTH } from './tile-path';
import { levelCount } from './tile-edge';

/** The names in `dir` (none when it does not exist), read once per scan; temporary files a crash left there are removed. */
function lister(): (dir: string) => Promise<ReadonlySet<string>> {
  const seen = new Map<string, Promise<ReadonlySet<string>>>();
  return (dir) => {
    let names = seen.get(dir);
    if (names === undefined) {
      names = readdir(dir).then(
        async (list) => {
          for (const name of list) if (name.includes(TMP_MARK)) await rm(join(dir, name), { force: true });
          return new Set(list);
        },
        (e: unknown) => {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return new Set<string>();
          throw e;
        },
      );
      seen.set(dir, names);
    }
    return names;
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes, from tile index `first` on, full files and partial widths above `keepWidth` (for `first` only). Writes
 * run concurrently, so a crash can leave a gap before later files: the scan stops only after MAX_IN_FLIGHT
 * indexes in a row with nothing (see durable-writer), listing the directories that window spans.
 */
async function discardFrom(root: string, pathOf: (index: number, width?: number) => string, first: number, keepWidth: number): Promise<void> {
  const list = lister();
  for (let from = first; ; from += MAX_IN_FLIGHT) {
    const indexes = Array.from({ length: MAX_IN_FLIGHT }, (_, k) => from + k);
    const found = await Promise.all(
      indexes.map(async (index) => {
        const full = join(root, pathOf(index));
        const names = await list(dirname(full));
        return { index, full, hadFull: names.has(basename(full)), hadPartial: names.has(`${basename(full)}.p`) };
      }),
    );
    if (found.every((f) => !f.hadFull && !f.hadPartial)) return;
    for (const { index, full, hadFull, hadPartial } of found) {
      if (hadFull) await rm(full, { force: true });
      if (hadPartial) {
        const partialDir = `${full}.p`;
        const keep = index === first ? keepWidth : 0;
        for (const name of await readdir(partialDir)) {
          const width = Number(name);
          if (!(Number.isInteger(width) && width >= 1 && width <= keep)) await rm(join(partialDir, name), { force: true, recursive: true });
        }
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
