// The side index of the Rekor log on a real TileLog directory: lookups by leaf hash, integrated times, search
// by artifact digest, and recovery after a crash (records missing for logged entries, a torn record).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalize } from '@tufjs/canonical-json';
import { fixedClock } from '../../clock';
import { generateEphemeralSigner } from '../../keys/software-signer';
import { leafHash } from '../hash';
import { TileLog } from '../tile-log';
import { EntryIndex, RECORD_SIZE } from './entry-index';

const signer = generateEphemeralSigner('ecdsa-p256');
const T1 = fixedClock(new Date('2026-01-01T00:00:00Z'));
const T2 = fixedClock(new Date('2026-02-01T00:00:00Z'));

function body(i: number): Uint8Array {
  const digest = i.toString(16).padStart(64, '0');
  return new TextEncoder().encode(
    canonicalize({ apiVersion: '0.0.1', kind: 'hashedrekord', spec: { data: { hash: { algorithm: 'sha256', value: digest } }, signature: { content: 'AA==', publicKey: { content: 'AA==' } } } }),
  );
}

test('lookups, times and search survive reopening; a crash gap is re-indexed and a torn record dropped', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'entries.idx');
  const log = await TileLog.open(join(dir, 'tiles'), { signer, origin: 'o', keyName: 'o', fsync: false });
  const index = await EntryIndex.open(file, log, T1);
  const bodies = Array.from({ length: 3000 }, (_, i) => body(i));
  for (let i = 0; i < 2000; i += 500) {
    const { firstIndex } = await log.appendBatch(bodies.slice(i, i + 500));
    await index.append(firstIndex, bodies.slice(i, i + 500), 1000 + i);
  }
  assert.equal(await index.findLeaf(leafHash(bodies[1234]!)), 1234);
  assert.equal(await index.findLeaf(leafHash(bodies[2500]!)), undefined);
  assert.equal(await index.integratedTime(1234), 2000);
  assert.deepEqual(await index.search((77).toString(16).padStart(64, '0')), [77]);
  await index.close();

  // A crash after the tiles were committed but before the records were written, plus a torn record.
  await log.appendBatch(bodies.slice(2000));
  appendFileSync(file, Buffer.alloc(RECORD_SIZE / 2, 7));
  const reopened = await EntryIndex.open(file, log, T2);
  assert.equal(reopened.size, 3000);
  assert.equal(statSync(file).size, 3000 * RECORD_SIZE);
  assert.equal(await reopened.findLeaf(leafHash(bodies[2999]!)), 2999);
  assert.equal(await reopened.findLeaf(leafHash(bodies[5]!)), 5);
  assert.equal(await reopened.integratedTime(2500), T2.now().getTime() / 1000);
  assert.equal(await reopened.integratedTime(10), 1000);
  await reopened.close();
});
