// Benchmark of the embedded log: appends/s into the tiled log (batched, with and without fsync) beside raw
// SHA-256 hashes/s on the same machine in the same run, and inclusion proof time at 1,000,000 entries; it says
// whether the goals are met (appends/s >= raw hashes/s / 6, proofs under 1 ms at 1M entries).
// Run: npx tsx bench/tlog-append.ts [entrySize=256] [batch=10000] [parentDir=os.tmpdir()]
// (the log's files go under parentDir: some machines make file creation in /tmp far slower than elsewhere; see the
// "create" line it prints.)
import { createHash, hash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEphemeralSigner } from '../core/keys/software-signer';
import type { Signer } from '../core/keys/signer';
import { Batcher, leafHash, TileLog, TILE_WIDTH, verifyInclusion } from '../core/tlog';

const ENTRY_SIZE = Number(process.argv[2] ?? 256);
const BATCH = Number(process.argv[3] ?? 10_000);
const PARENT = process.argv[4] ?? tmpdir();
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

/** Microseconds to create (and close) one empty file: every tile and bundle is a new file. */
function createMicros(dir: string, n = 300): number {
  mkdirSync(dir, { recursive: true });
  const start = now();
  for (let i = 0; i < n; i++) closeSync(openSync(join(dir, `e${i}`), 'w'));
  return ((now() - start) / n) * 1e6;
}

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

/** Appends/s, one batch at a time; only appendBatch is timed (making the test entries is the caller's work). */
async function appendRate(dir: string, signer: Signer, count: number, fsync: boolean): Promise<number> {
  const log = await TileLog.open(dir, { signer, origin: ORIGIN, fsync });
  const first = log.size;
  let spent = 0;
  for (let i = first; i < count; i += BATCH) {
    const entries = makeEntries(i, Math.min(BATCH, count - i));
    const start = now();
    await log.appendBatch(entries);
    spent += now() - start;
  }
  return (count - first) / spent;
}

/** The goals: appends at least a third of the hash-rate ceiling (two hashes an entry), proofs under 1 ms. */
const APPEND_GOAL = 1 / 2 / 3;
const PROOF_GOAL_MS = 1;
const verdict = (met: boolean) => (met ? 'goal MET' : 'goal NOT met');

