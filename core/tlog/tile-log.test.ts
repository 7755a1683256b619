// The tiled log on a real directory: tlog-tiles layout, reopen, crash recovery, tamper detection, and proofs
// read from tiles equal to those of the in-memory reference tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { toHex } from '../bytes';
import { generateEphemeralSigner } from '../keys/software-signer';
import type { Signer } from '../keys/signer';
import { verifyConsistency } from './consistency-proof';
import { TlogError } from './errors';
import { leafHash } from './hash';
import { verifyInclusion } from './inclusion-proof';
import { MemoryTree } from './memory-tree';
import { createNoteVerifier } from './note-keys';
import { openCheckpoint } from './signed-checkpoint';
import { TileLog } from './tile-log';

const ORIGIN = 'log.rootsmith.test/tiles';
const code = (c: string) => (e: unknown) => e instanceof TlogError && e.code === c;
const entry = (i: number, salt = '') => new TextEncoder().encode(`entry ${i}${salt}`);
const signer: Signer = generateEphemeralSigner('ed25519');

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function appendRange(log: TileLog, from: number, to: number, batch: number, salt = ''): Promise<void> {
  for (let i = from; i < to; i += batch) {
    const entries = Array.from({ length: Math.min(batch, to - i) }, (_, j) => entry(i + j, salt));
    const { firstIndex } = await log.appendBatch(entries);
    assert.equal(firstIndex, i);
  }
}

test('a new log has a signed size-0 checkpoint on disk', async (t) => {
  const dir = tempDir(t);
  const log = await TileLog.open(dir, { signer, origin: ORIGIN });
  assert.equal(log.size, 0);
  const onDisk = readFileSync(join(dir, 'checkpoint'), 'utf8');
  assert.equal(onDisk, log.checkpoint().envelope);
  const opened = openCheckpoint(onDisk, [createNoteVerifier(ORIGIN, await signer.publicKeySpki())], ORIGIN);
  assert.equal(opened.checkpoint.size, 0);
  assert.equal(toHex(opened.checkpoint.rootHash), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test('proofs and roots from tiles equal the in-memory tree for many sizes (property)', async (t) => {
  const dir = tempDir(t);
  const log = await TileLog.open(dir, { signer, origin: ORIGIN });
  const ref = new MemoryTree();
  // Batches of uneven sizes, so tiles fill up across batch boundaries.
  const batches = [1, 2, 253, 1, 300, 17, 256, 511, 3, 700];
  let n = 0;
  for (const b of batches) {
    const entries = Array.from({ length: b }, (_, j) => entry(n + j));
    for (const e of entries) ref.append(e);
    const { checkpoint } = await log.appendBatch(entries);
    n += b;
    assert.equal(checkpoint.checkpoint.size, n);
    assert.equal(toHex(checkpoint.checkpoint.rootHash), toHex(await ref.rootAt()));
  }
  const sizeAndIndex = fc.integer({ min: 1, max: n }).chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: 0, max: s - 1 })));
  await fc.assert(
    fc.asyncProperty(sizeAndIndex, fc.integer({ min: 1, max: n }), async ([size, index], other) => {
      assert.equal(toHex(await log.rootAt(size)), toHex(await ref.rootAt(size)));
      assert.deepEqual((await log.inclusionProof(index, size)).map(toHex), (await ref.inclusionProof(index, size)).map(toHex));
      const [m, k] = other <= size ? [other, size] : [size, other];
      assert.deepEqual((await log.consistencyProof(m, k)).map(toHex), (await ref.consistencyProof(m, k)).map(toHex));
      assert.equal(toHex(await log.entry(index)), toHex(entry(index)));
      assert.equal(toHex(await log.leafHash(index)), toHex(leafHash(entry(index))));
    }),
    { numRuns: 150 },
  );
  await assert.rejects(log.entry(n), code('INDEX_OUT_OF_RANGE'));
  await assert.rejects(log.inclusionProof(0, n + 1), code('SIZE_INVALID'));
});

