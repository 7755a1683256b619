// What `rootsmith` says when a file is missing, a directory, damaged or in the way: a sentence naming the path and
// a stable code (exit 1), never [INTERNAL] with errno text; with --json, exactly one JSON document ({ok:false, error})
// on stdout, or, for `log monitor`, one JSON object per line with the failure as the last line.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, type CliResult } from './support/cli';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-cli-errors-');
after(() => tmp.cleanup());
const at = (name: string) => path.join(tmp.dir, name);

fs.writeFileSync(at('garbage'), 'garbage: [unclosed\n');
fs.mkdirSync(at('dir'));
fs.writeFileSync(at('file'), 'a file\n');
fs.writeFileSync(at('bundle.json'), JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', messageSignature: {} }));
fs.writeFileSync(at('trusted_root.json'), '{}');
fs.mkdirSync(at('demo-full'));
fs.writeFileSync(path.join(tmp.dir, 'demo-full', 'left-over'), '');
fs.writeFileSync(at('taken.tsr'), 'already here');
// Nothing listens on port 1: commands that reach the network would fail with LOG_UNREACHABLE, not these codes.
const LOG = 'http://127.0.0.1:1';
const verifyArgs = ['--identity', 'a@example.com', '--issuer', 'https://issuer.example.com', '--trusted-root', at('trusted_root.json')];

function assertClean(r: CliResult): void {
  assert.doesNotMatch(r.stderr, /\b(ENOENT|EISDIR|ENOTDIR|EEXIST|EACCES)\b|\[INTERNAL\]/, 'no errno text, never INTERNAL');
  assert.doesNotMatch(r.stderr, /\bError:|^\s+at .+:\d+:\d+\)?$/m, 'no "Error:" or stack');
  assert.doesNotMatch(r.stderr, /Unexpected token|is not valid JSON|no PEM block labelled/, 'no parser text');
}

const cases: { name: string; args: string[]; exit: number; code: string; says: RegExp }[] = [
  {
    name: 'verify --artifact of a missing file',
    args: ['verify', at('bundle.json'), '--artifact', at('nonexist'), ...verifyArgs],
    exit: 1,
    code: 'FILE_NOT_FOUND',
    says: /Cannot open \S+nonexist: no such file or directory\./,
  },
  { name: 'verify --artifact of a directory', args: ['verify', at('bundle.json'), '--artifact', at('dir'), ...verifyArgs], exit: 1, code: 'NOT_A_FILE', says: /\S+dir: it is a directory, a file was expected\./ },
  {
    name: 'verify of a bundle under a file',
    args: ['verify', path.join(at('file'), 'b.json'), '--artifact', at('file'), ...verifyArgs],
    exit: 1,
    code: 'NOT_A_DIRECTORY',
    says: /\S+file is a file, a directory was expected\./,
  },
  {
    name: 'verify of a message-signature bundle without --artifact',
    args: ['verify', at('bundle.json'), ...verifyArgs],
    exit: 2,
    code: 'USAGE',
    says: /--artifact FILE is required: \S+bundle\.json signs an artifact's digest/,
  },
  { name: 'log monitor --state of garbage', args: ['log', 'monitor', LOG, '--state', at('garbage'), '--once'], exit: 1, code: 'MONITOR_STATE_INVALID', says: /state file \S+garbage is damaged.*move it away/ },
  { name: 'log monitor --state of a directory', args: ['log', 'monitor', LOG, '--state', at('dir'), '--once'], exit: 1, code: 'NOT_A_FILE', says: /--state \S+dir is a directory; give the path of a state file/ },
  {
    name: 'log verify-inclusion --public-key of garbage',
    args: ['log', 'verify-inclusion', LOG, '--index', '0', '--public-key', at('garbage')],
    exit: 2,
    code: 'USAGE',
    says: /--public-key \S+garbage is not a PEM public key/,
  },
  { name: 'log verify-inclusion --public-key missing', args: ['log', 'verify-inclusion', '--url', LOG, '--index', '0', '--public-key', at('nonexist')], exit: 1, code: 'FILE_NOT_FOUND', says: /\S+nonexist: no such file/ },
  { name: 'demo --dir of a non-empty directory', args: ['demo', '--dir', at('demo-full')], exit: 1, code: 'DIR_NOT_EMPTY', says: /The demo needs an empty directory, and \S+demo-full holds 1 item\(s\) \(left-over\)/ },
  { name: 'demo --dir of a file', args: ['demo', '--dir', at('file')], exit: 1, code: 'FILE_EXISTS', says: /Cannot create the directory \S+file: a file with that name is in the way/ },
  { name: 'tsa stamp onto an existing --out', args: ['tsa', 'stamp', at('file'), '--url', LOG, '--out', at('taken.tsr')], exit: 1, code: 'FILE_EXISTS', says: /Cannot create \S+taken\.tsr: it already exists/ },
  { name: 'tsa stamp of a missing file', args: ['tsa', 'stamp', LOG, at('nonexist')], exit: 1, code: 'FILE_NOT_FOUND', says: /\S+nonexist: no such file/ },
  { name: 'tsa stamp --url that is no URL', args: ['tsa', 'stamp', at('file'), '--url', 'notaurl', '--out', at('new.tsr')], exit: 2, code: 'REQUEST_INVALID', says: /^rootsmith: --url must be an http\(s\) URL\. \[REQUEST_INVALID\]$/m },
  { name: 'tsa verify --chain of garbage', args: ['tsa', 'verify', at('file'), '--data', at('file'), '--chain', at('garbage')], exit: 2, code: 'REQUEST_INVALID', says: /^rootsmith: --chain has no PEM certificate\. \[REQUEST_INVALID\]$/m },
  // The URL positionally (as `log` takes it) is accepted: the command goes on to ask the issuer, which is not there.
  { name: 'oidc token with the URL given positionally', args: ['oidc', 'token', LOG, '--email', 'a@example.com'], exit: 1, code: 'OIDC_UNREACHABLE', says: /The test OIDC issuer at http:\/\/127\.0\.0\.1:1 could not be reached/ },
  { name: 'tsa verify --data of a directory', args: ['tsa', 'verify', at('file'), '--data', at('dir'), '--chain', at('garbage')], exit: 1, code: 'NOT_A_FILE', says: /\S+dir: it is a directory/ },
];

for (const c of cases) {
  test(`${c.name}: ${c.code}, exit ${c.exit}, one JSON document with --json`, () => {
    const r = runCli(c.args);
    assert.equal(r.status, c.exit, r.stderr);
    assert.match(r.stderr, c.says);
    assert.match(r.stderr, new RegExp(`\\[${c.code}\\]`));
    assert.equal(r.stderr.split(`[${c.code}]`).length, 2, 'the code is said once');
    assertClean(r);

    const j = runCli([...c.args, '--json']);
    assert.equal(j.status, c.exit, j.stderr);
    if (c.args[1] === 'monitor') {
      // A streaming verb: every line is one JSON object; the failure is the last line, same shape.
      const lines = j.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { ok: boolean; url: string; time: string; error?: { code: string } });
      const last = lines.at(-1)!;
      assert.equal(last.ok, false);
      assert.equal(last.url, LOG);
      assert.equal(last.error?.code, c.code);
    } else {
      const doc = j.json() as { ok: boolean; error: { code: string; message: string } };
      assert.equal(doc.ok, false);
      assert.equal(doc.error.code, c.code);
      assert.match(doc.error.message, c.says.source.startsWith('^rootsmith') ? /./ : c.says);
    }
  });
}
