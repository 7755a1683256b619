// A durable, append-only transparency log stored as C2SP tlog-tiles files, with signed checkpoints. Only the
// right edge is held in memory; proofs read tiles from disk. The checkpoint file is the truth: a batch is
// acknowledged only after its tiles, its bundles and then its checkpoint are on disk.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { bytesEqual } from '../bytes';
import type { Signer } from '../keys/signer';
import { generateConsistencyProof } from './consistency-proof';
import { DurableWriter, removeTempFiles, type WriteGroup } from './durable-writer';
import { packEntries, type PackedEntries } from './entry-bundle';
import { TlogError } from './errors';
import { copyHash, emptyRoot } from './hash';
import { rangeHash, type HashSource } from './hash-source';
import { generateInclusionProof } from './inclusion-proof';
import { createNoteSigner, type NoteSigner, type NoteVerifier } from './note-keys';
import { signCheckpoint, type SignedCheckpoint } from './signed-checkpoint';
import { loadEdge, openLogCheckpoint, readOptional } from './stored-state';
import { discardBeyond } from './stale-tiles';
import { EdgeAppender, edgeRoot, EMPTY_EDGE, levelCount, type TileEdge, type TileWrite } from './tile-edge';
import { TILE_HEIGHT, TILE_WIDTH } from './tile-path';
import { TileReader } from './tile-reader';
import { TileTree } from './tile-tree';
import { requireSize } from './tree-math';

export const CHECKPOINT_FILE = 'checkpoint';

export interface TileLogOptions {
  /** The log key; Ed25519 or ECDSA P-256. */
  signer: Signer;
  /** The checkpoint origin line, e.g. "log.example.com/rehearsal" (tlog-tiles "Parameters"). */
  origin: string;
  /** The key name in signature lines; the origin by default (tlog-checkpoint "Signatures"). */
  keyName?: string;
  /** Skip fsync (only for benchmarks of the hashing path; a log written so is not crash safe). Default true. */
  fsync?: boolean;
}

export interface AppendResult {
  /** Index of the batch's first entry; the others follow in order. */
  firstIndex: number;
  /** The checkpoint that covers the batch, already durable. */
  checkpoint: SignedCheckpoint;
}

/** A batch hashed and being written: the edge it leaves, its writes, and the full tiles' nodes. */
interface Planned {
  edge: TileEdge;
  group?: WriteGroup;
  full: NonNullable<TileWrite['full']>[];
}

/** Lets pending I/O callbacks run (setImmediate comes after the poll phase). */
const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Committed {
  edge: TileEdge;
  checkpoint: SignedCheckpoint;
  /** Node caches of the edge's partial tiles, built when a proof first needs them. */
  edgeTrees?: (TileTree | undefined)[];
}

export class TileLog implements HashSource {
  private state: Committed;
  /** The edge after every batch hashed so far, committed or still being written. */
  private tail: TileEdge;
  /** Entries accepted so far (the next batch's first index). */
  private tailSize: number;
  private planning: Promise<unknown> = Promise.resolve();
  private committing: Promise<unknown> = Promise.resolve();
  private failure: unknown = undefined;

  private constructor(
    readonly dir: string,
    readonly origin: string,
    private readonly noteSigner: NoteSigner,
    private readonly reader: TileReader,
    private readonly writer: DurableWriter,
    state: Committed,
  ) {
    this.state = state;
    this.tail = state.edge;
    this.tailSize = state.edge.size;
  }

