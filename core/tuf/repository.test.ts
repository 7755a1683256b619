// End to end: a 3-of-5 root and 2-of-3 targets repository signed across "separate machines" (temp dirs that
// exchange only request and signature files), published, rotated, refreshed, and checked each time by a fresh
// real tuf-js client starting from root v1 over HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { fixedClock } from '../clock';
import { createSoftwareKey, generateEphemeralSigner, loadSoftwareKey } from '../keys/software-signer';
import type { Signer } from '../keys/signer';
import {
  formatMetadataJson,
  importSignature,
  loadSignatureFile,
  loadSigningRequest,
  signRequest,
  tufKeyFromSpki,
  TufRepository,
  verifyWithClient,
  type ClientVerifyResult,
} from './index';
import { serveDirectory } from '../testing/static-http';
import { fixturesDir } from '../testing/fixtures';

const FIXTURE_TARGETS = fixturesDir('root-signing', 'targets');
const PASS = 'correct horse battery staple';


/** A person with a key on their own machine (a temp dir); only request and signature files cross over. */
interface Holder {
  name: string;
  machine: string;
  keyFile: string;
  signer: Signer;
}

async function holder(base: string, name: string): Promise<Holder> {
  const machine = fs.mkdtempSync(path.join(base, `${name}-`));
  const keyFile = path.join(machine, 'key.pem');
  const signer = await createSoftwareKey(keyFile, 'ecdsa-p256', PASS);
  return { name, machine, keyFile, signer };
}

async function keyOf(h: { name: string; signer: Signer }, online?: string) {
  return tufKeyFromSpki(await h.signer.publicKeySpki(), online ? { onlineUri: online } : { owner: `@${h.name}` });
}

/** Carries the request for `role` to the holder's machine, signs it there, carries the signature back, imports it. */
async function signOnMachine(repo: TufRepository, role: string, h: Holder) {
  const inbox = path.join(h.machine, `${role}.request.json`);
  fs.copyFileSync(path.join(repo.sessionDir, 'requests', `${role}.request.json`), inbox);
  const signer = await loadSoftwareKey(h.keyFile, PASS);
  const sigFile = path.join(h.machine, `${role}.${h.name}.sig.json`);
  fs.writeFileSync(sigFile, formatMetadataJson(await signRequest(loadSigningRequest(inbox), signer)));
  const back = path.join(repo.layout.dir, `${role}.${h.name}.sig.json`);
  fs.copyFileSync(sigFile, back);
  return importSignature(repo.sessionDir, loadSignatureFile(back));
}

async function freshClient(base: string, url: string, trustedRoot: Uint8Array): Promise<ClientVerifyResult> {
  return verifyWithClient({
    trustedRoot,
    metadataBaseUrl: `${url}/metadata`,
    targetBaseUrl: `${url}/targets`,
    workDir: fs.mkdtempSync(path.join(base, 'client-')),
  });
}

