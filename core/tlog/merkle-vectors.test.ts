// Every RFC 6962 proof vector of transparency-dev/merkle (fixtures/merkle) through our verifiers, and our
// generator reproducing the happy-path proofs from the reference tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fromBase64, fromHex, toBase64 } from '../bytes';
import { verifyConsistency } from './consistency-proof';
import { verifyInclusion } from './inclusion-proof';
import { MemoryTree } from './memory-tree';
import { TlogError } from './errors';
import { fixturesDir } from '../testing/fixtures';

const FIXTURES = fixturesDir('merkle');
// The RFC 6962 test inputs of the reference tree (fixtures README).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? jsonFiles(p) : name.endsWith('.json') ? [p] : [];
  });
}

interface InclusionCase { leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null; desc: string; wantErr: boolean }
interface ConsistencyCase { size1: number; size2: number; root1: string; root2: string; proof: string[] | null; desc: string; wantErr: boolean }

function referenceTree(): MemoryTree {
  const tree = new MemoryTree();
  for (const hex of LEAVES) tree.append(fromHex(hex));
  return tree;
}

test('the reference tree has the root the fixtures README gives at size 8', async () => {
  assert.equal(toBase64(await referenceTree().rootAt(8)), 'XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=');
});

test('every inclusion vector: verifies exactly when wantErr is false', async () => {
  const files = jsonFiles(join(FIXTURES, 'inclusion'));
  assert.ok(files.length === 98, `expected the whole vector set, found ${files.length}`);
  const tree = referenceTree();
  let compared = 0;
  for (const file of files) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as InclusionCase;
    const name = relative(FIXTURES, file);
    const run = () => verifyInclusion(fromBase64(c.leafHash), c.leafIdx, c.treeSize, (c.proof ?? []).map(fromBase64), fromBase64(c.root));
    if (c.wantErr) {
      assert.throws(run, (e: unknown) => e instanceof TlogError, name);
    } else {
      assert.doesNotThrow(run, name);
      if (c.treeSize <= tree.size && toBase64(await tree.rootAt(c.treeSize)) === c.root) {
        compared++;
        const ours = (await tree.inclusionProof(c.leafIdx, c.treeSize)).map(toBase64);
        assert.deepEqual(ours, c.proof ?? [], `generated proof for ${name}`);
      }
    }
  }
  assert.ok(compared >= 5, `our generator reproduced only ${compared} happy-path proofs`);
});

test('every consistency vector: verifies exactly when wantErr is false', async () => {
  const files = jsonFiles(join(FIXTURES, 'consistency'));
  assert.ok(files.length === 98, `expected the whole vector set, found ${files.length}`);
  const tree = referenceTree();
  let compared = 0;
  for (const file of files) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as ConsistencyCase;
    const name = relative(FIXTURES, file);
    const run = () => verifyConsistency(c.size1, c.size2, (c.proof ?? []).map(fromBase64), fromBase64(c.root1), fromBase64(c.root2));
    if (c.wantErr) {
      assert.throws(run, (e: unknown) => e instanceof TlogError, name);
    } else {
      assert.doesNotThrow(run, name);
      if (c.size2 <= tree.size && toBase64(await tree.rootAt(c.size2)) === c.root2) {
        compared++;
        const ours = (await tree.consistencyProof(c.size1, c.size2)).map(toBase64);
        assert.deepEqual(ours, c.proof ?? [], `generated proof for ${name}`);
      }
    }
  }
  assert.ok(compared >= 5, `our generator reproduced only ${compared} happy-path proofs`);
});