  /** Opens the log in `dir`, creating it (with a signed size-0 checkpoint) when there is none. */
  static async open(dir: string, options: TileLogOptions): Promise<TileLog> {
    const noteSigner = await createNoteSigner(options.keyName ?? options.origin, options.signer);
    const writer = new DurableWriter(dir, options.fsync ?? true);
    const reader = new TileReader(dir);
    try {
      await mkdir(dir, { recursive: true });
      await removeTempFiles(dir);
    } catch (e) {
      throw new TlogError('STORAGE_IO', 'Could not create the log directory.', { cause: e });
    }
    const envelope = await readOptional(join(dir, CHECKPOINT_FILE));
    let state: Committed;
    if (envelope === undefined) {
      await discardBeyond(dir, 0);
      const checkpoint = await signCheckpoint({ origin: options.origin, size: 0, rootHash: emptyRoot(), extensions: [] }, [noteSigner]);
      await writer.writeNow(CHECKPOINT_FILE, checkpoint.envelope);
      state = { edge: EMPTY_EDGE, checkpoint };
    } else {
      const checkpoint = openLogCheckpoint(envelope, noteSigner.verifier, options.origin);
      // Whatever a crashed batch left beyond the checkpoint is not part of the log.
      await discardBeyond(dir, checkpoint.checkpoint.size);
      const edge = await loadEdge(reader, checkpoint.checkpoint.size);
      if (!bytesEqual(edgeRoot(edge), checkpoint.checkpoint.rootHash)) {
        throw new TlogError('STORAGE_CORRUPT', 'The tiles on disk do not hash to the root in the checkpoint.', {
          details: { size: checkpoint.checkpoint.size },
        });
      }
      state = { edge, checkpoint };
    }
    return new TileLog(dir, options.origin, noteSigner, reader, writer, state);
  }

  /** Number of entries covered by the current checkpoint. */
  get size(): number {
    return this.state.edge.size;
  }

  /** The current signed checkpoint (as served at <prefix>/checkpoint). */
  checkpoint(): SignedCheckpoint {
    return this.state.checkpoint;
  }

  /** The verifier of this log's checkpoints. */
  get verifier(): NoteVerifier {
    return this.noteSigner.verifier;
  }

  /**
   * Appends entries as one batch. Resolves once the entry bundles and tiles, and then the new checkpoint,
   * are durably on disk: that is the acknowledgement. Batches run one after another, in call order.
   */
  appendBatch(entries: readonly Uint8Array[]): Promise<AppendResult> {
    if (this.failure !== undefined) return Promise.reject(this.brokenError());
    // Validated and copied now (a bad entry fails here, before anything is queued or written; the caller may
    // reuse its buffers at once). Hashing starts when the batches before this one are hashed, overlapping their I/O.
    let packed: PackedEntries;
    try {
      packed = packEntries(entries);
    } catch (e) {
      return Promise.reject(e);
    }
    const firstIndex = this.tailSize;
    this.tailSize += packed.count;
    const planned = this.planning.then(() => this.plan(packed));
    this.planning = planned.catch(() => undefined);
    const run = this.committing.then(() => planned).then((p) => this.commit(firstIndex, p));
    this.committing = run.catch(() => undefined);
    return run;
  }

  /**
   * Hashes a batch on top of the batches planned before it, a bundle's worth at a time, starting the writes of the
   * files each slice completes and yielding between slices so those writes (and flushes) proceed meanwhile.
   */
  private async plan(packed: PackedEntries): Promise<Planned> {
    const base = this.tail;
    if (packed.count === 0 || this.failure !== undefined) return { edge: base, full: [] };
    try {
      const group = this.writer.group();
      const appender = new EdgeAppender(base, packed);
      const out: TileWrite[] = [];
      const full: NonNullable<TileWrite['full']>[] = [];
      const start = (): void => {
        for (const w of out) {
          group.write(w.path, w.data);
          if (w.full) full.push(w.full);
        }
        out.length = 0;
      };
      for (let from = 0; from < packed.count; from += TILE_WIDTH) {
        if (from > 0) await yieldToIo();
        appender.add(from, Math.min(packed.count, from + TILE_WIDTH), out);
        start();
      }
      const edge = appender.finish(out);
      start();
      this.tail = edge;
      return { edge, group, full };
    } catch (e) {
      this.failure ??= e;
      throw e;
    }
  }

  private async commit(firstIndex: number, planned: Planned): Promise<AppendResult> {
    if (this.failure !== undefined) throw this.brokenError();
    const { edge, group, full } = planned;
    if (group === undefined) return { firstIndex, checkpoint: this.state.checkpoint };
    try {
      // The new checkpoint is signed and flushed under a temporary name while the batch's files are flushed; it is
      // renamed into place only once every file it covers, and the directory entries naming them, are durable.
      const staging = (async () => {
        const signed = await signCheckpoint({ origin: this.origin, size: edge.size, rootHash: edgeRoot(edge), extensions: [] }, [this.noteSigner]);
        return { signed, staged: await this.writer.stage(CHECKPOINT_FILE, signed.envelope) };
      })();
      const [files, prepared] = await Promise.allSettled([group.done(), staging]);
      if (files.status === 'rejected' || prepared.status === 'rejected') {
        if (prepared.status === 'fulfilled') await prepared.value.staged.discard();
        throw files.status === 'rejected' ? files.reason : (prepared as PromiseRejectedResult).reason;
      }
      const checkpoint = prepared.value.signed;
      await prepared.value.staged.publish();
      this.state = { edge, checkpoint };
      for (const f of full) this.reader.remember(f.level, f.index, f.tree);
      return { firstIndex, checkpoint };
    } catch (e) {
      // The checkpoint on disk may or may not be the new one, and batches queued after this one were planned
      // on top of it: only a reopen knows the truth, so the log refuses further appends until then.
      this.failure = e;
      throw e;
    }
  }

