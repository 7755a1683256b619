// Thresholds that could never be met, keys given twice, online roles above threshold 1 and P-384 keys are refused
// by the repository at create, key add/remove, threshold and delegate time, before anything is staged; a root or
// targets key that is also an online key is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Key } from '@tufjs/models';
import { fixedClock } from '../clock';
import { generateEphemeralSigner } from '../keys/software-signer';
import type { Signer } from '../keys/signer';
import { tufKeyFromSpki, TufRepository, type CreateRepositoryOptions } from './index';
import { distinctKeyCount, sharedOnlineKeyWarnings } from './role-key-policy';

const clock = fixedClock(new Date('2030-01-01T00:00:00Z'));

/** `code` and every fragment of the message, so a test states what the user reads. */
const refused = (code: string, ...fragments: RegExp[]) => (e: Error & { code?: string }) => {
  assert.equal(e.code, code, e.message);
  for (const f of fragments) assert.match(e.message, f);
  return true;
};

const keyOf = async (signer: Signer, owner?: string): Promise<Key> => tufKeyFromSpki(await signer.publicKeySpki(), owner ? { owner } : {});

async function keys() {
  const [a, b, c, online, p384] = [
    generateEphemeralSigner('ecdsa-p256'),
    generateEphemeralSigner('ed25519'),
    generateEphemeralSigner('ecdsa-p256'),
    generateEphemeralSigner('ecdsa-p256'),
    generateEphemeralSigner('ecdsa-p384'),
  ];
  return {
    a: await keyOf(a, 'alice'),
    aAsBob: await keyOf(a, 'bob'),
    b: await keyOf(b, 'bob'),
    c: await keyOf(c, 'carol'),
    online: await keyOf(online),
    p384: await keyOf(p384, 'hsm-p384'),
  };
}

function tempDir(): { dir: string; cleanup(): void } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  return { dir: path.join(base, 'repo'), cleanup: () => fs.rmSync(base, { recursive: true, force: true }) };
}

test('create refuses unreachable thresholds, repeated keys, online thresholds above 1 and P-384 keys, and writes nothing', async () => {
  const k = await keys();
  const t = tempDir();
  try {
    const base = (): CreateRepositoryOptions => ({
      clock,
      root: { keys: [k.a, k.b], threshold: 2 },
      targets: { keys: [k.c], threshold: 1 },
      snapshot: { keys: [k.online], threshold: 1 },
      timestamp: { keys: [k.online], threshold: 1 },
    });
    const cases: [string, (o: CreateRepositoryOptions) => void, ReturnType<typeof refused>][] = [
      ['root 3 of 2 distinct keys', (o) => (o.root.threshold = 3), refused('THRESHOLD_UNREACHABLE', /root would need 3 signatures but would have only 2 distinct keys/, /lower its threshold to at most 2/)],
      ['the same key file twice', (o) => (o.root.keys = [k.a, k.a]), refused('KEY_DUPLICATE', /root was given the same public key twice \(alice\)/)],
      ['one key under two owners', (o) => (o.root.keys = [k.a, k.aAsBob]), refused('KEY_DUPLICATE', /root was given the same public key twice \(alice and bob\)/)],
      ['targets 2 of 1', (o) => (o.targets.threshold = 2), refused('THRESHOLD_UNREACHABLE', /targets would need 2 signatures but would have only 1 distinct key,/)],
      ['snapshot 2 of 2', (o) => (o.snapshot = { keys: [k.online, k.c], threshold: 2 }), refused('THRESHOLD_UNREACHABLE', /snapshot is an online role: .* one online key, so its threshold must stay 1 \(asked for 2\)/)],
      ['timestamp without a key', (o) => (o.timestamp = { keys: [], threshold: 1 }), refused('THRESHOLD_UNREACHABLE', /timestamp would need 1 signature but would have only 0 distinct keys.*Give timestamp a key first/)],
      ['a P-384 targets key', (o) => (o.targets.keys = [k.p384]), refused('KEY_UNSUPPORTED', /targets: key hsm-p384 is ECDSA P-384, which tuf-js clients .* cannot verify/, /P-256 or Ed25519/)],
    ];
    for (const [name, edit, check] of cases) {
      const o = base();
      edit(o);
      assert.throws(() => TufRepository.create(t.dir, o), check, name);
      assert.equal(fs.existsSync(t.dir), false, `${name}: nothing written`);
    }
    TufRepository.create(t.dir, base());
  } finally {
    t.cleanup();
  }
});