test('reopening gives the same checkpoint, root, entries and proofs', async (t) => {
  const dir = tempDir(t);
  const log = await TileLog.open(dir, { signer, origin: ORIGIN });
  await appendRange(log, 0, 1000, 137);
  const before = log.checkpoint();
  const proof = await log.inclusionProof(600);
  const again = await TileLog.open(dir, { signer, origin: ORIGIN });
  assert.equal(again.size, 1000);
  assert.equal(again.checkpoint().envelope, before.envelope);
  assert.equal(toHex(await again.rootAt()), toHex(before.checkpoint.rootHash));
  assert.deepEqual((await again.inclusionProof(600)).map(toHex), proof.map(toHex));
  assert.equal(toHex(await again.entry(999)), toHex(entry(999)));
  // And it continues where it stopped.
  await appendRange(again, 1000, 1300, 100);
  verifyConsistency(1000, 1300, await again.consistencyProof(1000), before.checkpoint.rootHash, again.checkpoint().checkpoint.rootHash);
});

test('a crash after the tiles but before the checkpoint loses nothing acknowledged and the log continues consistently', async (t) => {
  const dir = tempDir(t);
  const log = await TileLog.open(dir, { signer, origin: ORIGIN });
  await appendRange(log, 0, 700, 350);
  const acknowledged = log.checkpoint();
  const checkpointFile = readFileSync(join(dir, 'checkpoint'));
  // The next batch writes its bundles and tiles (crossing tile boundaries) ...
  await appendRange(log, 700, 1100, 400, ' (lost)');
  assert.ok(existsSync(join(dir, 'tile/0/003')), 'the crashed batch wrote a full tile');
  // ... and the process dies before the new checkpoint is in place: the old checkpoint is what is on disk.
  writeFileSync(join(dir, 'checkpoint'), checkpointFile);
  // A torn temporary write beyond the checkpoint, too.
  writeFileSync(join(dir, 'tile/0/002.p/250'), new Uint8Array(17));
  writeFileSync(join(dir, 'checkpoint.tmp-0123456789ab'), 'torn');

  const reopened = await TileLog.open(dir, { signer, origin: ORIGIN });
  assert.equal(reopened.size, 700);
  assert.equal(reopened.checkpoint().envelope, acknowledged.envelope);
  assert.ok(!existsSync(join(dir, 'tile/0/003')), 'tiles beyond the checkpoint are discarded');
  assert.ok(!existsSync(join(dir, 'tile/0/002.p/250')) && !existsSync(join(dir, 'checkpoint.tmp-0123456789ab')));
  assert.ok(existsSync(join(dir, 'tile/0/002.p/188')), 'the partial tile of the acknowledged checkpoint stays');
  for (const i of [0, 255, 256, 699]) assert.equal(toHex(await reopened.entry(i)), toHex(entry(i)));

  // Different entries take the lost indexes; everything stays consistent with what was acknowledged.
  await appendRange(reopened, 700, 900, 200, ' (new)');
  const now = reopened.checkpoint().checkpoint;
  verifyConsistency(700, 900, await reopened.consistencyProof(700), acknowledged.checkpoint.rootHash, now.rootHash);
  assert.equal(toHex(await reopened.entry(800)), toHex(entry(800, ' (new)')));
  const ref = new MemoryTree();
  for (let i = 0; i < 900; i++) ref.append(i < 700 ? entry(i) : entry(i, ' (new)'));
  assert.equal(toHex(now.rootHash), toHex(await ref.rootAt()));
  verifyInclusion(leafHash(entry(850, ' (new)')), 850, 900, await reopened.inclusionProof(850), now.rootHash);

  // And once more after a reopen, now that tile 3 is full again with the new entries.
  await appendRange(reopened, 900, 1100, 200, ' (new)');
  const last = await TileLog.open(dir, { signer, origin: ORIGIN });
  assert.equal(toHex(await last.entry(1000)), toHex(entry(1000, ' (new)')));
  verifyConsistency(700, 1100, await last.consistencyProof(700), acknowledged.checkpoint.rootHash, last.checkpoint().checkpoint.rootHash);
});