  private brokenError(): TlogError {
    return new TlogError('STORAGE_IO', 'An earlier write to this log failed; reopen the log before appending.', { cause: this.failure });
  }

  /** The entry at `index`. */
  async entry(index: number): Promise<Uint8Array> {
    const { edge } = this.state;
    this.requireIndex(index, edge.size);
    const bundle = Math.floor(index / TILE_WIDTH);
    if (bundle === Math.floor(edge.size / TILE_WIDTH)) return new Uint8Array(edge.entries[index % TILE_WIDTH]!);
    return new Uint8Array((await this.reader.fullBundle(bundle))[index % TILE_WIDTH]!);
  }

  /** The RFC 6962 leaf hash of entry `index`. */
  async leafHash(index: number): Promise<Uint8Array> {
    this.requireIndex(index, this.size);
    return copyHash(await this.hash(0, index));
  }

  /** MTH(D[index * 2^level : (index + 1) * 2^level]) for a subtree complete in the current tree (HashSource). */
  async hash(level: number, index: number): Promise<Uint8Array> {
    const state = this.state;
    const { edge } = state;
    if ((index + 1) * 2 ** level > edge.size) {
      throw new TlogError('INDEX_OUT_OF_RANGE', `The tree of ${edge.size} leaves has no complete subtree ${index} at level ${level}.`, {
        details: { level, index, size: edge.size },
      });
    }
    // The subtree lies inside one tile: `r` levels above the hashes of tile level floor(level / 8).
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const r = level % TILE_HEIGHT;
    const perTile = TILE_WIDTH / 2 ** r;
    const tileIndex = Math.floor(index / perTile);
    let tree: TileTree;
    if (tileIndex === Math.floor(levelCount(edge.size, tileLevel) / TILE_WIDTH)) {
      state.edgeTrees ??= [];
      tree = state.edgeTrees[tileLevel] ??= TileTree.fromHashes(edge.levels[tileLevel]!);
    } else {
      tree = await this.reader.fullTile(tileLevel, tileIndex);
    }
    const h = tree.node(r, index % perTile);
    if (!h) throw new TlogError('STORAGE_CORRUPT', `Tile ${tileIndex} at level ${tileLevel} lacks a node it should hold.`, { details: { level, index } });
    return h;
  }

  /** The root of the tree of the first `size` entries. */
  async rootAt(size: number = this.size): Promise<Uint8Array> {
    this.requireSizeWithin(size);
    if (size === 0) return emptyRoot();
    return copyHash(await rangeHash(this, 0, size));
  }

  async inclusionProof(index: number, treeSize: number = this.size): Promise<Uint8Array[]> {
    this.requireSizeWithin(treeSize);
    return (await generateInclusionProof(this, index, treeSize)).map(copyHash);
  }

  async consistencyProof(oldSize: number, newSize: number = this.size): Promise<Uint8Array[]> {
    this.requireSizeWithin(newSize);
    return (await generateConsistencyProof(this, oldSize, newSize)).map(copyHash);
  }

  private requireIndex(index: number, size: number): void {
    requireSize(index, 'entry index');
    if (index >= size) {
      throw new TlogError('INDEX_OUT_OF_RANGE', `Entry ${index} is not in the log of ${size} entries.`, { details: { index, size } });
    }
  }

  private requireSizeWithin(size: number): void {
    requireSize(size, 'tree size');
    if (size > this.size) {
      throw new TlogError('SIZE_INVALID', `The log has ${this.size} entries, not ${size}.`, { details: { size, logSize: this.size } });
    }
  }
}
