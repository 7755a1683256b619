// Benchmark of the embedded log: appends/s into the tiled log (batched, with and without fsync) beside raw
// SHA-256 hashes/s on the same machine in the same run, and inclusion proof time at 1,000,000 entries.
// Run: npx tsx bench/tlog-append.ts [entrySize=256] [batch=10000]
import { createHash, hash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEphemeralSigner } from '../core/keys/software-signer';
import type { Signer } from '../core/keys/signer';
import { Batcher, leafHash, TileLog, verifyInclusion } from '../core/tlog';

const ENTRY_SIZE = Number(process.argv[2] ?? 256);
const BATCH = Number(process.argv[3] ?? 10_000);
const TOTAL = 1_000_000;

const now = () => Number(process.hrtime.bigint()) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function makeEntries(from: number, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => {
    const e = new Uint8Array(ENTRY_SIZE);
    new DataView(e.buffer).setUint32(0, from + i);
    return e;
  });
}

/** Raw SHA-256 rate over inputs of the entry size: `oneShot` as the tree hashes (crypto.hash), else createHash. */
function rawHashesPerSecond(oneShot: boolean, seconds = 1.5): number {
  const input = randomBytes(ENTRY_SIZE);
  let n = 0;
  const start = now();
  while (now() - start < seconds) {
    for (let i = 0; i < 10_000; i++) {
      if (oneShot) hash('sha256', input, 'buffer');
      else createHash('sha256').update(input).digest();
    }
    n += 10_000;
  }
  return n / (now() - start);
}

const ORIGIN = 'bench.rootsmith.test/log';

/** The disk's own limit for what a durable batch does per file: write a small temp file, fsync, rename. */
function durableWritesPerSecond(dir: string, n = 200): number {
  mkdirSync(dir, { recursive: true });
  const start = now();
  for (let i = 0; i < n; i++) {
    const path = join(dir, `f${i}`);
    const fd = openSync(`${path}.tmp`, 'w');
    writeSync(fd, randomBytes(8192));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(`${path}.tmp`, path);
  }
  return n / (now() - start);
}

async function appendRate(dir: string, signer: Signer, count: number, fsync: boolean): Promise<number> {
  const log = await TileLog.open(dir, { signer, origin: ORIGIN, fsync });
  const first = log.size;
  const start = now();
  for (let i = first; i < count; i += BATCH) await log.appendBatch(makeEntries(i, Math.min(BATCH, count - i)));
  return (count - first) / (now() - start);
}

async function timeProofs(log: TileLog, n: number): Promise<number> {
  const root = log.checkpoint().checkpoint.rootHash;
  const start = now();
  for (let k = 0; k < n; k++) {
    const index = Math.floor(((k * 2654435761) % 4294967296) / 4294967296 * log.size);
    const proof = await log.inclusionProof(index);
    if (k === 0) verifyInclusion(leafHash(makeEntries(index, 1)[0]!), index, log.size, proof, root);
  }
  return ((now() - start) / n) * 1000;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'rs-bench-'));
  try {
    console.log(`machine: ${cpus().length} CPU(s), ${cpus()[0]?.model ?? 'unknown'}; node ${process.version}`);
    console.log(`entries of ${ENTRY_SIZE} bytes, batches of ${fmt(BATCH)}, checkpoints signed with ECDSA P-256`);
    console.log(`raw SHA-256 (${ENTRY_SIZE}-byte input), createHash:   ${fmt(rawHashesPerSecond(false))} hashes/s`);
    const hashRate = rawHashesPerSecond(true);
    console.log(`raw SHA-256 (${ENTRY_SIZE}-byte input), crypto.hash:  ${fmt(hashRate)} hashes/s  (what the tree uses; ratios below are to this)`);

    console.log(`disk: write 8 KiB + fsync + rename, one at a time: ${fmt(durableWritesPerSecond(join(root, 'disk')))} files/s`);
    const durable = await appendRate(join(root, 'durable'), generateEphemeralSigner('ecdsa-p256'), 200_000, true);
    console.log(`append, fsync on  (200,000 entries):  ${fmt(durable)} entries/s   ratio to raw hashes ${(durable / hashRate).toFixed(3)}`);
    const signer = generateEphemeralSigner('ecdsa-p256');
    const fast = await appendRate(join(root, 'fast'), signer, 200_000, false);
    console.log(`append, fsync off (200,000 entries):  ${fmt(fast)} entries/s   ratio to raw hashes ${(fast / hashRate).toFixed(3)}`);
    console.log('  (an append costs about two SHA-256: its leaf hash and its share of the tile nodes; ideal ratio ~0.5)');

    const dir = join(root, 'batched');
    const blog = await TileLog.open(dir, { signer: generateEphemeralSigner('ed25519'), origin: 'bench.rootsmith.test/batched' });
    const batcher = new Batcher(blog, { maxEntries: 1000, maxDelayMs: 5 });
    const start = now();
    await Promise.all(makeEntries(0, 50_000).map((e) => batcher.add(e)));
    await batcher.close();
    console.log(`Batcher, 50,000 concurrent add() (max 1000 / 5 ms, fsync on): ${fmt(50_000 / (now() - start))} entries/s acknowledged`);

    // Grow the fsync-off log to 1M entries, then time proofs on a freshly opened log (cold tile cache), then warm.
    const grow = await appendRate(join(root, 'fast'), signer, TOTAL, false);
    console.log(`grew that log to ${fmt(TOTAL)} entries at ${fmt(grow)} entries/s (fsync off)`);
    const openStart = now();
    const big = await TileLog.open(join(root, 'fast'), { signer, origin: ORIGIN });
    console.log(`open at ${fmt(big.size)} entries: ${((now() - openStart) * 1000).toFixed(1)} ms`);
    console.log(`inclusion proof at ${fmt(big.size)} entries, cold tile cache: ${(await timeProofs(big, 200)).toFixed(3)} ms each (200 random leaves)`);
    console.log(`inclusion proof at ${fmt(big.size)} entries, same leaves again:  ${(await timeProofs(big, 200)).toFixed(3)} ms each`);
    const cStart = now();
    for (let k = 1; k <= 100; k++) await big.consistencyProof(k * 9973);
    console.log(`consistency proof to ${fmt(big.size)} entries: ${(((now() - cStart) / 100) * 1000).toFixed(3)} ms each`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
