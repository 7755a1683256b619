// The log's side index, one 32-byte record per entry at offset index*32 (entries.idx): leaf-hash prefix, two
// search-hash prefixes and integratedTime. It answers "which index has this leaf hash" (UUID lookups, duplicate
// detection) and "when was entry i integrated" across restarts without reading entry bundles.
//
// Memory: an open-addressing table of index+1 (Uint32, load <= 1/2) and the 8-byte leaf prefix per entry: 16-24
// bytes per entry (about 200 MB at 10M entries), rebuilt on open by one sequential read of the file, never of the entries.
// Candidates are confirmed against the log's own leaf hash, so a prefix collision never gives a wrong answer.
// Crash safety: records are written after the batch's checkpoint is durable and before the batch is
// acknowledged; entries a crash left without records are re-indexed from their bundles on open.
import { open, type FileHandle } from 'node:fs/promises';
import type { Clock } from '../../clock';
import { bytesEqual, fromHex } from '../../bytes';
import { TlogError } from '../errors';
import { leafHash } from '../hash';
import { searchHashesOfBody } from './bodies';

export const RECORD_SIZE = 32;
const PREFIX = 8;

/** What the index needs of the log (TileLog has it). */
export interface IndexedLog {
  readonly size: number;
  entry(index: number): Promise<Uint8Array>;
  leafHash(index: number): Promise<Uint8Array>;
}

function record(body: Uint8Array, integratedTime: number): Buffer {
  const r = Buffer.alloc(RECORD_SIZE);
  r.set(leafHash(body).subarray(0, PREFIX), 0);
  searchHashesOfBody(body)
    .slice(0, 2)
    .forEach((h, i) => r.set(fromHex(h.slice('sha256:'.length)).subarray(0, PREFIX), PREFIX * (i + 1)));
  r.writeBigUInt64BE(BigInt(integratedTime), 24);
  return r;
}