const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('3-of-5 root, 2-of-3 targets: offline signing, publish, rotation, refresh, each checked by tuf-js', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  const server = await serveDirectory(path.join(base, 'repo', 'published'));
  try {
    const clock = fixedClock(new Date());
    const [alice, bob, carol, dave, erin, frank] = await Promise.all(['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].map((n) => holder(base, n)));
    const tom = { name: 'tom', signer: generateEphemeralSigner('ecdsa-p256') };
    const tina = { name: 'tina', signer: generateEphemeralSigner('ed25519') };
    const ted = { name: 'ted', signer: generateEphemeralSigner('ecdsa-p256') };
    const online = generateEphemeralSigner('ecdsa-p256');
    const onlineKey = await keyOf({ name: 'online', signer: online }, 'pkcs11:token=online;object=tuf');
    const repo = TufRepository.create(path.join(base, 'repo'), {
      clock,
      root: { keys: await Promise.all([alice!, bob!, carol!, dave!, erin!].map((h) => keyOf(h))), threshold: 3 },
      targets: { keys: await Promise.all([tom, tina, ted].map((h) => keyOf(h))), threshold: 2 },
      snapshot: { keys: [onlineKey], threshold: 1 },
      timestamp: { keys: [onlineKey], threshold: 1 },
    });
    const trustedRootJson = fs.readFileSync(path.join(FIXTURE_TARGETS, 'trusted_root.json'));
    const signingConfig = fs.readFileSync(path.join(FIXTURE_TARGETS, 'signing_config.json'));
    const npmPkg = Buffer.from('{"name":"rootsmith-test"}');
    repo.addTarget('trusted_root.json', trustedRootJson);
    repo.addTarget('signing_config.json', signingConfig);
    const dora = generateEphemeralSigner('ecdsa-p256');
    repo.addDelegation('npm', { keys: [await keyOf({ name: 'dora', signer: dora })], threshold: 1, paths: ['npm/*'] });
    repo.addTarget('npm/pkg.json', npmPkg, { role: 'npm' });
    assert.deepEqual(repo.stagedRoles().sort(), ['npm', 'root', 'targets']);

    const requests = repo.requestSignatures();
    const targetsReq = requests.find((r) => r.role === 'targets')!;
    assert.ok(targetsReq.diff.summary.some((l) => l.startsWith('target added trusted_root.json') && l.includes(sha256Hex(trustedRootJson))));
    assert.ok(targetsReq.diff.summary.includes('role npm added'));
    assert.ok(targetsReq.diff.summary.some((l) => l.startsWith('npm: key added @dora')));
    const rootReq = requests.find((r) => r.role === 'root')!;
    assert.deepEqual(rootReq.thresholds.map((t) => [t.group, t.threshold, t.keyids.length]), [['new', 3, 5]]);

    // Root signatures arrive one machine at a time; 2 of the 3 needed cannot publish.
    await signOnMachine(repo, 'root', alice!);
    const r2 = await signOnMachine(repo, 'root', bob!);
    assert.deepEqual({ have: r2.status.have, need: r2.status.need, waitingFor: r2.status.waitingFor }, { have: 2, need: 3, waitingFor: ['@carol', '@dave', '@erin'] });
    // Targets: 2 of 3 keys, signed in memory here (same files, no holder machine needed for the online test keys).
    for (const h of [tom, tina]) {
      const req = loadSigningRequest(path.join(repo.sessionDir, 'requests', 'targets.request.json'));
      importSignature(repo.sessionDir, await signRequest(req, h.signer));
    }
    importSignature(repo.sessionDir, await signRequest(loadSigningRequest(path.join(repo.sessionDir, 'requests', 'npm.request.json')), dora));
    const status = repo.thresholdStatus();
    assert.deepEqual(
      status.map((s) => [s.role, s.have, s.need, s.allMet]),
      [['root', 2, 3, false], ['targets', 2, 2, true], ['npm', 1, 1, true]],
    );
    await assert.rejects(repo.publish({ snapshot: online, timestamp: online }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'THRESHOLD_NOT_MET');
      assert.match(e.message, /root v1 has 2 of 3 signatures from root v1 keys \(waiting for @carol, @dave, @erin\)/);
      return true;
    });
    assert.equal(fs.existsSync(path.join(base, 'repo', 'published', 'metadata', 'timestamp.json')), false);

    await signOnMachine(repo, 'root', carol!);
    const first = await repo.publish({ snapshot: online, timestamp: online });
    assert.deepEqual(first.versions, { root: 1, snapshot: 1, timestamp: 1, targets: 1, npm: 1 });
    const pub = path.join(base, 'repo', 'published');
    for (const f of ['metadata/1.root.json', 'metadata/root.json', 'metadata/1.targets.json', 'metadata/1.npm.json', 'metadata/1.snapshot.json', 'metadata/timestamp.json']) {
      assert.ok(fs.existsSync(path.join(pub, f)), f);
    }
    assert.ok(fs.existsSync(path.join(pub, 'targets', `${sha256Hex(trustedRootJson)}.trusted_root.json`)));
    assert.ok(fs.existsSync(path.join(pub, 'targets', `${createHash('sha512').update(trustedRootJson).digest('hex')}.trusted_root.json`)));
    assert.ok(fs.existsSync(path.join(pub, 'targets', 'npm', `${sha256Hex(npmPkg)}.pkg.json`)));
    // Written as the Sigstore tooling writes: key-sorted, indent 1, no trailing newline.
    const rootText = fs.readFileSync(path.join(pub, 'metadata', '1.root.json'), 'utf8');
    assert.equal(rootText, formatMetadataJson(JSON.parse(rootText)));
    assert.ok(rootText.startsWith('{\n "signatures": [') && !rootText.endsWith('\n'));
    assert.equal(JSON.parse(rootText).signed.consistent_snapshot, true);
    assert.match(JSON.parse(rootText).signed.spec_version, /^1\.0\.\d+$/);

    const root1 = new Uint8Array(fs.readFileSync(path.join(pub, 'metadata', '1.root.json')));
    const c1 = await freshClient(base, server.url, root1);
    assert.deepEqual(c1.versions, { root: 1, timestamp: 1, snapshot: 1, targets: 1, npm: 1 });
    assert.deepEqual(
      c1.targets.map((t) => [t.path, t.sha256]),
      [['npm/pkg.json', sha256Hex(npmPkg)], ['signing_config.json', sha256Hex(signingConfig)], ['trusted_root.json', sha256Hex(trustedRootJson)]],
    );

    // Rotation: dave and erin leave, frank joins, root threshold 3 -> 2; ted's targets key replaced by frank's.
    const [daveId, erinId] = [(await keyOf(dave!)).keyID, (await keyOf(erin!)).keyID];
    repo.removeKey('root', daveId);
    repo.removeKey('root', erinId);
    repo.addKey('root', await keyOf(frank!));
    repo.setThreshold('root', 2);
    repo.removeKey('targets', (await keyOf(ted)).keyID);
    repo.addKey('targets', await keyOf(frank!));
    const [rot] = repo.requestSignatures();
    assert.equal(rot!.role, 'root');
    assert.deepEqual(rot!.thresholds.map((t) => [t.group, t.by, t.threshold, t.keyids.length]), [['new', 'root v2', 2, 4], ['previous', 'root v1', 3, 5]]);
    assert.ok(rot!.diff.summary.includes('root: threshold 3 -> 2'));
    assert.ok(rot!.diff.summary.some((l) => l.startsWith('root: key removed @dave')));
    assert.ok(rot!.diff.summary.some((l) => l.startsWith('targets: key added @frank')));
    assert.deepEqual(new Set(rot!.signers.map((s) => s.owner)), new Set(['@alice', '@bob', '@carol', '@dave', '@erin', '@frank']));
    await signOnMachine(repo, 'root', frank!);
    const afterAlice = await signOnMachine(repo, 'root', alice!);
    assert.equal(afterAlice.status.met, true);
    assert.deepEqual(afterAlice.status.previous, { by: 'root v1', have: 1, need: 3, met: false, signedBy: ['@alice'], waitingFor: ['@bob', '@carol', '@dave', '@erin'] });
    await assert.rejects(repo.publish({ snapshot: online, timestamp: online }), /root v2 has 1 of 3 from root v1 keys \(waiting for @bob, @carol, @dave, @erin\)/);
    await signOnMachine(repo, 'root', dave!);
    await signOnMachine(repo, 'root', erin!);
    const second = await repo.publish({ snapshot: online, timestamp: online });
    assert.deepEqual(second.versions, { root: 2, snapshot: 2, timestamp: 2, targets: 1, npm: 1 });
    const c2 = await freshClient(base, server.url, root1);
    assert.equal(c2.versions['root'], 2);
    assert.equal(c2.targets.length, 3);

    // Expiry refresh: targets re-signed (tom + frank, the new key set) and the cron job's online refresh.
    repo.stageRole('targets');
    repo.requestSignatures();
    importSignature(repo.sessionDir, await signRequest(loadSigningRequest(path.join(repo.sessionDir, 'requests', 'targets.request.json')), tom.signer));
    await signOnMachine(repo, 'targets', frank!);
    const third = await repo.publish({ snapshot: online, timestamp: online });
    assert.deepEqual(third.versions, { root: 2, snapshot: 3, timestamp: 3, targets: 2, npm: 1 });
    const cron = await repo.refreshOnline(online, online);
    assert.deepEqual(cron.versions, { root: 2, snapshot: 4, timestamp: 4, targets: 2, npm: 1 });
    const c3 = await freshClient(base, server.url, root1);
    assert.deepEqual(c3.versions, { root: 2, timestamp: 4, snapshot: 4, targets: 2, npm: 1 });
    assert.equal(c3.targets.length, 3);
  } finally {
    await server.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
});