test('threshold, key remove and key add are refused when the role could no longer be signed; nothing is staged', async () => {
  const k = await keys();
  const t = tempDir();
  try {
    const repo = TufRepository.create(t.dir, {
      clock,
      root: { keys: [k.a, k.b, k.c], threshold: 2 },
      targets: { keys: [k.c], threshold: 1 },
      snapshot: { keys: [k.online], threshold: 1 },
      timestamp: { keys: [k.online], threshold: 1 },
    });
    const stagedRoot = () => fs.readFileSync(path.join(t.dir, 'staged', 'metadata', 'root.json'), 'utf8');
    const before = stagedRoot();
    assert.throws(() => repo.setThreshold('root', 4), refused('THRESHOLD_UNREACHABLE', /root would need 4 signatures but would have only 3 distinct keys/));
    assert.throws(() => repo.setThreshold('snapshot', 2), refused('THRESHOLD_UNREACHABLE', /snapshot is an online role/));
    assert.throws(() => repo.setThreshold('timestamp', 2), refused('THRESHOLD_UNREACHABLE', /timestamp is an online role/));
    assert.throws(() => repo.removeKey('targets', k.c.keyID), refused('THRESHOLD_UNREACHABLE', /After removing carol, targets would need 1 signature but would have only 0 distinct keys/));
    assert.throws(() => repo.addKey('root', k.aAsBob), refused('KEY_DUPLICATE', /already a root key \(alice\)/));
    assert.throws(() => repo.addKey('root', k.a), refused('KEY_DUPLICATE', /already a root key/));
    assert.throws(() => repo.addKey('targets', k.p384), refused('KEY_UNSUPPORTED', /ECDSA P-384/));
    assert.equal(stagedRoot(), before, 'refused edits leave the staged root as it was');

    repo.setThreshold('root', 3);
    assert.throws(() => repo.removeKey('root', k.b.keyID), refused('THRESHOLD_UNREACHABLE', /After removing bob, root would need 3 signatures but would have only 2 distinct keys/));
    repo.setThreshold('root', 2);
    repo.removeKey('root', k.b.keyID);
    assert.deepEqual(repo.thresholdStatus().find((s) => s.role === 'root')?.need, 2);
  } finally {
    t.cleanup();
  }
});

test('delegations: repeated keys, unreachable thresholds and P-384 keys refused; threshold and key removal checked too', async () => {
  const k = await keys();
  const t = tempDir();
  try {
    const repo = TufRepository.create(t.dir, {
      clock,
      root: { keys: [k.a], threshold: 1 },
      targets: { keys: [k.b], threshold: 1 },
      snapshot: { keys: [k.online], threshold: 1 },
      timestamp: { keys: [k.online], threshold: 1 },
    });
    assert.throws(() => repo.addDelegation('npm', { keys: [k.a, k.aAsBob], threshold: 2, paths: ['npm/*'] }), refused('KEY_DUPLICATE', /npm was given the same public key twice/));
    assert.throws(() => repo.addDelegation('npm', { keys: [k.a], threshold: 2, paths: ['npm/*'] }), refused('THRESHOLD_UNREACHABLE', /npm would need 2 signatures but would have only 1 distinct key/));
    assert.throws(() => repo.addDelegation('npm', { keys: [k.p384], threshold: 1, paths: ['npm/*'] }), refused('KEY_UNSUPPORTED', /npm: key hsm-p384/));
    repo.addDelegation('npm', { keys: [k.a, k.c], threshold: 2, paths: ['npm/*'] });
    assert.throws(() => repo.setThreshold('npm', 3), refused('THRESHOLD_UNREACHABLE', /npm would need 3 signatures but would have only 2 distinct keys/));
    assert.throws(() => repo.removeKey('npm', k.a.keyID), refused('THRESHOLD_UNREACHABLE', /After removing alice, npm would need 2/));
    assert.throws(() => repo.addKey('npm', k.aAsBob), refused('KEY_DUPLICATE', /already a npm key \(alice\)/));
  } finally {
    t.cleanup();
  }
});

test('distinct keys are counted by public key, and a root or targets key that is also an online key is reported', async () => {
  const k = await keys();
  assert.equal(distinctKeyCount([k.a, k.aAsBob, k.b]), 2);
  const warnings = sharedOnlineKeyWarnings({ root: [k.a, k.online], targets: [k.b], snapshot: [k.online], timestamp: [k.online, k.b] });
  assert.equal(warnings.length, 2);
  assert.match(warnings[0]!, /^root: key .* is also the snapshot and timestamp key\. .*Use a separate offline key for root\./);
  assert.match(warnings[1]!, /^targets: key bob is also the timestamp key/);
  assert.deepEqual(sharedOnlineKeyWarnings({ root: [k.a, k.online], targets: [k.b], snapshot: [k.online], timestamp: [k.online, k.b] }, k.b).length, 1);
  assert.deepEqual(sharedOnlineKeyWarnings({ root: [k.a], targets: [k.b], snapshot: [k.online], timestamp: [k.online] }), []);
});
