// Benchmark of the real core/tuf path at scale: a repository with 10,000 and 100,000 targets is staged in bulk,
// its targets signing request is signed offline with a software P-256 key, the signature imported, the repository
// published, and the published targets metadata verified (parse, canonicalise (TUF 4.2), check the signature).
// Prints each step's time, the time per canonicalisation and per signature beside this machine's raw ECDSA P-256
// sign rate and SHA-256 rate measured in the same run, and @tufjs/models' own (quadratic) fromJSON+toJSON.
// The repository lives on tmpfs (/dev/shm) when there is one, so that a shared machine's disk does not swamp the
// figures (publishing 100,000 targets creates 300,000 files); give another parent directory to measure a disk.
// Run: npx tsx bench/tuf-sign-verify.ts [10000,100000] [parent directory]
import { createHash, generateKeyPairSync, randomBytes, sign as cryptoSign } from 'node:crypto';
import * as fs from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { Metadata, MetadataKind } from '@tufjs/models';
import { fixedClock } from '../core/clock';
import { generateEphemeralSigner } from '../core/keys/software-signer';
import { importSignature, metadataFromJSON, metadataToJSON, signRequest, tufKeyFromSpki, TufRepository, verifyTufSignature } from '../core/tuf';
import { readMetadata } from '../core/tuf/repo-state';
import { signBytesAs, signedBytes } from '../core/tuf/sign-metadata';

const SIZES = (process.argv[2] ?? '10000,100000').split(',').map(Number);
const PARENT = process.argv[3] ?? (fs.existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
const clock = fixedClock(new Date('2026-01-01T00:00:00Z'));

const now = () => Number(process.hrtime.bigint()) / 1e9;
const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Runs `fn` at least `minRuns` times and for at least `minSeconds`; returns seconds per run. */
async function timePer(fn: () => unknown, minRuns: number, minSeconds: number): Promise<number> {
  let runs = 0;
  const start = now();
  while (runs < minRuns || now() - start < minSeconds) {
    await fn();
    runs++;
  }
  return (now() - start) / runs;
}

async function timeOnce<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const start = now();
  const value = await fn();
  return [value, now() - start];
}

function rawEcdsaSignsPerSecond(seconds = 1.5): number {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const msg = randomBytes(32);
  let n = 0;
  const start = now();
  while (now() - start < seconds) {
    for (let i = 0; i < 100; i++) cryptoSign('sha256', msg, privateKey);
    n += 100;
  }
  return n / (now() - start);
}

function rawSha256MBPerSecond(seconds = 1.5): number {
  const buf = randomBytes(16 * 1024 * 1024);
  let bytes = 0;
  const start = now();
  while (now() - start < seconds) {
    createHash('sha256').update(buf).digest();
    bytes += buf.length;
  }
  return bytes / 1e6 / (now() - start);
}

function* files(n: number): Generator<{ path: string; bytes: Uint8Array }> {
  for (let i = 0; i < n; i++) yield { path: `artifacts/${Math.floor(i / 1000)}/release-${i}.tar.gz`, bytes: Buffer.from(`release ${i}\n`) };
}

interface Row {
  n: number;
  steps: [string, number][];
  canonMB: number;
  canon: number;
  sign: number;
  verify: number;
}

