// The renderer's pure-JS proof checker (renderer/log/proof-check.ts) against every transparency-dev Merkle vector
// and against proofs of a real TileLog. The module is bundled for the browser platform (test/support/renderer-module),
// which also proves it needs no Node API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixturesDir } from '../core/testing/fixtures';
import { leafHash, TileLog } from '../core/tlog';
import { generateEphemeralSigner } from '../core/keys/software-signer';
import { loadRendererModule } from './support/renderer-module';
import { makeTempDir } from './support/temp-dir';

interface InclusionCheck { ok: boolean; steps: { side: 'left' | 'right'; siblingHex: string; parentHex: string }[]; computedRootHex?: string; problem?: string }
interface ConsistencyCheck { ok: boolean; computedOldRootHex?: string; computedNewRootHex?: string; problem?: string }
interface ProofCheck {
  leafHashHex(entry: Uint8Array): string;
  checkInclusion(i: { leafHashHex: string; index: number; treeSize: number; proofHex: readonly string[]; rootHex: string }): InclusionCheck;
  checkConsistency(i: { oldSize: number; newSize: number; proofHex: readonly string[]; oldRootHex: string; newRootHex: string }): ConsistencyCheck;
}

const tmp = makeTempDir('rs-proofcheck-');
let check: ProofCheck;

before(() => {
  check = loadRendererModule<ProofCheck>('log/proof-check.ts');
});
after(() => tmp.cleanup());

const hex = (b64: string): string => Buffer.from(b64, 'base64').toString('hex');

function vectors<T>(kind: string): { name: string; c: T }[] {
  const dir = fixturesDir('merkle', kind);
  const walk = (d: string): string[] => fs.readdirSync(d).flatMap((n) => (fs.statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : n.endsWith('.json') ? [path.join(d, n)] : []));
  return walk(dir).map((f) => ({ name: path.relative(dir, f), c: JSON.parse(fs.readFileSync(f, 'utf8')) as T }));
}

test('every inclusion vector: the renderer accepts exactly the valid proofs', () => {
  const all = vectors<{ leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null; wantErr: boolean }>('inclusion');
  assert.equal(all.length, 98);
  for (const { name, c } of all) {
    const r = check.checkInclusion({ leafHashHex: hex(c.leafHash), index: c.leafIdx, treeSize: c.treeSize, proofHex: (c.proof ?? []).map(hex), rootHex: hex(c.root) });
    assert.equal(r.ok, !c.wantErr, `${name}: ${r.problem ?? 'ok'}`);
    if (r.ok) assert.equal(r.computedRootHex, hex(c.root), name);
    else assert.ok(r.problem && r.problem.length > 10, `${name} says why it failed`);
  }
});

test('every consistency vector: the renderer accepts exactly the valid proofs', () => {
  const all = vectors<{ size1: number; size2: number; root1: string; root2: string; proof: string[] | null; wantErr: boolean }>('consistency');
  assert.equal(all.length, 98);
  for (const { name, c } of all) {
    const r = check.checkConsistency({ oldSize: c.size1, newSize: c.size2, proofHex: (c.proof ?? []).map(hex), oldRootHex: hex(c.root1), newRootHex: hex(c.root2) });
    assert.equal(r.ok, !c.wantErr, `${name}: ${r.problem ?? 'ok'}`);
  }
});

test('proofs from a real TileLog check out step by step, and a flipped bit is caught', async () => {
  const log = await TileLog.open(path.join(tmp.dir, 'log'), { signer: generateEphemeralSigner('ed25519'), origin: 'rootsmith.test/proof-check', fsync: false });
  const entries = Array.from({ length: 1000 }, (_, i) => new TextEncoder().encode(`entry ${i}`));
  await log.appendBatch(entries.slice(0, 300));
  const oldRoot = Buffer.from(await log.rootAt(300)).toString('hex');
  await log.appendBatch(entries.slice(300));
  const root = Buffer.from(await log.rootAt()).toString('hex');
  for (const index of [0, 1, 255, 256, 299, 777, 999]) {
    const leafHex = check.leafHashHex(entries[index]!);
    assert.equal(leafHex, Buffer.from(leafHash(entries[index]!)).toString('hex'), 'the renderer hashes leaves as RFC 6962 does');
    const proofHex = (await log.inclusionProof(index)).map((h) => Buffer.from(h).toString('hex'));
    const r = check.checkInclusion({ leafHashHex: leafHex, index, treeSize: 1000, proofHex, rootHex: root });
    assert.ok(r.ok, `leaf ${index}: ${r.problem}`);
    assert.equal(r.steps.length, proofHex.length, 'one drawn step per proof hash');
    assert.equal(r.steps.at(-1)!.parentHex, root, 'the last computed parent is the root');
    const bad = [...proofHex];
    bad[0] = bad[0]!.replace(/^./, (ch) => (ch === '0' ? '1' : '0'));
    const broken = check.checkInclusion({ leafHashHex: leafHex, index, treeSize: 1000, proofHex: bad, rootHex: root });
    assert.equal(broken.ok, false);
    assert.match(broken.problem!, /different root/);
  }
  const cproof = (await log.consistencyProof(300, 1000)).map((h) => Buffer.from(h).toString('hex'));
  const c = check.checkConsistency({ oldSize: 300, newSize: 1000, proofHex: cproof, oldRootHex: oldRoot, newRootHex: root });
  assert.ok(c.ok, c.problem);
  assert.equal(check.checkConsistency({ oldSize: 300, newSize: 1000, proofHex: cproof, oldRootHex: root, newRootHex: root }).ok, false);
});
