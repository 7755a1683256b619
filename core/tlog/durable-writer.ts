// Crash-safe file writes: each file goes to a temporary name, is flushed, then renamed into place; the
// directories a group of writes changed are fsynced once, after all its files, so the renames survive a power cut.
// A group's writes run concurrently (the disk and the libuv pool overlap their flushes), started in call order.
import { randomBytes } from 'node:crypto';
import { close, fdatasync, fsync, mkdir as mkdirCb, open, rename, rm as rmCb, write } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { TlogError } from './errors';

/** Marks a temporary name: `<target>.tmp-<random>`. */
export const TMP_MARK = '.tmp-';

/**
 * Most file writes in flight at once. Writes start in call order, so if a crash leaves file j of one kind (bundles,
 * or tiles of one level) without an earlier file i, then j - i < MAX_IN_FLIGHT: recovery looks that far past a gap.
 */
export const MAX_IN_FLIGHT = 64;

/** Removes temporary files an interrupted write left directly in `dir` (never a file a reader is given). */
export async function removeTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.includes(TMP_MARK)) await rm(join(dir, name), { force: true });
  }
}

const EXISTING: Promise<string | undefined> = Promise.resolve(undefined);

/** A flushed file under a temporary name, waiting to be renamed into place. */
export interface StagedFile {
  publish(): Promise<void>;
  discard(): Promise<void>;
}

function removeQuietly(path: string): Promise<void> {
  return new Promise((resolve) => rmCb(path, { force: true }, () => resolve()));
}