export class EntryIndex {
  /** Open addressing: slot -> index + 1 (0 = empty); the slot is the first 4 bytes of the leaf hash. */
  private table: Uint32Array = new Uint32Array(1024);
  /** Per entry, the leaf hash's first 8 bytes as two uint32 (slot key, tag): rebuilds and probes stay in memory. */
  private prefixes: Uint32Array = new Uint32Array(1024);
  private count = 0;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly fh: FileHandle,
    private readonly log: IndexedLog,
  ) {}

  /** Opens (creating) the index file, drops a torn tail, indexes entries the log has beyond it, loads the table. */
  static async open(file: string, log: IndexedLog, clock: Clock): Promise<EntryIndex> {
    let fh: FileHandle;
    try {
      await (await open(file, 'a')).close();
      fh = await open(file, 'r+');
    } catch (e) {
      throw new TlogError('STORAGE_IO', 'Could not open the entry index.', { cause: e });
    }
    const index = new EntryIndex(fh, log);
    const bytes = (await fh.stat()).size;
    const covered = Math.min(Math.floor(bytes / RECORD_SIZE), log.size);
    if (covered * RECORD_SIZE !== bytes) await fh.truncate(covered * RECORD_SIZE);
    await index.load(covered);
    if (covered < log.size) {
      // Entries logged by a batch whose records a crash cut off: never acknowledged, so any time is theirs.
      const time = Math.floor(clock.now().getTime() / 1000);
      for (let i = covered; i < log.size; i += 256) {
        const bodies: Uint8Array[] = [];
        for (let j = i; j < Math.min(i + 256, log.size); j++) bodies.push(await log.entry(j));
        await index.append(i, bodies, time);
      }
    }
    return index;
  }

  private async load(covered: number): Promise<void> {
    const chunk = Buffer.alloc(RECORD_SIZE * 65536);
    for (let i = 0; i < covered; ) {
      const n = Math.min(65536, covered - i);
      const { bytesRead } = await this.fh.read(chunk, 0, n * RECORD_SIZE, i * RECORD_SIZE);
      if (bytesRead !== n * RECORD_SIZE) throw new TlogError('STORAGE_CORRUPT', 'The entry index is shorter than it was a moment ago.');
      for (let j = 0; j < n; j++) this.insert(chunk.readUInt32BE(j * RECORD_SIZE), chunk.readUInt32BE(j * RECORD_SIZE + 4));
      i += n;
    }
  }

  /** Number of entries indexed. */
  get size(): number {
    return this.count;
  }

  private insert(key: number, tag: number): void {
    const index = this.count;
    if (2 * index + 2 > this.prefixes.length) {
      const p = new Uint32Array(this.prefixes.length * 2);
      p.set(this.prefixes);
      this.prefixes = p;
    }
    this.prefixes[2 * index] = key;
    this.prefixes[2 * index + 1] = tag;
    this.count++;
    if (this.count * 2 > this.table.length) {
      this.table = new Uint32Array(this.table.length * 2);
      for (let i = 0; i < this.count; i++) this.place(this.prefixes[2 * i]!, i);
    } else {
      this.place(key, index);
    }
  }

  private place(key: number, index: number): void {
    const mask = this.table.length - 1;
    let s = key & mask;
    while (this.table[s] !== 0) s = (s + 1) & mask;
    this.table[s] = index + 1;
  }

  /** Writes the records of entries firstIndex.. (which must follow the last one) and syncs them. */
  append(firstIndex: number, bodies: readonly Uint8Array[], integratedTime: number): Promise<void> {
    const run = this.queue.then(async () => {
      if (firstIndex !== this.count) {
        throw new TlogError('STORAGE_CORRUPT', `The entry index holds ${this.count} entries; records for ${firstIndex} cannot follow.`);
      }
      const records = Buffer.concat(bodies.map((b) => record(b, integratedTime)));
      await this.fh.write(records, 0, records.byteLength, firstIndex * RECORD_SIZE);
      await this.fh.datasync();
      for (let i = 0; i < bodies.length; i++) this.insert(records.readUInt32BE(i * RECORD_SIZE), records.readUInt32BE(i * RECORD_SIZE + 4));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The index of the entry whose leaf hash is `hash`, if logged. */
  async findLeaf(hash: Uint8Array): Promise<number | undefined> {
    const b = Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength);
    const key = b.readUInt32BE(0);
    const tag = b.readUInt32BE(4);
    const mask = this.table.length - 1;
    for (let s = key & mask; this.table[s] !== 0; s = (s + 1) & mask) {
      const index = this.table[s]! - 1;
      if (this.prefixes[2 * index + 1] === tag && index < this.log.size && bytesEqual(await this.log.leafHash(index), hash)) return index;
    }
    return undefined;
  }

  /** Unix seconds at which entry `index` was integrated. */
  async integratedTime(index: number): Promise<number> {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.count) throw new TlogError('INDEX_OUT_OF_RANGE', `Entry ${index} is not indexed.`);
    const b = Buffer.alloc(8);
    await this.fh.read(b, 0, 8, index * RECORD_SIZE + 24);
    return Number(b.readBigUInt64BE(0));
  }

  /**
   * Indexes of entries with search key `hexDigest` (artifact digest, or DSSE payload/envelope digest), by a
   * sequential scan of the records (8-byte prefixes) confirmed against each candidate's body.
   */
  async search(hexDigest: string): Promise<number[]> {
    const want = Buffer.from(fromHex(hexDigest).subarray(0, PREFIX));
    const out: number[] = [];
    const chunk = Buffer.alloc(RECORD_SIZE * 65536);
    const total = this.count;
    for (let i = 0; i < total; ) {
      const n = Math.min(65536, total - i);
      await this.fh.read(chunk, 0, n * RECORD_SIZE, i * RECORD_SIZE);
      for (let j = 0; j < n; j++) {
        const o = j * RECORD_SIZE;
        if (chunk.compare(want, 0, PREFIX, o + PREFIX, o + 2 * PREFIX) === 0 || chunk.compare(want, 0, PREFIX, o + 2 * PREFIX, o + 3 * PREFIX) === 0) {
          if (searchHashesOfBody(await this.log.entry(i + j)).includes(`sha256:${hexDigest}`)) out.push(i + j);
        }
      }
      i += n;
    }
    return out;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.fh.close();
  }
}
