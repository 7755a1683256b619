// The "this key may not sign" refusal as signers read it (CLI and GUI share the service): the chosen key named by
// its file name or its label and token, with its TUF key ID, and the keys that may sign by owner and key ID; never
// a raw PKCS#11 URI or module path. Also the GUI's wording for "not a repository" (renderer/trust-root/open-problem),
// which points to the create form on the screen instead of CLI syntax.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ApiError } from '../app/contract';
import { signerName } from '../app/services/tuf/signer-name';
import { loadRendererModule } from './support/renderer-module';
import { makeTempDir } from './support/temp-dir';
import { softwareKey, tuf, tufOk } from './support/tuf';

test('signing with a key of another role: the key file and key ID are named, with the allowed owners and key IDs', () => {
  const tmp = makeTempDir('rs-tuf-wrong-key-');
  try {
    const k = Object.fromEntries(['root', 'targets', 'snapshot', 'timestamp', 'stranger'].map((n) => [n, softwareKey(path.join(tmp.dir, 'keys'), n)]));
    const repo = path.join(tmp.dir, 'repo');
    tufOk(['init', repo, '--root-key', `alice=${k['root']!.pub}`, '--root-threshold', '1', '--targets-key', `release-team=${k['targets']!.pub}`, '--snapshot-key', k['snapshot']!.pub, '--timestamp-key', k['timestamp']!.pub]);
    tufOk(['request', repo]);
    const request = path.join(repo, 'staged', 'requests', 'root.request.json');
    const r = tuf(['sign', request, '--key', k['stranger']!.key, '--passphrase-env', 'RS_PASS', '--out', path.join(tmp.dir, 'x.sig.json')]);
    assert.equal(r.status, 1);
    const err = (r.json() as { ok: false; error: ApiError }).error;
    assert.equal(err.code, 'KEY_NOT_IN_ROLE');
    assert.match(err.message, /^The key file stranger\.key \(key ID [0-9a-f]{16}…\) is not one of the root keys, so it may not sign root v1\. Choose one of: alice \(key ID [0-9a-f]{16}…\)\.$/);
  } finally {
    tmp.cleanup();
  }
});

test('signerName: token keys by label and token, PKCS#11 URIs by object and token without the module path, files by name', () => {
  const cases: [Parameters<typeof signerName>[0], string][] = [
    [{ kind: 'token', token: 'ceremony', label: 'root ca/key' }, 'key "root ca/key" on token "ceremony"'],
    [{ kind: 'ref', ref: 'pkcs11:token=ceremony;object=root%20ca%2Fkey;id=%95%A6;type=private?module-path=/usr/lib/softhsm/libsofthsm2.so', secret: '' }, 'key "root ca/key" on token "ceremony"'],
    [{ kind: 'ref', ref: 'pkcs11:id=%01?module-path=/x.so', secret: '' }, 'key pkcs11:id=%01'],
    [{ kind: 'ref', ref: '/home/bob/keys/bob.key', secret: 'p' }, 'key file bob.key'],
  ];
  for (const [spec, want] of cases) assert.equal(signerName(spec), want);
});

interface OpenProblemModule {
  openProblem(dir: string, error: ApiError): { code: string; message: string; suggestCreate: boolean };
}

test('openProblem: "not a repository" points to the Create a repository form, in no CLI syntax; other errors pass through', () => {
  const { openProblem } = loadRendererModule<OpenProblemModule>('trust-root/open-problem.ts');
  const cli = { code: 'REPO_NOT_FOUND', message: 'No TUF repository in /r: rootsmith-tuf.json is missing. Name the repository\'s directory (rootsmith tuf VERB ... DIR, or --repo DIR), or create one with rootsmith tuf init DIR.' };
  const p = openProblem('/r', cli);
  assert.equal(p.suggestCreate, true);
  assert.match(p.message, /^\/r is not a Rootsmith TUF repository .* "Create a repository" form below\.$/);
  assert.doesNotMatch(p.message, /rootsmith tuf|--repo/);
  assert.deepEqual(openProblem('/r', { code: 'METADATA_INVALID', message: 'bad config' }), { code: 'METADATA_INVALID', message: 'bad config', suggestCreate: false });
});
