// Tampering caught through the CLI: a modified target, a signature by a key not in the role, a signature over
// different bytes, a replayed older version and expired metadata each fail with a specific code naming the role.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TufVerifyReport } from '../app/contract/tuf';
import { makeTempDir } from './support/temp-dir';
import { softwareKey, tuf, tufOk } from './support/tuf';

const tmp = makeTempDir('rs-tuf-tamper-');
after(() => tmp.cleanup());
const repo = path.join(tmp.dir, 'repo');
const published = path.join(repo, 'published');
const firstRoot = path.join(tmp.dir, '1.root.json');
const oldTimestamp = path.join(tmp.dir, 'timestamp-v1.json');
const k: Record<string, { key: string; pub: string }> = {};

function signAndImport(roles: string[]): void {
  const reqs = tufOk<{ requests: { role: string; file: string }[] }>(['request', repo, '--out', path.join(tmp.dir, 'out')]).requests;
  const sigs = roles.map((role) => {
    const file = reqs.find((r) => r.role === role)!.file;
    const out = path.join(tmp.dir, `${role}-${fs.readdirSync(tmp.dir).length}.sig.json`);
    tufOk(['sign', file, '--key', k[role]!.key, '--passphrase-env', 'RS_PASS', '--out', out]);
    return out;
  });
  tufOk(['import', repo, ...sigs]);
  tufOk(['publish', repo, '--snapshot-key', k['snapshot']!.key, '--timestamp-key', k['timestamp']!.key, '--passphrase-env', 'RS_PASS']);
}

function addTarget(name: string, text: string): void {
  const file = path.join(tmp.dir, name);
  fs.writeFileSync(file, text);
  tufOk(['add-target', file, '--repo', repo]);
}

/** A copy of the published repository to tamper with. */
function copy(name: string): string {
  const dir = path.join(tmp.dir, name);
  fs.cpSync(published, dir, { recursive: true });
  return dir;
}

function verifyFails(repoDir: string, extra: string[] = []): { report: TufVerifyReport; stderr: string } {
  const r = tuf(['verify', '--root', firstRoot, '--repo', repoDir, ...extra]);
  assert.equal(r.status, 1, r.stdout);
  const report = r.json() as TufVerifyReport & { error?: { code: string; message: string } };
  // The --json failure shape: the report, not ok, with its first failure as `error`.
  assert.equal(report.ok, false);
  assert.equal(report.error?.code, report.failures[0]?.code);
  return { report, stderr: r.stderr };
}

before(() => {
  for (const name of ['root', 'targets', 'snapshot', 'timestamp', 'outsider']) k[name] = softwareKey(path.join(tmp.dir, 'keys'), name);
  tufOk(['init', repo, '--root-key', `root=${k['root']!.pub}`, '--root-threshold', '1', '--targets-key', `targets=${k['targets']!.pub}`,
    '--snapshot-key', k['snapshot']!.pub, '--timestamp-key', k['timestamp']!.pub]);
  addTarget('a.txt', 'first target\n');
  signAndImport(['root', 'targets']);
  fs.copyFileSync(path.join(published, 'metadata', '1.root.json'), firstRoot);
  fs.copyFileSync(path.join(published, 'metadata', 'timestamp.json'), oldTimestamp);
  addTarget('b.txt', 'second target\n');
  signAndImport(['targets']);
});

test('a modified target file: TARGET_MISMATCH naming targets v2, from both engines', () => {
  const dir = copy('modified-target');
  const targets = path.join(dir, 'targets');
  for (const f of fs.readdirSync(targets).filter((f) => f.endsWith('.b.txt'))) fs.writeFileSync(path.join(targets, f), 'second targeT\n');
  const { report, stderr } = verifyFails(dir);
  const own = report.failures.find((f) => f.engine === 'rootsmith')!;
  assert.equal(own.code, 'TARGET_MISMATCH');
  assert.equal(own.role, 'targets');
  assert.equal(own.version, 2);
  assert.match(own.message, /target "b\.txt" does not match its sha\d+ in targets: it was modified/);
  assert.ok(report.failures.some((f) => f.engine === 'tuf-js' && f.code === 'TARGET_MISMATCH'), JSON.stringify(report.failures));
  assert.match(stderr, /targets v2: .*b\.txt.*\[TARGET_MISMATCH\]/);
});

test('metadata whose signature covers different bytes: BAD_SIGNATURE naming targets v2', () => {
  const dir = copy('resigned-bytes');
  const file = path.join(dir, 'metadata', '2.targets.json');
  const md = JSON.parse(fs.readFileSync(file, 'utf8')) as { signed: { expires: string } };
  md.signed.expires = '2099-01-01T00:00:00Z';
  fs.writeFileSync(file, JSON.stringify(md, null, 1));
  const { report } = verifyFails(dir);
  const own = report.failures.find((f) => f.engine === 'rootsmith')!;
  assert.deepEqual([own.code, own.role, own.version], ['BAD_SIGNATURE', 'targets', 2]);
  assert.match(own.message, /0 valid signatures of the 1 required/);
  // tuf-js's own wrapped text ("Unable to load targets error Error: targets was signed by 0/1 keys") is reworded.
  const client = report.failures.find((f) => f.engine === 'tuf-js')!;
  assert.deepEqual([client.code, client.role], ['BAD_SIGNATURE', 'targets']);
  assert.match(client.message, /targets carries valid signatures from 0 of the 1 keys its threshold requires/);
  assert.doesNotMatch(client.message, /Unable to load|Error:/);
});

