// A Rekor v1 log over the tiled log: accepted entries go through the Batcher and are acknowledged only once the
// batch, its checkpoint and its index records are durable; answers carry SET, inclusion proof and checkpoint.
import type { Clock } from '../../clock';
import { fromHex, toHex } from '../../bytes';
import type { Signer } from '../../keys/signer';
import { Batcher, type BatcherOptions, type BatchSink } from '../batcher';
import { leafHash } from '../hash';
import type { SignedCheckpoint } from '../signed-checkpoint';
import { TileLog } from '../tile-log';
import { EntryIndex } from './entry-index';
import { RekorEntryError } from './errors';
import { buildLogEntry } from './log-entry';
import type { AcceptedEntry } from './proposed';
import { logIdOf } from './set';
import { entryUuidPattern, uuidLeafHash, type ConsistencyProofWire, type LogEntryWire, type LogInfoWire } from './wire';

export interface RekorLogOptions {
  /** Tiles directory and index file. */
  tilesDir: string;
  indexFile: string;
  signer: Signer;
  /** Decimal tree ID; its 16-hex form prefixes entry UUIDs. */
  treeId: string;
  /** Checkpoint key name; the origin is "<hostname> - <treeId>" as Rekor writes it. */
  hostname: string;
  clock: Clock;
  batch?: BatcherOptions;
  fsync?: boolean;
}

export interface UuidEntry {
  uuid: string;
  entry: LogEntryWire;
}

export class RekorLog {
  private readonly pending = new Map<string, Promise<unknown>>();

  private constructor(
    private readonly tiles: TileLog,
    private readonly index: EntryIndex,
    private readonly batcher: Batcher,
    private readonly signer: Signer,
    readonly spki: Uint8Array,
    readonly treeId: string,
    private readonly view: { published: SignedCheckpoint },
  ) {}

  static async open(o: RekorLogOptions): Promise<RekorLog> {
    const origin = `${o.hostname} - ${o.treeId}`;
    const tiles = await TileLog.open(o.tilesDir, { signer: o.signer, origin, keyName: o.hostname, fsync: o.fsync ?? true });
    const index = await EntryIndex.open(o.indexFile, tiles, o.clock);
    // What answers show: the newest checkpoint whose entries are all indexed (a batch is published after its
    // records are written, so a GET never sees an entry it cannot serve).
    const view = { published: tiles.checkpoint() };
    const sink: BatchSink = {
      appendBatch: async (entries) => {
        const time = Math.floor(o.clock.now().getTime() / 1000);
        const result = await tiles.appendBatch(entries);
        await index.append(result.firstIndex, entries, time);
        if (result.checkpoint.checkpoint.size > view.published.checkpoint.size) view.published = result.checkpoint;
        return result;
      },
    };
    return new RekorLog(tiles, index, new Batcher(sink, o.batch), o.signer, await o.signer.publicKeySpki(), o.treeId, view);
  }

  /** Entries published (committed and indexed). */
  get size(): number {
    return this.view.published.checkpoint.size;
  }

  /** hex SHA-256 of the log key's DER SPKI. */
  get logId(): string {
    return logIdOf(this.spki);
  }

  get origin(): string {
    return this.tiles.origin;
  }

  /** The tree ID as the 16 hex digits that prefix 80-digit entry UUIDs. */
  get treeIdHex(): string {
    return BigInt(this.treeId).toString(16).padStart(16, '0');
  }

  get tilesDir(): string {
    return this.tiles.dir;
  }

  /** Logs `accepted`; ENTRY_EXISTS (details uuid, logIndex) when the same body is logged or being logged. */
  async add(accepted: AcceptedEntry): Promise<UuidEntry> {
    const leaf = leafHash(accepted.body);
    const key = toHex(leaf);
    // Same-body submissions are chained per leaf hash (set before any await), so the second sees the first's entry.
    const before = this.pending.get(key) ?? Promise.resolve();
    const run = before
      .catch(() => undefined)
      .then(async () => {
        const existing = await this.index.findLeaf(leaf);
        if (existing !== undefined) throw this.exists(key, existing);
        return this.batcher.add(accepted.body);
      });
    this.pending.set(key, run);
    try {
      const { index, checkpoint } = await run;
      const cp = checkpoint.checkpoint;
      return {
        uuid: this.uuidOf(key),
        entry: await this.build(accepted.body, index, { treeSize: cp.size, rootHash: cp.rootHash, checkpoint: checkpoint.envelope }),
      };
    } finally {
      if (this.pending.get(key) === run) this.pending.delete(key);
    }
  }

