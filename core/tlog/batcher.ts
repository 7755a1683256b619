// Collects concurrent add() calls into one batch (up to maxEntries, or after maxDelayMs) and resolves each
// caller with its index only once the batch's checkpoint is durable.
import { requireLoggableEntry } from './entry-bundle';
import { TlogError } from './errors';
import type { SignedCheckpoint } from './signed-checkpoint';

/** The part of a log a Batcher needs (TileLog has it). */
export interface BatchSink {
  appendBatch(entries: readonly Uint8Array[]): Promise<{ firstIndex: number; checkpoint: SignedCheckpoint }>;
}

export interface BatcherOptions {
  /** Most entries in one batch (default 256). */
  maxEntries?: number;
  /** Longest wait, in milliseconds, between the first pending entry and its batch starting (default 50). */
  maxDelayMs?: number;
}

export interface Added {
  index: number;
  checkpoint: SignedCheckpoint;
}

interface Pending {
  entry: Uint8Array;
  resolve: (a: Added) => void;
  reject: (e: unknown) => void;
}

export class Batcher {
  private pending: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = new Set<Promise<void>>();
  private closed = false;
  private readonly maxEntries: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly sink: BatchSink,
    options: BatcherOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 256;
    this.maxDelayMs = options.maxDelayMs ?? 50;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    if (!(this.maxDelayMs >= 0)) throw new RangeError('maxDelayMs must be >= 0');
  }

  /** Queues `entry`; resolves with its index and the durable checkpoint covering it. ENTRY_INVALID at once for a bad entry. */
  add(entry: Uint8Array): Promise<Added> {
    if (this.closed) return Promise.reject(new TlogError('STORAGE_IO', 'The batcher is closed.'));
    try {
      requireLoggableEntry(entry);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<Added>((resolve, reject) => {
      this.pending.push({ entry: new Uint8Array(entry), resolve, reject });
      if (this.pending.length >= this.maxEntries) this.flush();
      else if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), this.maxDelayMs);
    });
  }

  /** Starts integrating everything pending now (in batches of at most maxEntries); resolves when those are done. */
  async flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const started: Promise<void>[] = [];
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxEntries);
      const run = this.integrate(batch);
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
      started.push(run);
    }
    await Promise.all(started);
  }

  /** Integrates what is pending, waits for every batch in flight, and refuses further adds. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    await Promise.all([...this.inFlight]);
  }

  private async integrate(batch: Pending[]): Promise<void> {
    try {
      const { firstIndex, checkpoint } = await this.sink.appendBatch(batch.map((p) => p.entry));
      batch.forEach((p, i) => p.resolve({ index: firstIndex + i, checkpoint }));
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }
}
