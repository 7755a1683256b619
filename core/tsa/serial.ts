// TSTInfo serial numbers that never repeat, across restarts and crashes (RFC 3161 2.4.2: unique per TSA).
//
// serial = counter * 2^64 + prefix. `counter` comes from a state file in the given directory, reserved in
// blocks write-ahead: the end of a block is persisted (temp file, fsync, rename, fsync dir) BEFORE any number
// of the block is handed out, so a crash can only skip numbers, never reissue one. `prefix` is 64 random
// bits drawn once per process: it keeps serials unique even when the state file is restored from a backup or
// two instances share a copy of it, cases a counter alone cannot survive. Serials stay increasing over time
// (useful when reading logs) and below 2^128, within the 160 bits clients must accept.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { TsaError } from './errors';

export interface SerialNumberSource {
  /** A positive serial number never returned before by this TSA. */
  next(): bigint;
}

export interface SerialStoreOptions {
  /** How many counter values to reserve per fsync. Default 1000. */
  blockSize?: number;
  /** Randomness seam for tests; default node:crypto randomBytes. */
  random?: (n: number) => Uint8Array;
}

const STATE_FILE = 'tsa-serial.json';
const PREFIX_BITS = 64n;

export class PersistentSerialSource implements SerialNumberSource {
  private nextCounter: bigint;
  private reservedEnd: bigint;
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
  static open(dir: string, options: SerialStoreOptions = {}): PersistentSerialSource {
    const blockSize = options.blockSize ?? 1000;
    if (!Number.isSafeInteger(blockSize) || blockSize < 1) {
      throw new TsaError('TSA_CONFIG_INVALID', 'the serial block size must be a positive integer');
    }
    const random = options.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
    let prefix = 0n;
    for (const b of random(8)) prefix = (prefix << 8n) | BigInt(b);
    const source = new PersistentSerialSource(dir, BigInt(blockSize), readState(dir), prefix);
    source.reserve();
    return source;
  }

  next(): bigint {
    if (this.nextCounter >= this.reservedEnd) this.reserve();
    const counter = this.nextCounter++;
    return (counter << PREFIX_BITS) | this.prefix;
  }

  private reserve(): void {
    const end = this.nextCounter + this.blockSize;
    writeState(this.dir, end);
    this.reservedEnd = end;
  }
}

function readState(dir: string): bigint {
  const file = path.join(dir, STATE_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
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

function writeState(dir: string, next: bigint): void {
  const file = path.join(dir, STATE_FILE);
  const tmp = `${file}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, `${JSON.stringify({ next: next.toString() })}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch (e) {
    throw new TsaError('SERIAL_STORE_FAILED', `cannot persist the serial state in ${dir}`, { cause: e });
  }
}