  private exists(leafHex: string, logIndex: number): RekorEntryError {
    const uuid = this.uuidOf(leafHex);
    return new RekorEntryError('ENTRY_EXISTS', `An equivalent entry already exists in the log at index ${logIndex}.`, { details: { uuid, logIndex } });
  }

  private uuidOf(leafHex: string): string {
    return `${this.treeIdHex}${leafHex}`;
  }

  private async build(body: Uint8Array, logIndex: number, at: { treeSize: number; rootHash: Uint8Array; checkpoint: string }): Promise<LogEntryWire> {
    return buildLogEntry({
      body,
      logIndex,
      integratedTime: await this.index.integratedTime(logIndex),
      logId: this.logId,
      signer: this.signer,
      spki: this.spki,
      proof: { ...at, hashes: await this.tiles.inclusionProof(logIndex, at.treeSize) },
    });
  }

  /** Entry `logIndex` with its proof against the current checkpoint; ENTRY_NOT_FOUND beyond the log. */
  async entryAt(logIndex: number): Promise<UuidEntry> {
    const signed = this.view.published;
    const cp = signed.checkpoint;
    if (!Number.isSafeInteger(logIndex) || logIndex < 0 || logIndex >= cp.size) {
      throw new RekorEntryError('ENTRY_NOT_FOUND', `The log has no entry ${logIndex} (it holds ${cp.size}).`, { details: { logIndex } });
    }
    const body = await this.tiles.entry(logIndex);
    return {
      uuid: this.uuidOf(toHex(leafHash(body))),
      entry: await this.build(body, logIndex, { treeSize: cp.size, rootHash: cp.rootHash, checkpoint: signed.envelope }),
    };
  }

  /** The entry with `uuid` (64-hex leaf hash, or this log's 16-hex tree ID + leaf hash). */
  async entryByUuid(uuid: string): Promise<UuidEntry> {
    const lower = uuid.toLowerCase();
    if (!entryUuidPattern.test(lower) || (lower.length === 80 && !lower.startsWith(this.treeIdHex))) {
      throw new RekorEntryError('ENTRY_NOT_FOUND', `No entry has UUID ${uuid} in this log.`);
    }
    const at = await this.index.findLeaf(fromHex(uuidLeafHash(lower)));
    if (at === undefined || at >= this.size) throw new RekorEntryError('ENTRY_NOT_FOUND', `No entry has UUID ${uuid} in this log.`);
    return this.entryAt(at);
  }

  /** UUIDs of entries whose artifact (or DSSE payload/envelope) SHA-256 is `hexDigest`. */
  async search(hexDigest: string): Promise<string[]> {
    const found = await this.index.search(hexDigest.toLowerCase());
    const out: string[] = [];
    for (const i of found) out.push(this.uuidOf(toHex(await this.tiles.leafHash(i))));
    return out;
  }

  logInfo(): LogInfoWire {
    const signed = this.view.published;
    return {
      rootHash: toHex(signed.checkpoint.rootHash),
      treeSize: signed.checkpoint.size,
      signedTreeHead: signed.envelope,
      treeID: this.treeId,
      inactiveShards: [],
    };
  }

  /** RFC 6962 consistency proof from firstSize to lastSize (default: the current size). */
  async consistency(firstSize: number, lastSize: number = this.size): Promise<ConsistencyProofWire> {
    const hashes = await this.tiles.consistencyProof(firstSize, lastSize);
    return { rootHash: toHex(await this.tiles.rootAt(lastSize)), hashes: hashes.map((h) => toHex(h)) };
  }

  /** Integrates whatever is pending, then closes the index. */
  async close(): Promise<void> {
    await this.batcher.close();
    await this.index.close();
  }
}
