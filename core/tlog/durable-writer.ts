// Crash-safe file writes: each file goes to a temporary name, is fsynced, then renamed into place; the
// directories that changed are fsynced once per batch so the renames themselves survive a power cut.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { TlogError } from './errors';

const TMP_MARK = '.tmp-';

/** Removes temporary files an interrupted write left directly in `dir` (never a file a reader is given). */
export async function removeTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.includes(TMP_MARK)) await rm(join(dir, name), { force: true });
  }
}

export class DurableWriter {
  private readonly dirty = new Set<string>();
  /** Directories known to exist, so the common case costs no mkdir call. */
  private readonly made = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly fsync: boolean = true,
  ) {}

  /** Writes `data` at `path` (relative to the root) atomically; call sync() before relying on it. */
  async write(path: string, data: Uint8Array | string): Promise<void> {
    const full = join(this.root, path);
    const dir = dirname(full);
    try {
      if (!this.made.has(dir)) {
        const created = await mkdir(dir, { recursive: true });
        if (created !== undefined) this.markCreated(created, dir);
        this.made.add(dir);
      }
      const tmp = `${full}${TMP_MARK}${randomBytes(6).toString('hex')}`;
      const fh = await open(tmp, 'w', 0o644);
      try {
        await fh.writeFile(data);
        if (this.fsync) await fh.sync();
      } finally {
        await fh.close();
      }
      try {
        await rename(tmp, full);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
      this.dirty.add(dir);
    } catch (e) {
      throw new TlogError('STORAGE_IO', `Could not write ${path} in the log directory.`, { cause: e, details: { path } });
    }
  }

  /** Fsyncs every directory touched since the last sync. */
  async sync(): Promise<void> {
    const dirs = [...this.dirty];
    this.dirty.clear();
    if (!this.fsync) return;
    try {
      await Promise.all(
        dirs.map(async (d) => {
          const fh = await open(d, 'r');
          try {
            await fh.sync();
          } finally {
            await fh.close();
          }
        }),
      );
    } catch (e) {
      throw new TlogError('STORAGE_IO', 'Could not flush the log directory to disk.', { cause: e });
    }
  }

  /** A new directory chain from `first` down to `dir`: each new entry lives in its parent, which must be synced too. */
  private markCreated(first: string, dir: string): void {
    this.dirty.add(dirname(first));
    let at = first;
    this.dirty.add(at);
    for (const part of relative(first, dir).split(sep).filter(Boolean)) {
      at = join(at, part);
      this.dirty.add(at);
    }
  }
}
