// The Batcher over a real TileLog: concurrent adds become few batches, each caller gets its own index, and
// only after the checkpoint covering it is on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../bytes';
import { generateEphemeralSigner } from '../keys/software-signer';
import { Batcher } from './batcher';
import { parseCheckpoint } from './checkpoint';
import { TlogError } from './errors';
import { parseSignedNote } from './signed-note';
import { TileLog } from './tile-log';

const ORIGIN = 'log.rootsmith.test/batched';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const sizeOnDisk = (dir: string) => parseCheckpoint(parseSignedNote(readFileSync(join(dir, 'checkpoint'), 'utf8')).text).size;

test('1000 concurrent adds: distinct indexes, entries where they were put, durable before each resolves', async (t) => {
  const dir = tempDir(t);
  const log = await TileLog.open(dir, { signer: generateEphemeralSigner('ecdsa-p256'), origin: ORIGIN });
  const batcher = new Batcher(log, { maxEntries: 100, maxDelayMs: 5 });
  const entries = Array.from({ length: 1000 }, (_, i) => new TextEncoder().encode(`concurrent ${i}`));
  const checkpointSizes = new Set<number>();
  const results = await Promise.all(
    entries.map((e) =>
      batcher.add(e).then((added) => {
        // At the moment a caller is answered, the checkpoint on disk already covers its entry.
        assert.ok(sizeOnDisk(dir) > added.index);
        assert.ok(added.checkpoint.checkpoint.size > added.index);
        checkpointSizes.add(added.checkpoint.checkpoint.size);
        return added.index;
      }),
    ),
  );
  assert.deepEqual([...results].sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i));
  assert.ok(checkpointSizes.size <= 10, `1000 adds in batches of 100 made ${checkpointSizes.size} checkpoints`);
  for (const i of [0, 99, 100, 555, 999]) assert.equal(toHex(await log.entry(results[i]!)), toHex(entries[i]!));
  await batcher.close();
  await assert.rejects(batcher.add(entries[0]!), (e: unknown) => e instanceof TlogError);
});

test('a few adds are integrated after the delay as one batch; a bad entry fails alone', async (t) => {
  const dir = tempDir(t);
  const log = await TileLog.open(dir, { signer: generateEphemeralSigner('ed25519'), origin: ORIGIN });
  const batcher = new Batcher(log, { maxEntries: 1000, maxDelayMs: 10 });
  await assert.rejects(batcher.add(new Uint8Array(70000)), (e: unknown) => e instanceof TlogError && e.code === 'ENTRY_INVALID');
  const added = await Promise.all([1, 2, 3].map((i) => batcher.add(new Uint8Array([i]))));
  assert.deepEqual(added.map((a) => a.index), [0, 1, 2]);
  assert.deepEqual(added.map((a) => a.checkpoint.checkpoint.size), [3, 3, 3]);
  await batcher.close();
});
