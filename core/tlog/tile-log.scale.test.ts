// A 100,000-entry tiled log: the exact tile set tlog-tiles describes for 70,000 entries, three tile levels,
// reopen, and proofs that verify against the signed checkpoint. Reports its append rate (no timing assertion).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../bytes';
import { generateEphemeralSigner } from '../keys/software-signer';
import { verifyConsistency } from './consistency-proof';
import { leafHash } from './hash';
import { verifyInclusion } from './inclusion-proof';
import { MemoryTree } from './memory-tree';
import { TileLog } from './tile-log';

const ORIGIN = 'log.rootsmith.test/scale';

function entryOf(i: number): Uint8Array {
  const e = new Uint8Array(64);
  new DataView(e.buffer).setUint32(0, i);
  e.fill(0x5a, 4);
  return e;
}

function countFiles(dir: string): number {
  return readdirSync(dir).reduce((n, name) => {
    const p = join(dir, name);
    return n + (statSync(p).isDirectory() ? countFiles(p) : 1);
  }, 0);
}

test('100,000 entries: tlog-tiles layout, root equal to the reference tree, proofs after reopen', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const signer = generateEphemeralSigner('ed25519');
  const log = await TileLog.open(dir, { signer, origin: ORIGIN });
  const started = process.hrtime.bigint();
  for (let i = 0; i < 70_000; i += 10_000) {
    await log.appendBatch(Array.from({ length: 10_000 }, (_, j) => entryOf(i + j)));
  }
  // tlog-tiles "Partial Tiles": 70,000 entries = 273 full level-0 tiles + one of width 112, one full level-1 tile
  // + one of width 17, and a level-2 tile of width 1.
  assert.equal(countFiles(join(dir, 'tile/0')), 273 + 7); // full tiles + the partial written by each of the 7 batches
  for (const p of ['tile/0/272', 'tile/0/273.p/112', 'tile/1/000', 'tile/1/001.p/17', 'tile/2/000.p/1', 'tile/entries/272', 'tile/entries/273.p/112']) {
    assert.ok(existsSync(join(dir, p)), p);
  }
  assert.ok(!existsSync(join(dir, 'tile/0/273')) && !existsSync(join(dir, 'tile/1/001')) && !existsSync(join(dir, 'tile/3')));
  const at70k = log.checkpoint().checkpoint;

  for (let i = 70_000; i < 100_000; i += 10_000) {
    await log.appendBatch(Array.from({ length: 10_000 }, (_, j) => entryOf(i + j)));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  t.diagnostic(`appended 100,000 entries in ${seconds.toFixed(2)} s (${Math.round(100_000 / seconds)} entries/s, batches of 10,000, fsync on)`);

  const ref = new MemoryTree();
  for (let i = 0; i < 100_000; i++) ref.append(entryOf(i));
  const cp = log.checkpoint().checkpoint;
  assert.equal(cp.size, 100_000);
  assert.equal(toHex(cp.rootHash), toHex(await ref.rootAt()));

  const reopened = await TileLog.open(dir, { signer, origin: ORIGIN });
  assert.equal(toHex(await reopened.rootAt(70_000)), toHex(at70k.rootHash));
  for (const index of [0, 65_535, 65_536, 69_999, 99_999]) {
    const proof = await reopened.inclusionProof(index);
    assert.deepEqual(proof.map(toHex), (await ref.inclusionProof(index)).map(toHex));
    verifyInclusion(leafHash(entryOf(index)), index, 100_000, proof, cp.rootHash);
    assert.equal(toHex(await reopened.entry(index)), toHex(entryOf(index)));
  }
  verifyConsistency(70_000, 100_000, await reopened.consistencyProof(70_000), at70k.rootHash, cp.rootHash);
  verifyConsistency(12_345, 100_000, await reopened.consistencyProof(12_345), await ref.rootAt(12_345), cp.rootHash);
});
