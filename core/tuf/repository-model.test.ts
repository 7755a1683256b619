// The repository model on disk: staged vs published state, versions, expiry from the Clock, targets hashes,
// delegations, the Sigstore file format, create-exclusive publishing, and the refusals a user can run into.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { Key } from '@tufjs/models';
import { fixedClock } from '../clock';
import { generateEphemeralSigner } from '../keys/software-signer';
import type { Signer } from '../keys/signer';
import { formatMetadataJson, importSignature, signRequest, tufKeyFromSpki, TufRepository } from './index';

const T0 = new Date('2030-01-01T00:00:00Z');
const code = (expected: string) => (e: Error & { code?: string }) => {
  assert.equal(e.code, expected, e.message);
  return true;
};

async function setup() {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  const s = { root: generateEphemeralSigner('ecdsa-p256'), targets: generateEphemeralSigner('ed25519'), online: generateEphemeralSigner('ecdsa-p256') };
  const key = async (signer: Signer, owner: string) => tufKeyFromSpki(await signer.publicKeySpki(), { owner });
  const onlineKey = tufKeyFromSpki(await s.online.publicKeySpki(), { onlineUri: 'pkcs11:object=online' });
  const dir = path.join(base, 'repo');
  const repo = TufRepository.create(dir, {
    clock: fixedClock(T0),
    root: { keys: [await key(s.root, '@root')], threshold: 1 },
    targets: { keys: [await key(s.targets, '@targets')], threshold: 1 },
    snapshot: { keys: [onlineKey], threshold: 1 },
    timestamp: { keys: [onlineKey], threshold: 1 },
    expiryDays: { targets: 90 },
  });
  const signAll = async (signers: Record<string, Signer> = {}) => {
    for (const req of repo.requestSignatures()) {
      importSignature(repo.sessionDir, await signRequest(req, signers[req.role] ?? (req.role === 'root' ? s.root : s.targets)));
    }
  };
  const read = (rel: string) => JSON.parse(fs.readFileSync(path.join(dir, rel), 'utf8'));
  return { base, dir, repo, s, key, signAll, read, cleanup: () => fs.rmSync(base, { recursive: true, force: true }) };
}

test('create stages root v1 and targets v1 with expiry from the clock, in the Sigstore file format', async () => {
  const t = await setup();
  try {
    const root = t.read('staged/metadata/root.json');
    assert.equal(root.signed.version, 1);
    assert.equal(root.signed.expires, '2031-01-01T00:00:00Z');
    assert.equal(root.signed.consistent_snapshot, true);
    assert.match(root.signed.spec_version, /^1\.0\.\d+$/);
    assert.deepEqual(Object.fromEntries(Object.entries(root.signed.roles).map(([r, v]) => [r, (v as { threshold: number }).threshold])), { root: 1, snapshot: 1, targets: 1, timestamp: 1 });
    assert.equal(t.read('staged/metadata/targets.json').signed.expires, '2030-04-01T00:00:00Z');
    const text = fs.readFileSync(path.join(t.dir, 'staged/metadata/root.json'), 'utf8');
    assert.equal(text, formatMetadataJson(JSON.parse(text)));
    assert.equal(fs.existsSync(path.join(t.dir, 'published')), false);
    assert.throws(() => TufRepository.create(t.dir, { clock: fixedClock(T0), root: { keys: [], threshold: 1 }, targets: { keys: [], threshold: 1 }, snapshot: { keys: [], threshold: 1 }, timestamp: { keys: [], threshold: 1 } }), code('REPO_EXISTS'));
  } finally {
    t.cleanup();
  }
});

test('targets carry length, sha256 and sha512; edits bump the version once and clear collected signatures', async () => {
  const t = await setup();
  try {
    const bytes = Buffer.from('hello target');
    t.repo.addTarget('dir/a.txt', bytes);
    const entry = t.read('staged/metadata/targets.json').signed.targets['dir/a.txt'];
    assert.deepEqual(entry, {
      hashes: { sha256: createHash('sha256').update(bytes).digest('hex'), sha512: createHash('sha512').update(bytes).digest('hex') },
      length: bytes.length,
    });
    assert.throws(() => t.repo.addTarget('../escape', bytes), code('TARGET_PATH_INVALID'));
    assert.throws(() => t.repo.removeTarget('nope.txt'), code('TARGET_NOT_FOUND'));
    await t.signAll();
    await t.repo.publish({ snapshot: t.s.online, timestamp: t.s.online });
    assert.deepEqual(t.repo.stagedRoles(), []);

    const later = TufRepository.open(t.dir, { clock: fixedClock(new Date('2030-06-01T00:00:00Z')) });
    later.addTarget('b.txt', Buffer.from('b'));
    later.requestSignatures();
    importSignature(later.sessionDir, await signRequest(JSON.parse(fs.readFileSync(path.join(later.sessionDir, 'requests/targets.request.json'), 'utf8')), t.s.targets));
    assert.equal(Object.keys(t.read('staged/metadata/targets.json').signatures).length, 1);
    later.removeTarget('dir/a.txt');
    const staged = t.read('staged/metadata/targets.json');
    assert.equal(staged.signed.version, 2);
    assert.equal(staged.signed.expires, '2030-08-30T00:00:00Z');
    assert.deepEqual(staged.signatures, []);
    assert.equal(fs.existsSync(path.join(later.sessionDir, 'requests/targets.request.json')), false);
    assert.deepEqual(Object.keys(t.read('published/metadata/1.targets.json').signed.targets), ['dir/a.txt']);
    assert.deepEqual(later.targetPaths(), ['b.txt']);
  } finally {
    t.cleanup();
  }
});

