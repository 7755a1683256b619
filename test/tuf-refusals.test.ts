// What `rootsmith tuf` refuses, through the real CLI: thresholds no set of signers could meet (at init, threshold,
// key remove, delegate), keys given twice, online roles above threshold 1, files that are missing or directories,
// out-of-range numbers, a public key given to sign; each with its code, a message saying what to do, and no raw
// Node text. Also: the repository named as DIR or --repo on every verb, a re-imported signature, publishing twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TufChangeResult, TufImportResult, TufStatus } from '../app/contract/tuf';
import { makeTempDir } from './support/temp-dir';
import { runCli } from './support/cli';
import { PASS, softwareKey, tuf, tufOk } from './support/tuf';

const tmp = makeTempDir('rs-tuf-refusals-');
after(() => tmp.cleanup());
const repo = path.join(tmp.dir, 'repo');
const k: Record<string, { key: string; pub: string }> = {};

/** Runs a tuf verb that must fail with `status` and `code`; the stderr must show none of Node's raw error texts. */
function fails(args: string[], code: string, status = 1): string {
  const r = tuf(args);
  assert.equal(r.status, status, `rootsmith tuf ${args.join(' ')}\n${r.stderr}`);
  assert.match(r.stderr, new RegExp(`\\[${code}\\]`), r.stderr);
  assert.doesNotMatch(r.stderr, /ENOENT|EISDIR|ENOTDIR|options\.port|fetch failed|Too big|refreshOnline\(\)|\[INTERNAL\]/, r.stderr);
  return r.stderr;
}

function init(dir: string, extra: string[] = []): ReturnType<typeof tuf> {
  return tuf([
    'init', dir,
    '--root-key', `alice=${k['alice']!.pub}`, '--root-key', `bob=${k['bob']!.pub}`, '--root-threshold', '2',
    '--targets-key', `carol=${k['carol']!.pub}`,
    '--snapshot-key', k['online']!.pub, '--timestamp-key', k['online']!.pub,
    ...extra,
  ]);
}

before(() => {
  for (const name of ['alice', 'bob', 'carol', 'online']) k[name] = softwareKey(path.join(tmp.dir, 'keys'), name);
  const r = init(repo);
  assert.equal(r.status, 0, r.stderr);
});

test('init refuses a key given twice, a threshold above the distinct keys and a key directory; nothing is created', () => {
  const dir = path.join(tmp.dir, 'refused');
  const twice = fails(['init', dir, '--root-key', k['alice']!.pub, '--root-key', k['alice']!.pub, '--root-threshold', '2', '--targets-key', k['carol']!.pub,
    '--snapshot-key', k['online']!.pub, '--timestamp-key', k['carol']!.pub], 'KEY_DUPLICATE');
  assert.match(twice, /root was given the same public key twice/);
  const owners = fails(['init', dir, '--root-key', `a=${k['alice']!.pub}`, '--root-key', `b=${k['alice']!.pub}`, '--root-threshold', '2', '--targets-key', k['carol']!.pub,
    '--snapshot-key', k['online']!.pub, '--timestamp-key', k['online']!.pub], 'KEY_DUPLICATE');
  assert.match(owners, /same public key twice \(a and b\)/);
  const high = fails(['init', dir, '--root-key', k['alice']!.pub, '--root-key', k['bob']!.pub, '--root-threshold', '3', '--targets-key', k['carol']!.pub,
    '--snapshot-key', k['online']!.pub, '--timestamp-key', k['online']!.pub], 'THRESHOLD_UNREACHABLE');
  assert.match(high, /root would need 3 signatures but would have only 2 distinct keys, so it could never be signed/);
  const targets = fails(['init', dir, '--root-key', k['alice']!.pub, '--root-threshold', '1', '--targets-key', k['carol']!.pub, '--targets-threshold', '2',
    '--snapshot-key', k['online']!.pub, '--timestamp-key', k['online']!.pub], 'THRESHOLD_UNREACHABLE');
  assert.match(targets, /targets would need 2 signatures but would have only 1 distinct key/);
  const keyDir = fails(['init', dir, '--root-key', path.join(tmp.dir, 'keys'), '--root-threshold', '1', '--targets-key', k['carol']!.pub,
    '--snapshot-key', k['online']!.pub, '--timestamp-key', k['online']!.pub], 'FILE_UNREADABLE');
  assert.match(keyDir, /--root-key .*keys is a directory; give a public key PEM file/);
  assert.equal(fs.existsSync(dir), false);
});

