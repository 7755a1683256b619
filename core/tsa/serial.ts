// TSTInfo serial numbers that never repeat, across restarts and crashes (RFC 3161 2.4.2: unique per TSA).
//
// serial = counter * 2^64 + prefix. `counter` comes from a state file in the given directory, reserved in
// blocks write-ahead: the end of a block is persisted (temp file, fsync, rename, fsync dir) BEFORE any number
// of the block is handed out, so a crash can only skip numbers, never reissue one. `prefix` is 64 random
// bits drawn once per process: it keeps serials unique even when the state file is restored from a backup or
// two instances share a copy of it, cases a counter alone cannot survive. Serials stay increasing over time
// (useful when reading logs) and below 2^128, within the 160 bits clients must accept.
// The next block is reserved in the background when half of the current one is used, so no request waits on
// an fsync unless the disk falls behind a whole half block.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { TsaError } from './errors';

export interface SerialNumberSource {
  /** A positive serial number never returned before by this TSA. */
  next(): Promise<bigint>;
}

export interface SerialStoreOptions {
  /** How many counter values to reserve per fsync. Default 1000. */
  blockSize?: number;
  /** Randomness seam for tests; default node:crypto randomBytes. */
  random?: (n: number) => Uint8Array;
}

const STATE_FILE = 'tsa-serial.json';
/** Temp file names differ per write so two sources on one directory (a restart overlapping) never share one. */
let writeSequence = 0;
const PREFIX_BITS = 64n;

export class PersistentSerialSource implements SerialNumberSource {
  private nextCounter: bigint;
  /** Numbers below this are durably reserved: the state file says at least this much. */
  private reservedEnd: bigint;
  /** The one reservation being written, if any: writes never overlap, so the file only moves forward. */
  private writing: Promise<void> | null = null;
  private readonly prefix: bigint;

  private constructor(
    private readonly dir: string,
    private readonly blockSize: bigint,
    start: bigint,
    prefix: bigint,
  ) {
    this.nextCounter = start;
    this.reservedEnd = start;
    this.prefix = prefix;
  }

  /** Opens (or starts) the serial state in `dir` and reserves the first block. */
  static async open(dir: string, options: SerialStoreOptions = {}): Promise<PersistentSerialSource> {
    const blockSize = options.blockSize ?? 1000;
    if (!Number.isSafeInteger(blockSize) || blockSize < 1) {
      throw new TsaError('TSA_CONFIG_INVALID', 'the serial block size must be a positive integer');
    }
    const random = options.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
    let prefix = 0n;
    for (const b of random(8)) prefix = (prefix << 8n) | BigInt(b);
    const source = new PersistentSerialSource(dir, BigInt(blockSize), await readState(dir), prefix);
    await source.reserve();
    return source;
  }

  async next(): Promise<bigint> {
    while (this.nextCounter >= this.reservedEnd) await this.reserve();
    const counter = this.nextCounter++;
    if (this.reservedEnd - this.nextCounter <= this.blockSize / 2n && !this.writing) {
      // Read ahead; a failure here is not lost: the request that runs out of numbers retries and reports it.
      this.reserve().catch(() => undefined);
    }
    return (counter << PREFIX_BITS) | this.prefix;
  }

  /** Durably reserves one more block after the current reservation (or joins the write in progress). */
  private reserve(): Promise<void> {
    if (!this.writing) {
      const end = this.reservedEnd + this.blockSize;
      this.writing = writeState(this.dir, end)
        .then(() => {
          this.reservedEnd = end;
        })
        .finally(() => {
          this.writing = null;
        });
    }
    return this.writing;
  }
}

async function readState(dir: string): Promise<bigint> {
  const file = path.join(dir, STATE_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 1n;
    throw new TsaError('SERIAL_STORE_FAILED', `cannot read the serial state ${file}`, { cause: e });
  }
  // A damaged state file must stop the TSA: starting over from 1 could reissue serials.
  let next: unknown;
  try {
    next = (JSON.parse(text) as { next?: unknown }).next;
  } catch (e) {
    throw new TsaError('SERIAL_STORE_FAILED', `the serial state ${file} is damaged; restore it from a backup`, { cause: e });
  }
  if (typeof next !== 'string' || !/^[1-9][0-9]{0,30}$/.test(next)) {
    throw new TsaError('SERIAL_STORE_FAILED', `the serial state ${file} is damaged; restore it from a backup`);
  }
  return BigInt(next);
}

async function writeState(dir: string, next: bigint): Promise<void> {
  const file = path.join(dir, STATE_FILE);
  const tmp = `${file}.${process.pid}-${++writeSequence}.tmp`;
  try {
    await fs.mkdir(dir, { recursive: true });
    const handle = await fs.open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify({ next: next.toString() })}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
    const dirHandle = await fs.open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  } catch (e) {
    throw new TsaError('SERIAL_STORE_FAILED', `cannot persist the serial state in ${dir}`, { cause: e });
  }
}
