// The log explorer's backend service through the real registry: it starts the embedded log (the starter of
// `rootsmith serve --log`), reads it through the Rekor API as entries arrive by POST, decodes and key-checks
// entries, searches, serves consistency proofs between checkpoints it saw, merges the checkpoints
// `rootsmith log monitor` recorded, and answers bad requests and unreachable logs with typed errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { fromHex } from '../core/bytes';
import { verifyConsistency } from '../core/tlog';
import { RekorClient } from '../app/log-client/rekor-client';
import { createBackend, type Backend } from '../app/services';
import type { Result } from '../app/contract';
import { cliEntry, projectRoot } from './support/paths';
import { proposeEntry } from './support/log-data';
import { makeTempDir } from './support/temp-dir';

const home = makeTempDir('rs-log-service-');
let backend: Backend;

before(() => {
  process.env.ROOTSMITH_HOME = home.dir;
  // The monitor's default state file lives under the home directory: keep it inside this test.
  process.env.HOME = home.dir;
  backend = createBackend('web-host');
});
after(() => {
  backend.dispose();
  home.cleanup();
});

function ok<T>(r: Result<T>): T {
  if (!r.ok) assert.fail(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function failsWith(r: Result<unknown>, code: string): string {
  assert.equal(r.ok, false, `expected ${code}`);
  if (r.ok) return '';
  assert.equal(r.error.code, code, r.error.message);
  return r.error.message;
}

const digest = (label: string) => createHash('sha256').update(label).digest('hex');

test('the embedded log explored end to end, with typed errors for what cannot be done', async () => {
  const call = backend.registry.call;
  failsWith(await call('log', 'connect', {}), 'LOG_EMBEDDED_NOT_RUNNING');
  const started = ok(await call('log', 'startEmbedded', { dataDir: `${home.dir}/serve` }));
  assert.equal(started.running, true);
  failsWith(await call('log', 'startEmbedded', {}), 'LOG_EMBEDDED_ALREADY_RUNNING');
  const url = started.url!;

  const empty = ok(await call('log', 'connect', {}));
  assert.equal(empty.embedded, true);
  assert.equal(empty.treeSize, 0);
  assert.equal(empty.checkpoint.signature, 'valid');
  assert.match(empty.publicKeyPem ?? '', /BEGIN PUBLIC KEY/);

  const client = new RekorClient(url);
  for (const label of ['a', 'b', 'c']) await client.createEntry(proposeEntry(label));
  const info = ok(await call('log', 'info', { url }));
  assert.equal(info.treeSize, 3);
  assert.deepEqual(ok(await call('log', 'checkpoints', { url })).checkpoints.map((c) => [c.treeSize, c.source, c.signature]), [
    [0, 'session', 'valid'],
    [3, 'session', 'valid'],
  ]);

  const page = ok(await call('log', 'entries', { url, start: 0, count: 200 }));
  assert.deepEqual(page.rows.map((r) => r.index), [0, 1, 2], 'a page past the end is cut at the log size');
  assert.deepEqual(page.rows.map((r) => r.digestHex), ['a', 'b', 'c'].map(digest));
  assert.ok(page.rows.every((r) => r.kind === 'hashedrekord' && /^ECDSA P-256 key [0-9a-f]{16}$/.test(r.identity ?? '')));

  const entry = ok(await call('log', 'entry', { url, uuid: page.rows[1]!.uuid }));
  assert.equal(entry.index, 1);
  assert.deepEqual(entry.verification, { signedEntryTimestamp: 'valid', inclusion: 'valid', checkpointSignature: 'valid', problems: [] });
  assert.equal(entry.body.digest?.hex, digest('b'));
  assert.equal(entry.proof?.treeSize, 3);
  assert.equal(entry.proof?.checkpoint?.rootHashHex, info.rootHashHex);
  assert.equal(ok(await call('log', 'entry', { url, index: 2 })).uuid, page.rows[2]!.uuid);

  // Search: an index, an artifact digest through the log's index, an identity (scanned), and nonsense.
  assert.deepEqual(ok(await call('log', 'search', { url, query: '2' })).rows.map((r) => r.index), [2]);
  const byHash = ok(await call('log', 'search', { url, query: `sha256:${digest('c')}` }));
  assert.deepEqual([byHash.interpretedAs, byHash.rows.map((r) => r.index)], ['hash', [2]]);
  const byUuid = ok(await call('log', 'search', { url, query: page.rows[0]!.uuid }));
  assert.deepEqual([byUuid.interpretedAs, byUuid.rows.map((r) => r.index)], ['uuid', [0]]);
  const byEmail = ok(await call('log', 'search', { url, query: 'nobody@example.com' }));
  assert.deepEqual([byEmail.interpretedAs, byEmail.rows.length], ['identity', 0]);
  assert.match(byEmail.note ?? '', /newest 3 entries/);
  failsWith(await call('log', 'search', { url, query: 'hello there' }), 'SEARCH_UNSUPPORTED');

  // Consistency between two checkpoints seen; the proof checks out with core's verifier.
  await client.createEntry(proposeEntry('d'));
  const grown = ok(await call('log', 'info', { url }));
  const proof = ok(await call('log', 'consistency', { url, firstSize: 3, secondSize: 4 }));
  assert.equal(proof.firstRootHex, info.rootHashHex);
  assert.equal(proof.secondRootHex, grown.rootHashHex);
  verifyConsistency(3, 4, proof.hashesHex.map(fromHex), fromHex(proof.firstRootHex), fromHex(proof.secondRootHex));
  assert.deepEqual(ok(await call('log', 'consistency', { url, firstSize: 4, secondSize: 4 })).hashesHex, []);
  assert.match(failsWith(await call('log', 'consistency', { url, firstSize: 2, secondSize: 4 }), 'CHECKPOINT_UNKNOWN'), /size 2/);

  // Requests the contract refuses before anything runs.
  failsWith(await call('log', 'entries', { url, start: 0, count: 201 }), 'REQUEST_INVALID');
  failsWith(await call('log', 'consistency', { url, firstSize: 4, secondSize: 3 }), 'REQUEST_INVALID');
  failsWith(await call('log', 'entry', { url }), 'REQUEST_INVALID');
  failsWith(await call('log', 'entries', { url, start: 10, count: 5 }), 'INDEX_OUT_OF_RANGE');

  // What `rootsmith log monitor` recorded for this URL joins the history (it ran before this "session" began).
  // (Spawned asynchronously: the log it polls runs in this very process.)
  await promisify(execFile)(process.execPath, [cliEntry, 'log', 'monitor', url, '--once', '--json'], { cwd: projectRoot, env: { ...process.env, HOME: home.dir }, timeout: 30_000 });
  const fresh = createBackend('web-host');
  try {
    const history = ok(await fresh.registry.call('log', 'checkpoints', { url })).checkpoints;
    assert.deepEqual(history.map((c) => [c.treeSize, c.source]), [[4, 'monitor']]);
  } finally {
    fresh.dispose();
  }

  assert.equal(ok(await call('log', 'stopEmbedded', {})).running, false);
  failsWith(await call('log', 'connect', {}), 'LOG_EMBEDDED_NOT_RUNNING');
  failsWith(await call('log', 'info', { url }), 'LOG_UNREACHABLE');
});