test('keys: wrong IDs refused, thresholds checked, delegations add and remove their keys and metadata', async () => {
  const t = await setup();
  try {
    const k = await t.key(generateEphemeralSigner('ecdsa-p256'), '@x');
    assert.throws(() => t.repo.addKey('targets', Key.fromJSON('0'.repeat(64), k.toJSON())), code('KEYID_MISMATCH'));
    assert.throws(() => t.repo.setThreshold('root', 0), code('THRESHOLD_INVALID'));
    // One targets key cannot meet a threshold of 2 (role-key-policy.test.ts covers every refusal).
    assert.throws(() => t.repo.setThreshold('targets', 2), code('THRESHOLD_UNREACHABLE'));
    t.repo.addKey('targets', k);
    t.repo.setThreshold('targets', 2);
    assert.equal(t.repo.requestSignatures().length, 2);
    t.repo.addDelegation('npm', { keys: [k], threshold: 1, paths: ['npm/*'] });
    assert.throws(() => t.repo.addDelegation('snapshot', { keys: [k], threshold: 1, paths: [] }), code('ROLE_UNKNOWN'));
    assert.equal(t.read('staged/metadata/npm.json').signed.version, 1);
    assert.deepEqual(t.read('staged/metadata/targets.json').signed.delegations.roles[0], { keyids: [k.keyID], name: 'npm', paths: ['npm/*'], terminating: false, threshold: 1 });
    t.repo.removeDelegation('npm');
    assert.equal(fs.existsSync(path.join(t.dir, 'staged/metadata/npm.json')), false);
    assert.deepEqual(t.read('staged/metadata/targets.json').signed.delegations, { keys: {}, roles: [] });
  } finally {
    t.cleanup();
  }
});

test('publish refusals: nothing staged, a re-keyed role left unsigned, a wrong online key, an existing version', async () => {
  const t = await setup();
  try {
    await t.signAll();
    await t.repo.publish({ snapshot: t.s.online, timestamp: t.s.online });
    await assert.rejects(t.repo.publish({ snapshot: t.s.online, timestamp: t.s.online }), code('NOTHING_STAGED'));
    await assert.rejects(t.repo.refreshOnline(t.s.root, t.s.online), code('ONLINE_KEY_MISMATCH'));

    // The root replaces the only targets key: the published targets v1 no longer verifies and must be re-signed.
    const newTargets = generateEphemeralSigner('ecdsa-p256');
    const oldId = (await t.key(t.s.targets, '@targets')).keyID;
    t.repo.addKey('targets', await t.key(newTargets, '@new-targets'));
    t.repo.removeKey('targets', oldId);
    await t.signAll();
    await assert.rejects(t.repo.publish({ snapshot: t.s.online, timestamp: t.s.online }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'THRESHOLD_NOT_MET');
      assert.match(e.message, /targets v1 has 0 of 1 signatures from root v2 keys \(waiting for @new-targets\)/);
      return true;
    });
    t.repo.stageRole('targets');
    await t.signAll({ targets: newTargets });

    // Someone already wrote 2.snapshot.json: nothing is written, nothing overwritten.
    const squatter = path.join(t.dir, 'published/metadata/2.snapshot.json');
    fs.writeFileSync(squatter, 'x');
    await assert.rejects(t.repo.publish({ snapshot: t.s.online, timestamp: t.s.online }), code('FILE_EXISTS'));
    assert.equal(fs.existsSync(path.join(t.dir, 'published/metadata/2.root.json')), false);
    assert.equal(t.read('published/metadata/timestamp.json').signed.version, 1);
    fs.rmSync(squatter);
    const done = await t.repo.publish({ snapshot: t.s.online, timestamp: t.s.online });
    assert.deepEqual(done.versions, { root: 2, targets: 2, snapshot: 2, timestamp: 2 });
  } finally {
    t.cleanup();
  }
});
