// `rootsmith log monitor` against `rootsmith serve --log`: consistent growth (with identity matches), then a split
// view (another log with the same key and origin at the same URL) and a rollback, each reported loudly with
// exit 1 and the trusted state kept.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RekorClient } from '../app/log-client';
import { runCli } from './support/cli';
import { freePort, identityKey, post, serveLogOn } from './support/log-identities';
import type { Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-log-monitor-');
const running: Served[] = [];
after(async () => {
  for (const s of running) await s.stop();
  tmp.cleanup();
});

const serveOn = (dir: string, port: number) => serveLogOn(dir, port, running);

/** A new data dir holding the same log key and parameters (tree ID, origin) as `from`, but no entries. */
function cloneIdentity(from: string, to: string): void {
  fs.mkdirSync(path.join(to, 'log'), { recursive: true });
  for (const f of ['log.json', 'rehearsal-log-key.pem', 'rehearsal-log-key.passphrase']) fs.copyFileSync(path.join(from, 'log', f), path.join(to, 'log', f));
}

test('the monitor follows consistent growth, names matching identities, and alarms on split view and rollback', async () => {
  const alice = await identityKey('alice@example.com');
  const bob = await identityKey('bob@example.com');
  const port = await freePort();
  const dirA = path.join(tmp.dir, 'm-a');
  const state = path.join(tmp.dir, 'monitor.json');
  let s = await serveOn(dirA, port);
  const url = s.urls['log']!;
  const client = new RekorClient(url);
  for (let i = 0; i < 3; i++) await post(client, bob, `m ${i}`);

  const first = runCli(['log', 'monitor', url, '--state', state, '--once', '--json']);
  assert.equal(first.status, 0, first.stderr);
  assert.equal((JSON.parse(first.stdout) as { status: string }).status, 'first');

  await post(client, bob, 'm 3');
  const mine = await post(client, alice, 'm 4');
  const second = runCli(['log', 'monitor', url, '--state', state, '--once', '--identity', 'alice@example.com', '--json']);
  assert.equal(second.status, 0, second.stderr);
  const line = JSON.parse(second.stdout) as { status: string; current: { size: number }; matches: { logIndex: number }[] };
  assert.equal(line.status, 'consistent');
  assert.equal(line.current.size, 5);
  assert.deepEqual(line.matches.map((m) => m.logIndex), [mine.entry.logIndex]);
  const trusted = fs.readFileSync(state, 'utf8');
  await s.stop();

  // Split view: the same key and origin at the same URL, but a different history that is longer.
  const dirB = path.join(tmp.dir, 'm-b');
  cloneIdentity(dirA, dirB);
  s = await serveOn(dirB, port);
  for (let i = 0; i < 7; i++) await post(client, bob, `fork ${i}`);
  const split = runCli(['log', 'monitor', url, '--state', state, '--once']);
  assert.equal(split.status, 1);
  assert.match(split.stdout, /!!! SPLIT VIEW/);
  assert.match(split.stderr, /\[SPLIT_VIEW\]/);
  assert.equal(fs.readFileSync(state, 'utf8'), trusted, 'the trusted checkpoint is kept');
  await s.stop();

  // Rollback: the same identity with fewer entries than the trusted checkpoint.
  const dirC = path.join(tmp.dir, 'm-c');
  cloneIdentity(dirA, dirC);
  s = await serveOn(dirC, port);
  await post(client, bob, 'short');
  const rollback = runCli(['log', 'monitor', url, '--state', state, '--once', '--json']);
  assert.equal(rollback.status, 1);
  // One JSON object per line and nothing else: the alarm is its own line, with the error folded in.
  const lines = rollback.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { status: string; ok: boolean; error?: { code: string } });
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.status, 'rollback');
  assert.equal(lines[0]!.ok, false);
  assert.equal(lines[0]!.error?.code, 'ROLLBACK');
  assert.match(rollback.stderr, /\[ROLLBACK\]/);
  await s.stop();
});