test('init warns when a root or targets key is also the snapshot or timestamp key', () => {
  const r = tuf(['init', path.join(tmp.dir, 'shared'), '--root-key', `alice=${k['alice']!.pub}`, '--root-threshold', '1', '--targets-key', `carol=${k['carol']!.pub}`,
    '--snapshot-key', `alice=${k['alice']!.pub}`, '--timestamp-key', k['online']!.pub]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /warning: root: key alice is also the snapshot key\. Online keys sign unattended/);
  assert.deepEqual((r.json() as TufChangeResult).warnings.length, 1);
});

test('threshold, key remove and delegate refuse what could never be signed; online roles stay at threshold 1', () => {
  assert.match(fails(['threshold', 'root', '3', '--repo', repo], 'THRESHOLD_UNREACHABLE'), /root would need 3 signatures but would have only 2 distinct keys/);
  assert.match(fails(['threshold', 'snapshot', '2', repo], 'THRESHOLD_UNREACHABLE'), /snapshot is an online role: Rootsmith signs it .* with one online key, so its threshold must stay 1/);
  assert.match(fails(['key', 'remove', 'root', 'bob', repo], 'THRESHOLD_UNREACHABLE'), /After removing bob, root would need 2 signatures but would have only 1 distinct key/);
  assert.match(fails(['key', 'remove', 'targets', 'carol', '--repo', repo], 'THRESHOLD_UNREACHABLE'), /Give targets a key first/);
  assert.match(fails(['key', 'add', 'root', '--key', `alice2=${k['alice']!.pub}`, repo], 'KEY_DUPLICATE'), /already a root key \(alice\)/);
  assert.match(fails(['delegate', 'npm', '--key', k['bob']!.pub, '--key', k['bob']!.pub, '--threshold', '2', '--paths', 'npm/*', repo], 'KEY_DUPLICATE'), /npm was given the same public key twice/);
  assert.match(fails(['delegate', 'npm', '--key', k['bob']!.pub, '--threshold', '2', '--paths', 'npm/*', repo], 'THRESHOLD_UNREACHABLE'), /npm would need 2 signatures/);
  const status = tufOk<TufStatus>(['status', repo]);
  assert.deepEqual(status.roles.map((r) => `${r.role} ${r.threshold} of ${r.keys.length}`), ['root 2 of 2', 'targets 1 of 1', 'snapshot 1 of 1', 'timestamp 1 of 1']);
});

test('missing files and directories given as files: typed codes naming the file, no Node error text', () => {
  const missing = path.join(tmp.dir, 'no-such-file');
  const dir = path.join(tmp.dir, 'keys');
  assert.match(fails(['target', 'add', missing, repo], 'FILE_NOT_FOUND'), /The target file .*no-such-file does not exist/);
  assert.match(fails(['target', 'add', dir, repo], 'FILE_UNREADABLE'), /The target file .*keys is a directory; give the file itself/);
  assert.match(fails(['import', repo, missing], 'FILE_NOT_FOUND'), /The signature file .*no-such-file does not exist/);
  assert.match(fails(['import', '--repo', repo, dir], 'FILE_UNREADABLE'), /The signature file .*keys is a directory/);
  assert.match(fails(['review', missing], 'FILE_NOT_FOUND'), /The signing request .*no-such-file does not exist/);
  assert.match(fails(['review', dir], 'FILE_UNREADABLE'), /The signing request .*is a directory/);
  assert.match(fails(['verify', '--root', missing, repo], 'FILE_NOT_FOUND'), /The trusted root .*no-such-file does not exist/);
  assert.match(fails(['verify', '--root', k['alice']!.pub, '--repo', 'http://127.0.0.1:1'], 'DOWNLOAD_FAILED'), /Cannot fetch http:\/\/127\.0\.0\.1:1\/.*could not connect \(bad port\)/);
});

