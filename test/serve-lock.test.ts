// `rootsmith serve` holds its data directory for its whole life: a second serve on the same --data is refused
// (exit 1, the holder named) while the first keeps serving; a SIGKILLed serve's lock is taken over; starting
// only some services keeps the saved ports of the others.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RekorClient } from '../app/log-client';
import { runCli } from './support/cli';
import { startServe, type Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-serve-lock-');
const running: Served[] = [];
after(async () => {
  for (const s of running) await s.stop();
  tmp.cleanup();
});

const readPorts = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'serve-ports.json'), 'utf8')) as Record<string, number>;

test('a second serve on the same --data exits 1 naming the first, which keeps serving', async () => {
  const dir = path.join(tmp.dir, 'busy');
  const first = await startServe(['--log', '--data', dir]);
  running.push(first);
  const portsBefore = readPorts(dir);

  const second = runCli(['serve', '--log', '--data', dir]);
  assert.equal(second.status, 1, second.stderr);
  assert.equal(second.stdout, '', 'the second serve announces no URLs');
  assert.match(
    second.stderr,
    new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by rootsmith serve \\(pid ${first.child.pid}, since \\d{4}-\\d\\d-\\d\\dT[^)]+\\); stop it first\\..*\\[DATA_DIR_IN_USE\\]`),
  );

  // The first one still answers, and its remembered ports were not touched.
  const info = await new RekorClient(first.urls['log']!).logInfo();
  assert.equal(info.treeSize, 0);
  assert.deepEqual(readPorts(dir), portsBefore);

  assert.equal(await first.stop(), 0);
  assert.equal(fs.existsSync(path.join(dir, 'serve.lock')), false, 'a clean shutdown releases the lock');
});

test("a SIGKILLed serve's stale lock is taken over with a note", async () => {
  const dir = path.join(tmp.dir, 'killed');
  const first = await startServe(['--log', '--data', dir]);
  first.child.kill('SIGKILL');
  await first.stop();
  const lock = JSON.parse(fs.readFileSync(path.join(dir, 'serve.lock'), 'utf8')) as { pid: number };
  assert.equal(lock.pid, first.child.pid, 'SIGKILL left the lock behind');

  const second = await startServe(['--log', '--data', dir]);
  running.push(second);
  assert.match(second.stderr(), new RegExp(`locked by pid ${first.child.pid} \\(since [^)]+\\), which is no longer running; taking the lock over`));
  assert.equal((JSON.parse(fs.readFileSync(path.join(dir, 'serve.lock'), 'utf8')) as { pid: number }).pid, second.child.pid);
  assert.equal(await second.stop(), 0);
});

test('a --log-only run keeps the saved ports of the other services', async () => {
  const dir = path.join(tmp.dir, 'ports');
  const both = await startServe(['--log', '--oidc', '--data', dir]);
  running.push(both);
  const oidcPort = Number(new URL(both.urls['oidc']!).port);
  assert.equal(await both.stop(), 0);
  assert.equal(readPorts(dir)['oidc'], oidcPort);

  const logOnly = await startServe(['--log', '--data', dir]);
  running.push(logOnly);
  assert.equal(await logOnly.stop(), 0);
  const ports = readPorts(dir);
  assert.equal(ports['oidc'], oidcPort, 'the OIDC issuer keeps its port for the next full start');
  assert.equal(ports['log'], Number(new URL(logOnly.urls['log']!).port));
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.includes('.tmp') || f.startsWith('.serve.lock')),
    [],
    'no temporary files are left behind',
  );
});