async function runSize(n: number): Promise<Row> {
  const dir = fs.mkdtempSync(path.join(PARENT, 'rs-bench-tuf-'));
  try {
    const offline = generateEphemeralSigner('ecdsa-p256');
    const snapshot = generateEphemeralSigner('ecdsa-p256');
    const timestamp = generateEphemeralSigner('ecdsa-p256');
    const offlineKey = tufKeyFromSpki(await offline.publicKeySpki(), { owner: 'offline' });
    const role = (k: typeof offlineKey) => ({ keys: [k], threshold: 1 });
    const repo = TufRepository.create(dir, {
      clock,
      root: role(offlineKey),
      targets: role(offlineKey),
      snapshot: role(tufKeyFromSpki(await snapshot.publicKeySpki(), { owner: 'snapshot' })),
      timestamp: role(tufKeyFromSpki(await timestamp.publicKeySpki(), { owner: 'timestamp' })),
    });
    const steps: [string, number][] = [];
    const step = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
      const [v, t] = await timeOnce(fn);
      steps.push([name, t]);
      return v;
    };
    await step('addTargets (hash + store bytes, stage)', () => repo.addTargets(files(n)));
    const requests = await step('requestSignatures (canonicalise, diff, write)', () => repo.requestSignatures());
    const targetsReq = requests.find((r) => r.role === 'targets')!;
    const rootReq = requests.find((r) => r.role === 'root')!;
    const targetsSig = await step('signRequest targets (check request, sign, check)', () => signRequest(targetsReq, offline));
    await step('importSignature targets (check, merge, save)', () => importSignature(repo.sessionDir, targetsSig));
    importSignature(repo.sessionDir, await signRequest(rootReq, offline));
    await step(`publish (thresholds, ${fmt(2 * n)} target files, snapshot, timestamp)`, () => repo.publish({ snapshot, timestamp }));

    // Verify the published targets metadata as a verifier would: parse, canonicalise, check the signature.
    const file = path.join(repo.layout.publishedMetadata, '1.targets.json');
    const md = await step('read published 1.targets.json', () => readMetadata(file, MetadataKind.Targets));
    const sig = md.signatures[offlineKey.keyID]!.sig;
    const bytes = signedBytes(md);
    if (!verifyTufSignature(offlineKey, bytes, sig)) throw new Error('published targets signature does not verify');
    const runs = n >= 100_000 ? 3 : 10;
    const canon = await timePer(() => signedBytes(md), runs, 1);
    const sign = await timePer(() => signBytesAs(offlineKey, offline, bytes), runs, 1);
    const verify = await timePer(() => {
      if (!verifyTufSignature(offlineKey, signedBytes(md), sig)) throw new Error('verify failed');
    }, runs, 1);

    // Then the next change on the big repository: one more target, the whole cycle again.
    const [, cycle] = await timeOnce(async () => {
      repo.addTarget('artifacts/late/extra.txt', Buffer.from('one more\n'));
      const [req] = repo.requestSignatures();
      importSignature(repo.sessionDir, await signRequest(req!, offline));
      await repo.publish({ snapshot, timestamp });
    });
    steps.push(['next change: add 1 target, request, sign, import, publish', cycle]);
    return { n, steps, canonMB: bytes.length / 1e6, canon, sign, verify };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function modelsQuadratic(n: number): [number, number] {
  const targets: Record<string, { length: number; hashes: Record<string, string> }> = {};
  for (const f of files(n)) targets[f.path] = { length: f.bytes.length, hashes: { sha256: createHash('sha256').update(f.bytes).digest('hex') } };
  const json = { signatures: [], signed: { _type: 'targets', spec_version: '1.0.31', version: 1, expires: '2030-01-01T00:00:00Z', targets } };
  const start = now();
  Metadata.fromJSON(MetadataKind.Targets, json).toJSON();
  const model = now() - start;
  const start2 = now();
  metadataToJSON(metadataFromJSON(MetadataKind.Targets, json));
  return [model, now() - start2];
}

async function main(): Promise<void> {
  const total = now();
  console.log(`tuf-sign-verify on ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${loadavg()[0]!.toFixed(2)}, repository under ${PARENT}`);
  const signsPerSec = rawEcdsaSignsPerSecond();
  const shaMBs = rawSha256MBPerSecond();
  console.log(`machine: raw ECDSA P-256 sign ${fmt(signsPerSec)}/s (${(1000 / signsPerSec).toFixed(3)} ms each, 32-byte message); raw SHA-256 ${fmt(shaMBs)} MB/s`);

  for (const n of SIZES) {
    const row = await runSize(n);
    console.log('');
    console.log(`${fmt(n)} targets (targets metadata: ${row.canonMB.toFixed(2)} MB canonical JSON)`);
    for (const [name, t] of row.steps) console.log(`  ${name.padEnd(62)} ${ms(t).padStart(11)}`);
    const shaTime = row.canonMB / shaMBs;
    console.log(`  per canonicalisation (signed -> canonical bytes)               ${ms(row.canon).padStart(11)}`);
    console.log(`  per signature (SHA-256 + ECDSA P-256 + verify it)              ${ms(row.sign).padStart(11)}` +
      `   = 2 x SHA-256 of the bytes at the raw rate (${ms(2 * shaTime)}) + raw sign (${(1000 / signsPerSec).toFixed(3)} ms) + ECDSA verify`);
    console.log(`  per verification (canonicalise + SHA-256 + ECDSA verify)       ${ms(row.verify).padStart(11)}`);
  }

  console.log('');
  console.log("@tufjs/models' own Metadata.fromJSON + toJSON (quadratic) beside core/tuf's metadata-codec (linear):");
  for (const n of [1_000, 2_000]) {
    const [model, codec] = modelsQuadratic(n);
    console.log(`  ${fmt(n).padStart(6)} targets: models ${ms(model).padStart(9)}   codec ${ms(codec).padStart(8)}`);
  }
  console.log('');
  console.log(`total ${(now() - total).toFixed(1)} s`);
}

void main();