function call<T>(fn: (cb: (err: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
}

/** Writes whose directories are fsynced together: one per batch of tiles and bundles, one per checkpoint. */
export class WriteGroup {
  readonly dirty = new Set<string>();
  /** Directories whose creation this group saw (their new names are durable once done() has synced). */
  readonly created = new Set<string>();
  readonly pending: Promise<void>[] = [];

  constructor(private readonly writer: DurableWriter) {}

  /** Starts writing `data` at `path` (relative to the log root) atomically; done() waits for it. `first` jumps the queue. */
  write(path: string, data: Uint8Array | string, first = false): void {
    const p = this.writer.schedule(this, path, data, first);
    // Observed by done(); never an unhandled rejection meanwhile.
    p.catch(() => undefined);
    this.pending.push(p);
  }

  /** Waits for every write of the group, then fsyncs every directory they touched; throws STORAGE_IO on failure. */
  async done(): Promise<void> {
    const results = await Promise.allSettled(this.pending);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    await this.writer.syncDirs([...this.dirty]);
    this.writer.settled(this.created);
  }
}

export class DurableWriter {
  /** mkdir of each directory, shared so every group writing there waits for it and learns what it created. */
  private readonly dirs = new Map<string, Promise<string | undefined>>();
  private readonly queue: (() => void)[] = [];
  private active = 0;
  private readonly tmpPrefix = randomBytes(4).toString('hex');
  private counter = 0;

  constructor(
    private readonly root: string,
    private readonly fsync: boolean = true,
  ) {}

  group(): WriteGroup {
    return new WriteGroup(this);
  }

  /**
   * Writes one file in its own group, ahead of queued writes (batches planned later must not delay an earlier
   * batch's acknowledgement), and fsyncs its directory: for the checkpoint.
   */
  async writeNow(path: string, data: Uint8Array | string): Promise<void> {
    const g = this.group();
    g.write(path, data, true);
    await g.done();
  }

  /** Queues one write of `group` behind MAX_IN_FLIGHT others; resolves when the file is in place (and flushed). */
  schedule(group: WriteGroup, path: string, data: Uint8Array | string, first = false): Promise<void> {
    const full = join(this.root, path);
    const dir = dirname(full);
    // Looked up now, in call order: the first group to need a directory creates it, later ones share that mkdir.
    let made = this.dirs.get(dir);
    if (made === undefined) {
      made = call<string | undefined>((cb) => mkdirCb(dir, { recursive: true }, cb));
      this.dirs.set(dir, made);
      made.catch(() => this.dirs.delete(dir));
    }
    const dirMade = made;
    return new Promise<void>((resolve, reject) => {
      const run = (): void => {
        this.writeFile(group, full, dir, dirMade, data).then(resolve, (e: unknown) =>
          reject(new TlogError('STORAGE_IO', `Could not write ${path} in the log directory.`, { cause: e, details: { path } })),
        );
      };
      if (first) this.queue.unshift(run);
      else this.queue.push(run);
      this.pump();
    });
  }

  private pump(): void {
    while (this.active < MAX_IN_FLIGHT && this.queue.length > 0) {
      this.active++;
      this.queue.shift()!();
    }
  }

  private async writeFile(group: WriteGroup, full: string, dir: string, made: Promise<string | undefined>, data: Uint8Array | string): Promise<void> {
    try {
      const created = await made;
      // Every group that waited on a directory's creation syncs the new chain: whichever group commits first makes it durable.
      if (created !== undefined) {
        this.markCreated(group, created, dir);
        group.created.add(dir);
      }
      const tmp = this.tempName(full);
      await this.writeTemp(tmp, data);
      try {
        await call<void>((cb) => rename(tmp, full, (err) => cb(err, undefined)));
      } catch (e) {
        await removeQuietly(tmp);
        throw e;
      }
      group.dirty.add(dir);
    } finally {
      this.active--;
      this.pump();
    }
  }

  private tempName(full: string): string {
    return `${full}${TMP_MARK}${this.tmpPrefix}${(this.counter++).toString(36)}`;
  }

  /** Writes `data` to a new file `tmp` and flushes it (removed again if that fails). */
  private async writeTemp(tmp: string, data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    try {
      const fd = await call<number>((cb) => open(tmp, 'w', 0o644, cb));
      try {
        let at = 0;
        while (at < bytes.byteLength) at += await call<number>((cb) => write(fd, bytes, at, bytes.byteLength - at, null, cb));
        // fdatasync suffices: it flushes the data and the metadata needed to read it back (size, blocks), which for
        // a new file is all of it; the name comes from the rename, made durable by the directory fsync after it.
        if (this.fsync) await call<void>((cb) => fdatasync(fd, (err) => cb(err, undefined)));
      } finally {
        await call<void>((cb) => close(fd, (err) => cb(err, undefined)));
      }
    } catch (e) {
      await removeQuietly(tmp);
      throw e;
    }
  }

  /**
   * Writes `data` under a temporary name beside `path` (in an existing directory) and flushes it, outside the queue,
   * so the checkpoint is flushed while a batch's files are; publish() renames it into place and fsyncs the directory.
   * Nobody reads the temporary name: until publish() the file is not part of the log.
   */
  async stage(path: string, data: Uint8Array | string): Promise<StagedFile> {
    const full = join(this.root, path);
    const tmp = this.tempName(full);
    try {
      await this.writeTemp(tmp, data);
    } catch (e) {
      throw new TlogError('STORAGE_IO', `Could not write ${path} in the log directory.`, { cause: e, details: { path } });
    }
    return {
      publish: async () => {
        try {
          await call<void>((cb) => rename(tmp, full, (err) => cb(err, undefined)));
        } catch (e) {
          await removeQuietly(tmp);
          throw new TlogError('STORAGE_IO', `Could not write ${path} in the log directory.`, { cause: e, details: { path } });
        }
        await this.syncDirs([dirname(full)]);
      },
      discard: () => removeQuietly(tmp),
    };
  }

  /** After a group synced directories it saw created: later groups need not sync their parents again. */
  settled(created: ReadonlySet<string>): void {
    for (const dir of created) this.dirs.set(dir, EXISTING);
  }

  /** Fsyncs `dirs` concurrently (nothing when fsync is off). */
  async syncDirs(dirs: readonly string[]): Promise<void> {
    if (!this.fsync) return;
    try {
      await Promise.all(
        dirs.map(async (d) => {
          const fd = await call<number>((cb) => open(d, 'r', cb));
          try {
            await call<void>((cb) => fsync(fd, (err) => cb(err, undefined)));
          } finally {
            await call<void>((cb) => close(fd, (err) => cb(err, undefined)));
          }
        }),
      );
    } catch (e) {
      throw new TlogError('STORAGE_IO', 'Could not flush the log directory to disk.', { cause: e });
    }
  }

  /** A new directory chain from `first` down to `dir`: each new entry lives in its parent, which must be synced too. */
  private markCreated(group: WriteGroup, first: string, dir: string): void {
    group.dirty.add(dirname(first));
    let at = first;
    group.dirty.add(at);
    for (const part of relative(first, dir).split(sep).filter(Boolean)) {
      at = join(at, part);
      group.dirty.add(at);
    }
  }
}