test('a replayed older version: targets v1 served as v2, and an old timestamp after a newer one was trusted', () => {
  const dir = copy('replayed-targets');
  fs.copyFileSync(path.join(dir, 'metadata', '1.targets.json'), path.join(dir, 'metadata', '2.targets.json'));
  const own = verifyFails(dir).report.failures.find((f) => f.engine === 'rootsmith')!;
  assert.deepEqual([own.code, own.role, own.version], ['ROLLBACK', 'targets', 1]);
  assert.match(own.message, /snapshot v2 lists v2: an older version was replayed/);

  const state = path.join(tmp.dir, 'client-state');
  const ok = tufOk<TufVerifyReport>(['verify', '--root', firstRoot, '--repo', published, '--state', state]);
  assert.equal(ok.ok, true);
  const replay = copy('replayed-timestamp');
  fs.copyFileSync(oldTimestamp, path.join(replay, 'metadata', 'timestamp.json'));
  const { report } = verifyFails(replay, ['--state', state]);
  const ts = report.failures.find((f) => f.engine === 'rootsmith')!;
  assert.deepEqual([ts.code, ts.role, ts.version], ['ROLLBACK', 'timestamp', 1]);
  assert.ok(report.failures.some((f) => f.engine === 'tuf-js' && f.code === 'ROLLBACK'), JSON.stringify(report.failures));
});

test('expired metadata at the reference time: EXPIRED naming timestamp v2; tuf-js says why it did not run', () => {
  // A month from now: past the timestamp's 7 days and the snapshot's 21, within root's and targets' year.
  const at = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const { report, stderr } = verifyFails(published, ['--at', at]);
  assert.equal(report.rootChain.ok, true);
  const first = report.failures[0]!;
  assert.deepEqual([first.code, first.role, first.version], ['EXPIRED', 'timestamp', 2]);
  assert.match(first.message, new RegExp(`timestamp v2 expired at .* \\(checked at ${at.replace(/\./g, '\\.')}\\)`));
  assert.deepEqual(report.failures.map((f) => `${f.code} ${f.role}`), ['EXPIRED timestamp', 'EXPIRED snapshot']);
  assert.equal(report.engines.tufJs.ran, false);
  assert.match(report.engines.tufJs.reason ?? '', /reference time/);
  assert.match(stderr, /timestamp v2: .*\[EXPIRED\]/);
});

test('signature files: a key not in the role, a stale request and different bytes are each refused at import', () => {
  addTarget('c.txt', 'third target\n');
  const reqs = tufOk<{ requests: { role: string; file: string; payloadSha256: string }[] }>(['request', repo, '--out', path.join(tmp.dir, 'out3')]).requests;
  const req = reqs.find((r) => r.role === 'targets')!;

  const outsider = tuf(['sign', req.file, '--key', k['outsider']!.key, '--passphrase-env', 'RS_PASS', '--out', path.join(tmp.dir, 'outsider.sig.json')]);
  assert.equal(outsider.status, 1);
  assert.match(outsider.stderr, /may not sign targets v3.*\[KEY_NOT_IN_ROLE\]/);

  const good = path.join(tmp.dir, 'targets-v3.sig.json');
  tufOk(['sign', req.file, '--key', k['targets']!.key, '--passphrase-env', 'RS_PASS', '--out', good]);
  const forged = path.join(tmp.dir, 'forged.sig.json');
  fs.writeFileSync(forged, JSON.stringify({ ...JSON.parse(fs.readFileSync(good, 'utf8')), keyid: 'ab'.repeat(32) }));
  const notInRole = tuf(['import', repo, forged]);
  assert.equal(notInRole.status, 1);
  assert.match(notInRole.stderr, /Key abab\w+ may not sign targets v3\. \[KEY_NOT_IN_ROLE\]/);

  // The coordinator changes the staged targets after Alice signed: her signature is for other bytes.
  addTarget('d.txt', 'fourth target\n');
  const newReq = tufOk<{ requests: { role: string; payloadSha256: string }[] }>(['request', repo]).requests.find((r) => r.role === 'targets')!;
  const stale = tuf(['import', repo, good]);
  assert.equal(stale.status, 1);
  assert.match(stale.stderr, /not a current request of this session.*\[SIGNATURE_WRONG_REQUEST\]/);
  const relabelled = path.join(tmp.dir, 'relabelled.sig.json');
  fs.writeFileSync(relabelled, JSON.stringify({ ...JSON.parse(fs.readFileSync(good, 'utf8')), requestSha256: newReq.payloadSha256 }));
  const different = tuf(['import', repo, relabelled]);
  assert.equal(different.status, 1);
  assert.match(different.stderr, /is not valid over targets v3 as requested.*\[SIGNATURE_INVALID\]/);
  const status = tuf(['status', repo]).json() as { thresholds: { role: string; have: number }[] };
  assert.equal(status.thresholds.find((t) => t.role === 'targets')!.have, 0);
});

test('a P-384 key is refused before anything is staged: tuf-js clients could not verify its signatures', () => {
  const pub = path.join(tmp.dir, 'keys', 'p384.pub');
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', path.join(tmp.dir, 'keys', 'p384.key')], { stdio: 'pipe' });
  execFileSync('openssl', ['pkey', '-in', path.join(tmp.dir, 'keys', 'p384.key'), '-pubout', '-out', pub], { stdio: 'pipe' });
  const before = tufOk<{ staged: unknown[] }>(['status', repo]).staged;
  const r = tuf(['add-key', 'targets', '--key', `hsm-p384=${pub}`, '--repo', repo]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /targets: key hsm-p384 is ECDSA P-384, which tuf-js clients \(sigstore-js, npm\) cannot verify.*P-256 or Ed25519.*\[KEY_UNSUPPORTED\]/);
  assert.deepEqual(tufOk<{ staged: unknown[] }>(['status', repo]).staged, before);
});