test('damaged storage, another key or another origin are refused on open', async (t) => {
  const dir = tempDir(t);
  const log = await TileLog.open(dir, { signer, origin: ORIGIN });
  await appendRange(log, 0, 300, 300);
  await assert.rejects(TileLog.open(dir, { signer: generateEphemeralSigner('ed25519'), origin: ORIGIN }), code('KEY_UNKNOWN'));
  await assert.rejects(TileLog.open(dir, { signer, origin: 'another.log' }), code('ORIGIN_MISMATCH'));
  const partial = join(dir, 'tile/0/001.p/44');
  const good = readFileSync(partial);
  const bad = Buffer.from(good);
  bad[5]! ^= 1;
  writeFileSync(partial, bad);
  await assert.rejects(TileLog.open(dir, { signer, origin: ORIGIN }), code('STORAGE_CORRUPT'));
  rmSync(partial);
  await assert.rejects(TileLog.open(dir, { signer, origin: ORIGIN }), code('STORAGE_CORRUPT'));
  writeFileSync(partial, good);
  assert.equal((await TileLog.open(dir, { signer, origin: ORIGIN })).size, 300);
});

test('an entry too large for a bundle is refused and nothing is written', async (t) => {
  const dir = tempDir(t);
  const log = await TileLog.open(dir, { signer, origin: ORIGIN });
  await assert.rejects(log.appendBatch([entry(0), new Uint8Array(65536)]), code('ENTRY_INVALID'));
  assert.equal(log.size, 0);
  assert.equal((await log.appendBatch([new Uint8Array(65535)])).firstIndex, 0);
  assert.equal((await log.entry(0)).byteLength, 65535);
});

test('concurrent appendBatch calls are integrated one after another, in call order', async (t) => {
  const dir = tempDir(t);
  const log = await TileLog.open(dir, { signer: generateEphemeralSigner('ecdsa-p256'), origin: ORIGIN });
  const results = await Promise.all([0, 1, 2, 3].map((b) => log.appendBatch(Array.from({ length: 100 }, (_, j) => entry(b * 100 + j)))));
  assert.deepEqual(results.map((r) => r.firstIndex), [0, 100, 200, 300]);
  assert.deepEqual(results.map((r) => r.checkpoint.checkpoint.size), [100, 200, 300, 400]);
  // An empty batch between others changes nothing and answers with the checkpoint of the batches before it.
  const [a, empty, b] = await Promise.all([log.appendBatch([entry(400)]), log.appendBatch([]), log.appendBatch([entry(401)])]);
  assert.deepEqual([a.firstIndex, empty.firstIndex, b.firstIndex], [400, 401, 401]);
  assert.equal(empty.checkpoint.envelope, a.checkpoint.envelope);
  assert.equal(toHex(await log.entry(333)), toHex(entry(333)));
});

