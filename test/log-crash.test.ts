// Crash safety of the embedded log: `rootsmith serve --log` is killed with SIGKILL while several clients append;
// after a restart on the same DIR every acknowledged entry (every 201) is at its index, all entries hash to the
// published root, and the new checkpoint is consistent with the last one published before the crash.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { fromBase64, fromHex, fromPem } from '../core/bytes';
import { MemoryTree, verifyConsistency } from '../core/tlog';
import { RekorClient, verifyEntry, type LogInfoWire } from '../app/log-client';
import { signedHashedrekord } from './support/hashedrekord';
import { startServe, type Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-log-crash-');
const running: Served[] = [];
after(async () => {
  for (const s of running) await s.stop();
  tmp.cleanup();
});

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;

const hashedrekord = (artifact: string) => signedHashedrekord(artifact, privateKey, pem);

interface Ack {
  uuid: string;
  logIndex: number;
  body: string;
}

test('every acknowledged entry survives SIGKILL during concurrent appends, and the log stays consistent', async () => {
  const first = await startServe(['--log', '--data', tmp.dir]);
  running.push(first);
  const url = first.urls['log']!;
  const client = new RekorClient(url);
  const acks: Ack[] = [];
  let lastInfo: LogInfoWire = await client.logInfo();
  let killed = false;

  const appender = async (c: number) => {
    for (let i = 0; !killed; i++) {
      try {
        const { uuid, entry } = await client.createEntry(hashedrekord(`client ${c} entry ${i}`));
        acks.push({ uuid, logIndex: entry.logIndex, body: entry.body });
      } catch {
        return; // the server is gone
      }
    }
  };
  const watcher = async () => {
    while (!killed) {
      try {
        const info = await client.logInfo();
        if (!killed) lastInfo = info;
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const work = [...Array.from({ length: 8 }, (_, c) => appender(c)), watcher()];
  while (acks.length < 150) await new Promise((r) => setTimeout(r, 25));
  const exited = new Promise((r) => first.child.once('exit', r));
  killed = true;
  first.child.kill('SIGKILL');
  await exited;
  await Promise.all(work);
  assert.ok(acks.length >= 150);
  assert.ok(lastInfo.treeSize > 0);

  const second = await startServe(['--log', '--data', tmp.dir]);
  running.push(second);
  const client2 = new RekorClient(second.urls['log']!);
  const info = await client2.logInfo();
  const spki = fromPem(await client2.publicKey(), 'PUBLIC KEY');
  assert.ok(info.treeSize >= Math.max(...acks.map((a) => a.logIndex)) + 1, 'the log holds every acknowledged index');
  assert.ok(info.treeSize >= lastInfo.treeSize, 'the log did not shrink below what it published');

  // Every acknowledged entry is at its index with its body, and its proof, SET and checkpoint verify.
  const byIndex = new Map(acks.map((a) => [a.logIndex, a]));
  const tree = new MemoryTree();
  for (let i = 0; i < info.treeSize; i += 10) {
    const indexes = Array.from({ length: Math.min(10, info.treeSize - i) }, (_, k) => i + k);
    const got = await client2.entriesByIndexes(indexes);
    assert.equal(got.length, indexes.length);
    for (const { uuid, entry } of got) {
      tree.append(fromBase64(entry.body));
      const ack = byIndex.get(entry.logIndex);
      if (ack) {
        assert.equal(uuid, ack.uuid);
        assert.equal(entry.body, ack.body);
        assert.equal(verifyEntry(entry, spki).ok, true, `entry ${entry.logIndex} verifies`);
      }
    }
  }
  // The entries hash to the published root, and that tree extends the last one seen before the crash.
  assert.equal(Buffer.from(await tree.rootAt()).toString('hex'), info.rootHash);
  if (lastInfo.treeSize > 0 && lastInfo.treeSize < info.treeSize) {
    const proof = await client2.consistencyProof(lastInfo.treeSize, info.treeSize);
    verifyConsistency(lastInfo.treeSize, info.treeSize, proof.hashes.map((h) => fromHex(h)), fromHex(lastInfo.rootHash), fromHex(info.rootHash));
  } else {
    assert.equal(info.rootHash, lastInfo.rootHash);
  }
  // And it takes new entries after the restart.
  const next = await client2.createEntry(hashedrekord('after the crash'));
  assert.equal(next.entry.logIndex, info.treeSize);
});
