// One log the explorer talks to: its Rekor client, its public key (fetched once), and the checkpoints seen this
// session. Pages of entries go through POST /entries/retrieve when the log has it, else one GET per entry.
import { sha256, toHex } from '../../../core/bytes';
import type { Clock } from '../../../core/clock';
import type { LogEntryWire } from '../../../core/tlog/rekor/wire';
import { LogClientError } from '../../log-client/errors';
import { RekorClient, type UuidEntry } from '../../log-client/rekor-client';
import type { CheckpointView, LogInfo } from '../../contract/log';
import { describeCheckpoint, spkiFromPem } from './checkpoint-check';
import { monitorCheckpoints } from './monitor-history';

/** Rekor caps a retrieve request at 10 entries (its maxSearchQueries); several run side by side. */
const RETRIEVE_CHUNK = 10;
const PARALLEL = 8;

async function inParallel<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export class LogConnection {
  readonly client: RekorClient;
  private key: Promise<{ pem?: string; spki?: Uint8Array }> | undefined;
  /** Checkpoints by "size:root", in the order first seen. */
  private readonly history = new Map<string, CheckpointView>();
  private retrieveWorks: boolean | undefined;
  lastInfo: LogInfo | undefined;

  constructor(
    readonly url: string,
    private readonly clock: Clock,
  ) {
    this.client = new RekorClient(url);
  }

  /** The log key (PEM and DER SPKI), or nothing when the log does not publish it. */
  logKey(): Promise<{ pem?: string; spki?: Uint8Array }> {
    this.key ??= this.client.publicKey().then(
      (pem) => {
        const spki = spkiFromPem(pem);
        return spki ? { pem, spki } : { pem };
      },
      () => ({}),
    );
    return this.key;
  }

  /** Records a checkpoint envelope in the history; returns its view (the first sighting keeps its time). */
  async remember(envelope: string): Promise<CheckpointView | undefined> {
    const { spki } = await this.logKey();
    const view = describeCheckpoint(envelope, spki, this.clock.now());
    if (!view) return undefined;
    const key = `${view.treeSize}:${view.rootHashHex}`;
    const seen = this.history.get(key);
    if (seen) return { ...view, seenAt: seen.seenAt };
    this.history.set(key, view);
    return view;
  }

  /** Checkpoints the monitor recorded that this session has not seen itself, then this session's. */
  checkpoints(): CheckpointView[] {
    const mine = [...this.history.values()];
    const seen = new Set(mine.map((c) => `${c.treeSize}:${c.rootHashHex}`));
    return [...monitorCheckpoints(this.url).filter((c) => !seen.has(`${c.treeSize}:${c.rootHashHex}`)), ...mine];
  }

  /** The checkpoint of this size seen this session (the latest sighting when a log forked). */
  checkpointOfSize(size: number): CheckpointView | undefined {
    return this.checkpoints().filter((c) => c.treeSize === size).at(-1);
  }

  async info(embedded: boolean): Promise<LogInfo> {
    const [wire, key] = await Promise.all([this.client.logInfo(), this.logKey()]);
    const checkpoint = (await this.remember(wire.signedTreeHead)) ?? {
      origin: '(unparsable checkpoint)',
      treeSize: wire.treeSize,
      rootHashHex: wire.rootHash,
      text: wire.signedTreeHead,
      seenAt: this.clock.now().toISOString(),
      signature: 'invalid' as const,
      source: 'session' as const,
    };
    const info: LogInfo = {
      url: this.url,
      embedded,
      treeSize: wire.treeSize,
      rootHashHex: wire.rootHash,
      treeId: wire.treeID,
      checkpoint,
      ...(key.pem !== undefined ? { publicKeyPem: key.pem } : {}),
      ...(key.spki !== undefined ? { logIdHex: toHex(sha256(key.spki)) } : {}),
    };
    this.lastInfo = info;
    return info;
  }

  /** Entries `start` .. `start + count - 1`, in index order. */
  async range(start: number, count: number): Promise<UuidEntry[]> {
    const indexes = Array.from({ length: count }, (_, i) => start + i);
    if (this.retrieveWorks !== false) {
      try {
        const chunks: number[][] = [];
        for (let i = 0; i < indexes.length; i += RETRIEVE_CHUNK) chunks.push(indexes.slice(i, i + RETRIEVE_CHUNK));
        const got = (await inParallel(chunks, PARALLEL, (c) => this.client.entriesByIndexes(c))).flat();
        this.retrieveWorks = true;
        return got.sort((a, b) => a.entry.logIndex - b.entry.logIndex);
      } catch (e) {
        // A log without the retrieve route answers 404/405: remember that and read entries one by one.
        if (this.retrieveWorks === true || !(e instanceof LogClientError) || (e.code !== 'LOG_NOT_FOUND' && e.code !== 'LOG_REJECTED')) throw e;
        this.retrieveWorks = false;
      }
    }
    return inParallel(indexes, PARALLEL, (i) => this.client.entryByIndex(i));
  }

  /** Records the checkpoint an entry's proof was made against, and returns its view. */
  async proofCheckpoint(entry: LogEntryWire): Promise<CheckpointView | undefined> {
    const envelope = entry.verification?.inclusionProof?.checkpoint;
    return envelope ? this.remember(envelope) : undefined;
  }
}