test('numbers out of range and a public key given to sign are refused before any work, with what to do', () => {
  assert.match(fails(['serve', repo, '--port', '99999'], 'USAGE', 2), /--port must be at most 65535/);
  assert.match(fails(['expiry', 'root', '100000', repo], 'USAGE', 2), /expiry days must be at most 36500 \(100 years\)/);
  const req = tufOk<{ requests: { role: string; file: string }[] }>(['request', repo]).requests[0]!.file;
  // No --passphrase-env: a key file would be prompted for; a public key must be refused before that.
  const r = tuf(['sign', req, '--key', k['alice']!.pub, '--out', path.join(tmp.dir, 'x.sig.json')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--key .*alice\.pub is a public key: it can check signatures but cannot make them\. Give the private key instead.*\[KEY_UNSUPPORTED\]/);
  assert.doesNotMatch(r.stderr, /Passphrase/);
});

test('the repository is named as DIR or --repo on every verb, not both differently; a missing one says how to name it', () => {
  assert.equal(tufOk<TufStatus>(['status', '--repo', repo]).dir, repo);
  assert.equal(tufOk<TufStatus>(['status', repo]).dir, repo);
  tufOk(['expiry', 'targets', '120', repo]);
  tufOk(['expiry', 'targets', '90', '--repo', repo]);
  assert.match(fails(['status', repo, '--repo', tmp.dir], 'USAGE', 2), /repository is named twice .*give it once, as DIR or as --repo DIR/);
  assert.match(fails(['threshold', 'root', '1', repo, 'extra'], 'USAGE', 2), /Unexpected argument "extra"/);
  assert.match(fails(['threshold', 'root', '1', '--repo', tmp.dir], 'REPO_NOT_FOUND'), /No TUF repository in .*rootsmith-tuf\.json is missing\. Name the repository's directory \(.*--repo DIR\)/);
});

test('a signature imported twice says so; publishing with nothing staged names the refresh-online verb', () => {
  const reqs = tufOk<{ requests: { role: string; file: string }[] }>(['request', repo, '--out', path.join(tmp.dir, 'out')]).requests;
  const sign = (role: string, who: string) => {
    const out = path.join(tmp.dir, `${role}-${who}.sig.json`);
    tufOk(['sign', reqs.find((r) => r.role === role)!.file, '--key', k[who]!.key, '--passphrase-env', 'RS_PASS', '--out', out]);
    return out;
  };
  const sigs = [sign('root', 'alice'), sign('root', 'bob'), sign('targets', 'carol')];
  tufOk(['import', repo, ...sigs]);
  const again = tuf(['import', '--repo', repo, sigs[0]!]);
  assert.equal(again.status, 0, again.stderr);
  const out = again.json() as { imported: TufImportResult[] };
  assert.equal(out.imported[0]!.alreadyImported, true);
  const text = runCli(['tuf', 'import', repo, sigs[0]!], { RS_PASS: PASS });
  assert.match(text.stdout, /Already imported: .*root-alice\.sig\.json \(root v1 signature by alice\); nothing changed\./);
  const online = ['--snapshot-key', k['online']!.key, '--timestamp-key', k['online']!.key, '--passphrase-env', 'RS_PASS'];
  tufOk(['publish', repo, ...online]);
  assert.match(fails(['publish', '--repo', repo, ...online], 'NOTHING_STAGED'), /Nothing is staged to publish: every change is already published\. .*rootsmith tuf refresh-online/);
  tufOk(['refresh-online', '--repo', repo, ...online]);
});
