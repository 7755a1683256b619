// Network clients of the CLI never hang silently: `log get` and `tuf verify` against a server that accepts the
// connection but never answers exit 1 after --timeout with a message naming the URL; a closed port gives a
// clear "connection refused" naming the URL instead of a bare "fetch failed".
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { fixturesDir } from '../core/testing/fixtures';
import { runCli } from './support/cli';
import { cliEntry, projectRoot } from './support/paths';

const firstRoot = fixturesDir('root-signing-published', 'initial_root.json');

/** The CLI as a child process, without blocking this process (which runs the silent server). */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliEntry, ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    // A hang is the bug under test: give up well before the test runner would, and say so.
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Accepts every connection and never says a word. */
const sockets = new Set<net.Socket>();
const silent = net.createServer((s) => {
  sockets.add(s);
  s.on('error', () => undefined);
});
const silentUrl = new Promise<string>((resolve) => silent.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`)));
after(() => {
  for (const s of sockets) s.destroy();
  silent.close();
});

/** A port nothing listens on (taken, then freed). */
function closedPortUrl(): Promise<string> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('log get against a log that never answers exits 1 after --timeout, naming the URL', async () => {
  const url = await silentUrl;
  const r = await cli(['log', 'get', url, '--index', '0', '--timeout', '1']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`The log at ${escape(url)}/api/v1/log/entries\\?logIndex=0 did not answer within 1 s\\. Check that the URL is the right address.*\\[LOG_TIMEOUT\\]`));
});

test('tuf verify against a mirror that never answers exits 1 after --timeout, naming the URL', async () => {
  const url = await silentUrl;
  const r = await cli(['tuf', 'verify', '--root', firstRoot, '--repo', url, '--timeout', '1']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`${escape(url)}/13\\.root\\.json: no answer within 1 s\\. Check the URL.*\\[DOWNLOAD_FAILED\\]`));
});

test('a closed port is reported as refused, naming the URL, not as "fetch failed"', async () => {
  const url = await closedPortUrl();
  const log = runCli(['log', 'get', url, '--index', '0']);
  assert.equal(log.status, 1, log.stderr);
  assert.match(log.stderr, new RegExp(`Nothing accepts connections at ${escape(url)}/api/v1/log/entries\\?logIndex=0 \\(connection refused\\)\\. Check the URL and its port.*\\[LOG_UNREACHABLE\\]`));
  const tuf = runCli(['tuf', 'verify', '--root', firstRoot, '--repo', url]);
  assert.equal(tuf.status, 1, tuf.stderr);
  assert.match(tuf.stderr, new RegExp(`${escape(url)}/13\\.root\\.json: could not connect \\(connection refused\\)`));
  for (const r of [log, tuf]) assert.doesNotMatch(r.stderr, /fetch failed/);
});

test('--timeout is checked like any option', () => {
  const r = runCli(['log', 'get', 'http://127.0.0.1:9', '--index', '0', '--timeout', 'soon']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--timeout must be a number of seconds/);
});
