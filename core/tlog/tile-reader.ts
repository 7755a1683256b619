// Reads full tiles and full entry bundles from the log directory, with a small LRU cache: full tiles are
// immutable once a checkpoint covers them, so cached copies never go stale.
import { close, open, read } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeEntryBundle } from './entry-bundle';
import { TlogError } from './errors';
import { HASH_SIZE } from './hash';
import { entryBundlePath, tilePath, TILE_WIDTH } from './tile-path';
import { TileTree } from './tile-tree';

class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}

export class TileReader {
  // Promises, so concurrent lookups of one tile (a proof asks for many nodes at once) share a single read.
  private readonly tiles = new Lru<Promise<TileTree>>(128);
  private readonly bundles = new Lru<Promise<Uint8Array[]>>(16);

  constructor(private readonly root: string) {}

  /** Full tile (level, index) with every node inside it. */
  async fullTile(level: number, index: number): Promise<TileTree> {
    const path = tilePath(level, index);
    const cached = this.tiles.get(path);
    if (cached) return cached;
    const loading = this.readSized(path, TILE_WIDTH * HASH_SIZE).then((data) => {
      if (data.byteLength !== TILE_WIDTH * HASH_SIZE) {
        throw new TlogError('STORAGE_CORRUPT', `Tile ${path} has ${data.byteLength} bytes, not ${TILE_WIDTH * HASH_SIZE}.`, { details: { path } });
      }
      return TileTree.fromBytes(data);
    });
    this.tiles.set(path, loading);
    loading.catch(() => this.tiles.delete(path));
    return loading;
  }

  /** Caches a full tile whose nodes the writer already computed (it is immutable once a checkpoint covers it). */
  remember(level: number, index: number, tree: TileTree): void {
    this.tiles.set(tilePath(level, index), Promise.resolve(tree));
  }

  /** The 256 entries of full bundle `index`. */
  async fullBundle(index: number): Promise<Uint8Array[]> {
    const path = entryBundlePath(index);
    const cached = this.bundles.get(path);
    if (cached) return cached;
    const loading = this.read(path).then((data) => decodeEntryBundle(data, TILE_WIDTH));
    this.bundles.set(path, loading);
    loading.catch(() => this.bundles.delete(path));
    return loading;
  }

  /**
   * A file expected to hold `size` bytes, read with one open and one read (a proof's cold path: readFile would also
   * fstat, read again to find the end and wait for close). Any other length is confirmed by reading the whole file,
   * which the caller then checks.
   */
  private async readSized(path: string, size: number): Promise<Uint8Array> {
    let n: number;
    let buf: Uint8Array;
    try {
      const fd = await new Promise<number>((resolve, reject) => open(join(this.root, path), 'r', (err, fd) => (err ? reject(err) : resolve(fd))));
      try {
        buf = new Uint8Array(size + 1);
        n = await new Promise<number>((resolve, reject) => read(fd, buf, 0, buf.byteLength, 0, (err, got) => (err ? reject(err) : resolve(got))));
      } finally {
        close(fd, () => undefined);
      }
    } catch (e) {
      throw this.readError(path, e);
    }
    return n === size ? buf.subarray(0, n) : this.read(path);
  }

  /** Any file of the log, as bytes; STORAGE_CORRUPT when a file a checkpoint needs is missing. */
  async read(path: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(join(this.root, path)));
    } catch (e) {
      throw this.readError(path, e);
    }
  }

  private readError(path: string, e: unknown): TlogError {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    return new TlogError(missing ? 'STORAGE_CORRUPT' : 'STORAGE_IO', missing ? `${path} is missing from the log directory.` : `Could not read ${path}.`, {
      cause: e,
      details: { path },
    });
  }
}