test('every tile file holds exactly the hashes tlog-tiles defines, every bundle the entries in order', async (t) => {
  const dir = tempDir(t);
  const log = await TileLog.open(dir, { signer, origin: ORIGIN });
  const ref = new MemoryTree();
  for (const [from, to] of [[0, 5], [5, 600], [600, 1300]] as const) {
    const entries = Array.from({ length: to - from }, (_, j) => entry(from + j));
    entries.forEach((e) => ref.append(e));
    await log.appendBatch(entries);
  }
  // Walk tile/, decode each path, and compare with MTH(D[(n*256+i)*256^l : (n*256+i+1)*256^l]) (tlog-tiles "Merkle Tree").
  const decodeIndex = (parts: string[]) => Number(parts.map((p) => p.replace(/^x/, '')).join(''));
  let tiles = 0;
  let bundles = 0;
  const walk = async (rel: string): Promise<void> => {
    for (const name of readdirSync(join(dir, rel))) {
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(join(dir, path)).isDirectory()) {
        await walk(path);
        continue;
      }
      const m = /^tile\/(\d+|entries)\/((?:x\d{3}\/)*\d{3})(?:\.p\/(\d+))?$/.exec(path);
      assert.ok(m, `unexpected file ${path}`);
      const index = decodeIndex(m[2]!.split('/'));
      const width = m[3] ? Number(m[3]) : 256;
      const data = readFileSync(join(dir, path));
      if (m[1] === 'entries') {
        bundles++;
        let at = 0;
        for (let i = 0; i < width; i++) {
          const len = data.readUInt16BE(at);
          assert.equal(toHex(data.subarray(at + 2, at + 2 + len)), toHex(entry(index * 256 + i)), `${path} entry ${i}`);
          at += 2 + len;
        }
        assert.equal(at, data.length, path);
      } else {
        tiles++;
        const level = Number(m[1]);
        assert.equal(data.length, width * 32, path);
        for (let i = 0; i < width; i++) {
          const want = await ref.hash(8 * level, index * 256 + i);
          assert.equal(toHex(data.subarray(i * 32, (i + 1) * 32)), toHex(want), `${path} hash ${i}`);
        }
      }
    }
  };
  await walk('tile');
  // 1300 = 5 full level-0 tiles + partials written at sizes 5, 600 and 1300; level 1 partials at 600 (w 2) and 1300 (w 5).
  assert.equal(tiles, 5 + 3 + 2);
  assert.equal(bundles, 5 + 3);
});

test('a crash that left a later tile without an earlier one (writes run concurrently) is cleaned up past the gap', async (t) => {
  const dir = tempDir(t);
  const log = await TileLog.open(dir, { signer, origin: ORIGIN });
  await appendRange(log, 0, 300, 300);
  const checkpointFile = readFileSync(join(dir, 'checkpoint'));
  // A batch to 1,300 writes tiles 1..4 and bundles 1..4 at once; the crash came before tile 2 and bundle 3 were renamed.
  await appendRange(log, 300, 1300, 1000, ' (lost)');
  writeFileSync(join(dir, 'checkpoint'), checkpointFile);
  rmSync(join(dir, 'tile/0/002'));
  rmSync(join(dir, 'tile/entries/003'));
  writeFileSync(join(dir, 'tile/0/002.tmp-0123abcd'), 'torn');
  const reopened = await TileLog.open(dir, { signer, origin: ORIGIN });
  assert.equal(reopened.size, 300);
  for (const p of ['tile/0/001', 'tile/0/002.tmp-0123abcd', 'tile/0/003', 'tile/0/004', 'tile/0/005.p/20', 'tile/entries/004', 'tile/entries/005.p/20', 'tile/1/000.p/5']) {
    assert.ok(!existsSync(join(dir, p)), `${p} is beyond the checkpoint and removed`);
  }
  assert.ok(existsSync(join(dir, 'tile/0/001.p/44')) && existsSync(join(dir, 'tile/1/000.p/1')), 'the acknowledged partial tiles stay');
  await appendRange(reopened, 300, 1300, 500);
  const ref = new MemoryTree();
  for (let i = 0; i < 1300; i++) ref.append(entry(i));
  assert.equal(toHex(reopened.checkpoint().checkpoint.rootHash), toHex(await ref.rootAt()));
});

test('a batch is copied when appendBatch is called: the caller may reuse its buffers at once', async (t) => {
  const dir = tempDir(t);
  const log = await TileLog.open(dir, { signer, origin: ORIGIN });
  const buffers = Array.from({ length: 600 }, (_, i) => entry(i));
  const first = log.appendBatch(buffers);
  const second = log.appendBatch(buffers.slice(0, 10));
  for (const b of buffers) b.fill(0x21);
  await Promise.all([first, second]);
  const ref = new MemoryTree();
  for (let i = 0; i < 610; i++) ref.append(entry(i % 600));
  assert.equal(toHex(log.checkpoint().checkpoint.rootHash), toHex(await ref.rootAt()));
  assert.equal(toHex(await log.entry(599)), toHex(entry(599)));
  assert.equal(toHex(await (await TileLog.open(dir, { signer, origin: ORIGIN })).entry(605)), toHex(entry(5)));
});
