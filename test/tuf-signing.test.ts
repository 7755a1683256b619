// A 3-of-5 root and 2-of-3 targets trust root run through the real CLI: keys on SoftHSM2 tokens and in files,
// signers on "separate machines" (own directories, own tokens) exchanging only request and signature files,
// the threshold enforced and a root rotation; after each step a fresh tuf-js client updates from the first root
// through the mirror `rootsmith serve --tuf` serves, and fetches every target. (Expiry refresh: tuf-expiry.test.ts.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TufChangeResult, TufImportResult, TufReview, TufStatus, TufVerifyReport } from '../app/contract/tuf';
import { startServe, type Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';
import { hsmMachine, softwareKey, tuf, tufOk } from './support/tuf';

const tmp = makeTempDir('rs-tuf-signing-');
const data = path.join(tmp.dir, 'data');
const coord = path.join(data, 'tuf'); // `rootsmith serve --tuf` serves coord/published
const inbox = path.join(tmp.dir, 'coordinator-inbox');
const outbox = path.join(tmp.dir, 'coordinator-outbox');
const clientRoot = path.join(tmp.dir, 'client', '1.root.json');
let served: Served | undefined;
after(async () => {
  await served?.stop();
  tmp.cleanup();
});

interface Machine {
  dir: string;
  env: Record<string, string>;
}
const machines: Record<string, Machine & { ref: string; pub: string }> = {};

before(() => {
  fs.mkdirSync(inbox, { recursive: true });
  // Alice and Bob hold their keys on their own hardware tokens (SoftHSM2), on their own machines.
  const alice = hsmMachine(path.join(tmp.dir, 'm-alice'), 'alice');
  const aliceRoot = alice.generate('alice-root');
  const aliceTargets = alice.generate('alice-targets');
  machines['alice'] = { dir: path.join(tmp.dir, 'm-alice'), env: alice.env, ref: aliceRoot.uri, pub: aliceRoot.pub };
  machines['alice-t'] = { dir: path.join(tmp.dir, 'm-alice'), env: alice.env, ref: aliceTargets.uri, pub: aliceTargets.pub };
  const bob = hsmMachine(path.join(tmp.dir, 'm-bob'), 'bob');
  const bobRoot = bob.generate('bob-root');
  machines['bob'] = { dir: path.join(tmp.dir, 'm-bob'), env: bob.env, ref: bobRoot.uri, pub: bobRoot.pub };
  for (const name of ['carol', 'dave', 'erin', 'frank', 't2', 't3']) {
    const dir = path.join(tmp.dir, `m-${name}`);
    const k = softwareKey(dir, name);
    machines[name] = { dir, env: {}, ref: k.key, pub: k.pub };
  }
});

const online = () => {
  const dir = path.join(tmp.dir, 'online');
  return { snap: path.join(dir, 'snap.key'), ts: path.join(dir, 'ts.key') };
};

let signatures = 0;

/** Carries a request to a signer's machine, signs it there, carries the signature back. */
function signOn(name: string, requestFile: string): string {
  const m = machines[name]!;
  const local = path.join(m.dir, path.basename(requestFile));
  fs.copyFileSync(requestFile, local);
  const sig = path.join(m.dir, `${path.basename(requestFile, '.request.json')}-${++signatures}-${name}.sig.json`);
  const secretFlag = m.ref.startsWith('pkcs11:') ? ['--pin-env', 'RS_PIN'] : ['--passphrase-env', 'RS_PASS'];
  tufOk(['sign', local, '--key', m.ref, ...secretFlag, '--out', sig], m.env);
  const back = path.join(inbox, path.basename(sig));
  fs.copyFileSync(sig, back);
  return back;
}

function request(): Record<string, string> {
  const out = tufOk<{ requests: { role: string; file: string }[] }>(['request', coord, '--out', outbox]);
  return Object.fromEntries(out.requests.map((r) => [r.role, r.file]));
}

function importSigs(files: string[]): { imported: TufImportResult[]; status: TufStatus } {
  return tufOk(['import', coord, ...files]);
}

function publish(): void {
  const o = online();
  tufOk(['publish', coord, '--snapshot-key', o.snap, '--timestamp-key', o.ts, '--passphrase-env', 'RS_PASS']);
}

/** A fresh client (no cache) trusting only root v1 updates through the mirror and fetches every target. */
function clientVerifies(expect: Record<string, number>): TufVerifyReport {
  assert.ok(served, 'mirror running');
  const r = tufOk<TufVerifyReport>(['verify', '--root', clientRoot, '--repo', served!.urls['tuf']!]);
  assert.equal(r.ok, true, JSON.stringify(r.failures));
  assert.equal(r.engines.tufJs.ran, true);
  assert.equal(r.engines.tufJs.ok, true);
  for (const [role, v] of Object.entries(expect)) assert.equal(r.engines.tufJs.versions?.[role], v, `${role} version`);
  assert.deepEqual(r.engines.tufJs.targets?.map((t) => t.path).sort(), r.targets.map((t) => t.path).sort());
  return r;
}

test('init with keys on tokens and in files; 2 of 3 root signatures cannot publish', () => {
  const o = online();
  softwareKey(path.dirname(o.snap), 'snap');
  softwareKey(path.dirname(o.ts), 'ts');
  const m = machines;
  const init = tufOk<TufChangeResult>(
    [
      'init', coord,
      '--root-key', `alice=${m['alice']!.pub}`, '--root-key', `bob=${m['bob']!.pub}`, '--root-key', `carol=${m['carol']!.pub}`,
      '--root-key', `dave=${m['dave']!.pub}`, '--root-key', `erin=${m['erin']!.pub}`, '--root-threshold', '3',
      '--targets-key', `alice=${m['alice-t']!.pub}`, '--targets-key', `t2=${m['t2']!.pub}`, '--targets-key', `t3=${m['t3']!.pub}`, '--targets-threshold', '2',
      '--snapshot-key', `snapshot=${o.snap.replace(/\.key$/, '.pub')}`, '--timestamp-key', `timestamp=${o.ts.replace(/\.key$/, '.pub')}`,
    ],
  );
  assert.deepEqual(init.warnings, []);
  const root = init.status.roles.find((r) => r.role === 'root')!;
  assert.equal(root.threshold, 3);
  assert.deepEqual(root.keys.map((k) => k.owner), ['alice', 'bob', 'carol', 'dave', 'erin']);
  const target = path.join(tmp.dir, 'trusted_root.json');
  fs.writeFileSync(target, JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' }));
  tufOk(['target', 'add', target, '--repo', coord]);

  const req = request();
  // What Alice reads on her own machine before signing: the change in words and the exact bytes' SHA-256.
  const review = tufOk<TufReview>(['review', req['root']!]);
  assert.equal(review.payloadSha256, (JSON.parse(fs.readFileSync(req['root']!, 'utf8')) as { payloadSha256: string }).payloadSha256);
  assert.ok(review.diff.summary.includes('root: key added alice (' + init.status.roles[0]!.keys[0]!.keyid + ')'));
  const sigs = [signOn('alice', req['root']!), signOn('bob', req['root']!), signOn('alice-t', req['targets']!)];
  const imported = importSigs(sigs);
  const rootLine = imported.status.thresholds.find((t) => t.role === 'root')!;
  assert.equal(rootLine.line, 'root: 2 of 3, waiting for: carol, dave, erin');
  assert.equal(imported.status.readyToPublish, false);

  const o2 = online();
  const refused = tuf(['publish', coord, '--snapshot-key', o2.snap, '--timestamp-key', o2.ts, '--passphrase-env', 'RS_PASS']);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /THRESHOLD_NOT_MET/);
  assert.match(refused.stderr, /root v1 has 2 of 3 .*waiting for carol, dave, erin/);
  assert.match(refused.stderr, /targets v1 has 1 of 2 .*waiting for t2, t3/);
  assert.ok(!fs.existsSync(path.join(coord, 'published', 'metadata', 'timestamp.json')));
});

test('the third root and second targets signature publish; the mirror serves it to a fresh tuf-js client', async () => {
  const req = { root: path.join(outbox, 'root.request.json'), targets: path.join(outbox, 'targets.request.json') };
  const imported = importSigs([signOn('carol', req.root), signOn('t3', req.targets)]);
  assert.equal(imported.status.readyToPublish, true);
  publish();
  fs.mkdirSync(path.dirname(clientRoot), { recursive: true });
  fs.copyFileSync(path.join(coord, 'published', 'metadata', '1.root.json'), clientRoot);
  served = await startServe(['--data', data, '--tuf']);
  assert.match(served.urls['tuf']!, /^http:\/\/127\.0\.0\.1:\d+$/);
  const r = clientVerifies({ root: 1, targets: 1, snapshot: 1, timestamp: 1 });
  assert.deepEqual(r.rootChain.versions.map((v) => `${v.version}:${v.bySelf.valid}/${v.bySelf.threshold}`), ['1:3/3']);
  assert.equal(r.engines.tufJs.targets?.[0]?.path, 'trusted_root.json');
});

test('root rotation: a key replaced and the threshold lowered need the old AND the new threshold', () => {
  tufOk(['key', 'remove', 'root', 'erin', '--repo', coord]);
  tufOk(['key', 'add', 'root', '--key', `frank=${machines['frank']!.pub}`, '--repo', coord]);
  const changed = tufOk<TufChangeResult>(['threshold', 'root', '2', '--repo', coord]);
  const staged = changed.status.staged.find((s) => s.role === 'root')!;
  assert.ok(staged.diff.summary.includes('root: threshold 3 -> 2'));
  assert.ok(staged.diff.summary.some((l) => l.startsWith('root: key added frank')));
  assert.ok(staged.diff.summary.some((l) => l.startsWith('root: key removed erin')));

  const req = request();
  const review = tufOk<TufReview>(['review', req['root']!]);
  assert.deepEqual(review.thresholds.map((t) => `${t.by}:${t.threshold}`), ['root v2:2', 'root v1:3']);
  const partial = importSigs([signOn('alice', req['root']!), signOn('frank', req['root']!)]);
  const line = partial.status.thresholds.find((t) => t.role === 'root')!;
  assert.equal(line.met, true);
  assert.equal(line.previous?.met, false);
  assert.match(line.line, /^root: 2 of 2, threshold met \(and root v1: 1 of 3, waiting for: bob, carol, dave, erin\)$/);
  assert.equal(partial.status.readyToPublish, false);

  importSigs([signOn('bob', req['root']!), signOn('dave', req['root']!)]);
  publish();
  const r = clientVerifies({ root: 2, targets: 1, snapshot: 2, timestamp: 2 });
  assert.deepEqual(r.rootChain.versions.map((v) => v.version), [1, 2]);
  assert.equal(r.rootChain.versions[1]!.byPrevious?.valid, 3);
});