async function timeProofs(log: TileLog, n: number, seed: number): Promise<number> {
  const root = log.checkpoint().checkpoint.rootHash;
  const start = now();
  for (let k = 0; k < n; k++) {
    const index = Math.floor((((k + seed) * 2654435761) % 4294967296) / 4294967296 * log.size);
    const proof = await log.inclusionProof(index);
    if (k === 0) verifyInclusion(leafHash(makeEntries(index, 1)[0]!), index, log.size, proof, root);
  }
  return ((now() - start) / n) * 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Rounds of each measurement: the machine may be shared, so each ratio uses hash rates measured right around it, and the median is judged. */
const ROUNDS = 3;

/** Files/s for what a durable batch does: `n` files written at once, each temp + fdatasync + rename (as the log writes). */
async function concurrentDurableWrites(dir: string, n = 80): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const data = randomBytes(8192);
  const start = now();
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const path = join(dir, `c${i}`);
      const fh = await open(`${path}.tmp`, 'w');
      await fh.write(data);
      await fh.datasync();
      await fh.close();
      await rename(`${path}.tmp`, path);
    }),
  );
  return n / (now() - start);
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(PARENT, 'rs-bench-'));
  try {
    console.log(`machine: ${cpus().length} CPU(s), ${cpus()[0]?.model ?? 'unknown'}; node ${process.version}; load average ${loadavg()[0]!.toFixed(2)}`);
    console.log(`entries of ${ENTRY_SIZE} bytes, batches of ${fmt(BATCH)}, checkpoints signed with ECDSA P-256`);
    console.log(`raw SHA-256 (${ENTRY_SIZE}-byte input), createHash:   ${fmt(rawHashesPerSecond(false))} hashes/s`);
    console.log(`files under ${PARENT}: creating an empty file costs ${createMicros(join(root, 'create')).toFixed(1)} us`);
    console.log(`disk: write 8 KiB + fsync + rename, one at a time: ${fmt(durableWritesPerSecond(join(root, 'disk')))} files/s`);
    const concurrent = await concurrentDurableWrites(join(root, 'disk-concurrent'));
    // A batch writes about two files per 256 entries (a bundle and a level-0 tile) plus a few partial ones.
    console.log(`disk: 80 files at once (temp + fdatasync + rename), as a batch writes them: ${fmt(concurrent)} files/s (~${fmt((concurrent * TILE_WIDTH) / 2)} entries/s of full tiles and bundles)`);

    const signer = generateEphemeralSigner('ecdsa-p256');
    const durableRatios: number[] = [];
    const fastRatios: number[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const before = rawHashesPerSecond(true, 1);
      const durable = await appendRate(join(root, `durable-${r}`), signer, 200_000, true);
      const fast = await appendRate(join(root, r === ROUNDS ? 'fast' : `fast-${r}`), signer, 200_000, false);
      const after = rawHashesPerSecond(true, 1);
      const hashRate = (before + after) / 2;
      durableRatios.push(durable / hashRate);
      fastRatios.push(fast / hashRate);
      console.log(
        `round ${r}: raw SHA-256 (${ENTRY_SIZE}-byte input, crypto.hash, what the tree uses) ${fmt(hashRate)} hashes/s; ` +
          `append of 200,000 entries, fsync on ${fmt(durable)}/s (ratio ${(durable / hashRate).toFixed(3)}), fsync off ${fmt(fast)}/s (ratio ${(fast / hashRate).toFixed(3)})`,
      );
    }
    console.log('  (an append costs about two SHA-256: its leaf hash and its share of the tile nodes; ideal ratio ~0.5)');
    const durableRatio = median(durableRatios);
    const fastRatio = median(fastRatios);
    console.log(`goal: appends/s at least a third of the hash-rate ceiling, (raw hashes/s / 2) / 3, i.e. a ratio of at least ${APPEND_GOAL.toFixed(3)}`);
    console.log(`  fsync on  (durable, the real setting), median ratio ${durableRatio.toFixed(3)}: ${verdict(durableRatio >= APPEND_GOAL)}`);
    console.log(`  fsync off (hashing and writing only),  median ratio ${fastRatio.toFixed(3)}: ${verdict(fastRatio >= APPEND_GOAL)}`);

    const dir = join(root, 'batched');
    const blog = await TileLog.open(dir, { signer: generateEphemeralSigner('ed25519'), origin: 'bench.rootsmith.test/batched' });
    const batcher = new Batcher(blog, { maxEntries: 1000, maxDelayMs: 5 });
    const start = now();
    await Promise.all(makeEntries(0, 50_000).map((e) => batcher.add(e)));
    await batcher.close();
    console.log(`Batcher, 50,000 concurrent add() (max 1000 / 5 ms, fsync on): ${fmt(50_000 / (now() - start))} entries/s acknowledged`);

    // Grow the fsync-off log to 1M entries, then time proofs on a freshly opened log (cold tile cache), then warm.
    const grow = await appendRate(join(root, 'fast'), signer, TOTAL, false);
    console.log(`grew the last fsync-off log to ${fmt(TOTAL)} entries at ${fmt(grow)} entries/s`);
    const colds: number[] = [];
    const warms: number[] = [];
    let big: TileLog | undefined;
    for (let r = 1; r <= ROUNDS; r++) {
      const openStart = now();
      big = await TileLog.open(join(root, 'fast'), { signer, origin: ORIGIN });
      const opened = (now() - openStart) * 1000;
      const cold = await timeProofs(big, 200, r * 1000);
      const warm = await timeProofs(big, 200, r * 1000);
      colds.push(cold);
      warms.push(warm);
      console.log(`round ${r}: open at ${fmt(big.size)} entries ${opened.toFixed(1)} ms; inclusion proof, fresh open (cold tile cache) ${cold.toFixed(3)} ms each (200 random leaves), same leaves again ${warm.toFixed(3)} ms`);
    }
    const cold = median(colds);
    const warm = median(warms);
    console.log(`goal: inclusion proofs under ${PROOF_GOAL_MS} ms at 1M entries: median cold ${cold.toFixed(3)} ms, ${verdict(cold < PROOF_GOAL_MS)}; median warm ${warm.toFixed(3)} ms, ${verdict(warm < PROOF_GOAL_MS)}`);
    const cStart = now();
    for (let k = 1; k <= 100; k++) await big!.consistencyProof(k * 9973);
    console.log(`consistency proof to ${fmt(big!.size)} entries: ${(((now() - cStart) / 100) * 1000).toFixed(3)} ms each`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
