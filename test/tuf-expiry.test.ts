// Expiry refresh through the CLI: targets re-signed for a new period by a token key (SoftHSM2) and a key file on
// separate machines, then snapshot and timestamp refreshed by the cron verb; after each step a fresh tuf-js client
// updates from root v1 through `rootsmith tuf serve` and fetches every target; `expiring` lists what is due.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TufChangeResult, TufVerifyReport } from '../app/contract/tuf';
import { makeTempDir } from './support/temp-dir';
import { hsmMachine, softwareKey, startTufServe, tuf, tufOk } from './support/tuf';

const tmp = makeTempDir('rs-tuf-expiry-');
const repo = path.join(tmp.dir, 'coordinator', 'repo');
const firstRoot = path.join(tmp.dir, 'client', '1.root.json');
let mirror: { url: string; stop(): Promise<void> } | undefined;
after(async () => {
  await mirror?.stop();
  tmp.cleanup();
});

const signers: Record<string, { ref: string; pub: string; env: Record<string, string>; dir: string }> = {};
const online = { snap: softwareKeyPaths('snapshot'), ts: softwareKeyPaths('timestamp') };
function softwareKeyPaths(name: string) {
  return { key: path.join(tmp.dir, 'online', `${name}.key`), pub: path.join(tmp.dir, 'online', `${name}.pub`) };
}

/** Signs `role`'s current request on each named signer's machine and imports the signature files. */
function signSession(role: string, names: string[]): void {
  const req = tufOk<{ requests: { role: string; file: string }[] }>(['request', repo, '--out', path.join(tmp.dir, 'outbox')]).requests.find((r) => r.role === role)!;
  const sigs = names.map((name) => {
    const s = signers[name]!;
    const local = path.join(s.dir, `${role}.request.json`);
    fs.copyFileSync(req.file, local);
    const sig = path.join(s.dir, `${role}-${fs.readdirSync(s.dir).length}.sig.json`);
    const flag = s.ref.startsWith('pkcs11:') ? ['--pin-env', 'RS_PIN'] : ['--passphrase-env', 'RS_PASS'];
    tufOk(['sign', local, '--key', s.ref, ...flag, '--out', sig], s.env);
    return sig;
  });
  tufOk(['import', repo, ...sigs]);
}

function publish(verb: 'publish' | 'refresh-online'): void {
  tufOk([verb, repo, '--snapshot-key', online.snap.key, '--timestamp-key', online.ts.key, '--passphrase-env', 'RS_PASS']);
}

function clientVerifies(): TufVerifyReport {
  const r = tufOk<TufVerifyReport>(['verify', '--root', firstRoot, '--repo', mirror!.url]);
  assert.equal(r.ok, true, JSON.stringify(r.failures));
  assert.equal(r.engines.tufJs.ok, true);
  assert.deepEqual(r.engines.tufJs.targets?.map((t) => t.path), ['keys/rekor.pub']);
  return r;
}

before(async () => {
  const aliceDir = path.join(tmp.dir, 'm-alice');
  const alice = hsmMachine(aliceDir, 'alice');
  const k = alice.generate('alice-targets');
  signers['alice'] = { ref: k.uri, pub: k.pub, env: alice.env, dir: aliceDir };
  for (const name of ['root', 't2', 't3']) {
    const dir = path.join(tmp.dir, `m-${name}`);
    const key = softwareKey(dir, name);
    signers[name] = { ref: key.key, pub: key.pub, env: {}, dir };
  }
  softwareKey(path.join(tmp.dir, 'online'), 'snapshot');
  softwareKey(path.join(tmp.dir, 'online'), 'timestamp');
  tufOk(['init', repo, '--root-key', `root-holder=${signers['root']!.pub}`, '--root-threshold', '1',
    '--targets-key', `alice=${signers['alice']!.pub}`, '--targets-key', `t2=${signers['t2']!.pub}`, '--targets-key', `t3=${signers['t3']!.pub}`, '--targets-threshold', '2',
    '--snapshot-key', online.snap.pub, '--timestamp-key', online.ts.pub]);
  const file = path.join(tmp.dir, 'rekor.pub');
  fs.writeFileSync(file, '-----BEGIN PUBLIC KEY-----\nrehearsal\n-----END PUBLIC KEY-----\n');
  tufOk(['add-target', file, '--path', 'keys/rekor.pub', '--repo', repo]);
  signSession('root', ['root']);
  signSession('targets', ['alice', 't2']);
  publish('publish');
  fs.mkdirSync(path.dirname(firstRoot), { recursive: true });
  fs.copyFileSync(path.join(repo, 'published', 'metadata', '1.root.json'), firstRoot);
  mirror = await startTufServe(repo);
});

test('targets re-signed for a new period: version 2 expires 30 days out, clients follow', () => {
  const changed = tufOk<TufChangeResult>(['expiry', 'targets', '30', '--repo', repo]);
  const staged = changed.status.staged.find((s) => s.role === 'targets')!;
  assert.equal(staged.version, 2);
  const days = (Date.parse(staged.expires) - Date.now()) / 86_400_000;
  assert.ok(days > 29 && days <= 30, `targets expires in ${days} days`);
  assert.ok(staged.diff.summary.some((l) => l.startsWith('expires ')));
  const early = tuf(['publish', repo, '--snapshot-key', online.snap.key, '--timestamp-key', online.ts.key, '--passphrase-env', 'RS_PASS']);
  assert.equal(early.status, 1);
  assert.match(early.stderr, /targets v2 has 0 of 2 .*waiting for alice, t2, t3.*\[THRESHOLD_NOT_MET\]/);
  signSession('targets', ['alice', 't3']);
  publish('publish');
  const r = clientVerifies();
  assert.equal(r.engines.tufJs.versions?.['targets'], 2);
  assert.equal(r.roles.find((x) => x.role === 'targets')?.expires, staged.expires);
});

test('refresh-online (the cron job) re-signs snapshot and timestamp; expiring lists what is due', () => {
  publish('refresh-online');
  const r = clientVerifies();
  assert.deepEqual([r.engines.tufJs.versions?.['snapshot'], r.engines.tufJs.versions?.['timestamp']], [3, 3]);
  const exp = tufOk<{ roles: { role: string; expiring: boolean; resign: string }[] }>(['expiring', repo, '--within', '40']);
  assert.deepEqual(exp.roles.filter((x) => x.expiring).map((x) => `${x.role}:${x.resign}`).sort(), ['snapshot:online', 'targets:offline', 'timestamp:online']);
});

test('the Sigstore client TUF layer (tufMirrorURL + rootPath) fetches the target from the mirror', async () => {
  const { initTUF } = await import('@sigstore/tuf');
  const client = await initTUF({ mirrorURL: mirror!.url, rootPath: firstRoot, cachePath: path.join(tmp.dir, 'sigstore-cache'), retry: false });
  assert.equal(await client.getTarget('keys/rekor.pub'), fs.readFileSync(path.join(tmp.dir, 'rekor.pub'), 'utf8'));
});
