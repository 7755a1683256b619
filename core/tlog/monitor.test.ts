// The monitor's verdicts on real signed checkpoints over real trees: growth with a good proof is consistent,
// a shrink is a rollback, another tree of the same size or a proof that does not connect is a split view,
// and a checkpoint signed by another key is invalid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateEphemeralSigner } from '../keys/software-signer';
import { MemoryTree } from './memory-tree';
import { isAlarm, judgeCheckpoint, trustCheckpoint } from './monitor';
import { createNoteSigner } from './note-keys';
import { signCheckpoint } from './signed-checkpoint';

const ORIGIN = '127.0.0.1 - 7';
const key = generateEphemeralSigner('ecdsa-p256');

async function tree(n: number, salt = ''): Promise<MemoryTree> {
  const t = new MemoryTree();
  for (let i = 0; i < n; i++) t.append(new TextEncoder().encode(`e${i}${i >= 3 ? salt : ''}`));
  return t;
}

async function note(t: MemoryTree, signer = key): Promise<string> {
  const ns = await createNoteSigner('127.0.0.1', signer);
  return (await signCheckpoint({ origin: ORIGIN, size: t.size, rootHash: await t.rootAt(), extensions: [] }, [ns])).envelope;
}

test('growth with a good consistency proof is consistent; the same checkpoint is unchanged', async () => {
  const ns = await createNoteSigner('127.0.0.1', key);
  const small = await tree(5);
  const big = await tree(9);
  const prev = trustCheckpoint(await note(small), [ns.verifier]);
  const v = judgeCheckpoint(prev, await note(big), [ns.verifier], await big.consistencyProof(5, 9));
  assert.equal(v.status, 'consistent');
  assert.equal(isAlarm(v), false);
  assert.equal(judgeCheckpoint(prev, await note(small), [ns.verifier], undefined).status, 'unchanged');
});

test('a shrink is a rollback, a forked tree is a split view, a foreign signature is invalid', async () => {
  const ns = await createNoteSigner('127.0.0.1', key);
  const main = await tree(8);
  const prev = trustCheckpoint(await note(main), [ns.verifier]);
  const rollback = judgeCheckpoint(prev, await note(await tree(6)), [ns.verifier], undefined);
  assert.equal(rollback.status, 'rollback');
  assert.ok(isAlarm(rollback));

  const sameSizeFork = judgeCheckpoint(prev, await note(await tree(8, 'x')), [ns.verifier], undefined);
  assert.equal(sameSizeFork.status, 'split-view');
  if (sameSizeFork.status === 'split-view') assert.equal(sameSizeFork.reason, 'different-root');

  const forkBig = await tree(12, 'x');
  const grownFork = judgeCheckpoint(prev, await note(forkBig), [ns.verifier], await forkBig.consistencyProof(8, 12));
  assert.equal(grownFork.status, 'split-view');
  if (grownFork.status === 'split-view') assert.equal(grownFork.reason, 'inconsistent-proof');

  const foreign = judgeCheckpoint(prev, await note(await tree(9), generateEphemeralSigner('ecdsa-p256')), [ns.verifier], undefined);
  assert.equal(foreign.status, 'invalid-checkpoint');
});
