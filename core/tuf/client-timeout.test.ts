// The tuf-js client gives up on a mirror that accepts connections but never answers (fetchTimeout), and on one
// that refuses them, with DOWNLOAD_FAILED naming the URL, instead of waiting tuf-js's default 100 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { verifyWithClient } from './index';
import { fixturesDir } from '../testing/fixtures';

const trustedRoot = () => new Uint8Array(fs.readFileSync(fixturesDir('root-signing-published', 'initial_root.json')));

/** A TCP server that accepts every connection and never says a word. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

test('a mirror that never answers fails the client after fetchTimeoutMs with DOWNLOAD_FAILED naming the URL', async () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  const server = await silentServer();
  try {
    await assert.rejects(
      verifyWithClient({ trustedRoot: trustedRoot(), metadataBaseUrl: `${server.url}/metadata`, targetBaseUrl: `${server.url}/targets`, workDir, fetchTimeoutMs: 300 }),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, 'DOWNLOAD_FAILED', e.message);
        assert.ok(e.message.includes(`${server.url}/metadata/`), e.message);
        assert.match(e.message, /did not answer in time/);
        return true;
      },
    );
  } finally {
    await server.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
});

test('a refused connection fails the client with DOWNLOAD_FAILED naming the URL', async () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  const server = await silentServer();
  const url = server.url;
  await server.close();
  try {
    await assert.rejects(
      verifyWithClient({ trustedRoot: trustedRoot(), metadataBaseUrl: `${url}/metadata`, targetBaseUrl: `${url}/targets`, workDir }),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, 'DOWNLOAD_FAILED', e.message);
        assert.ok(e.message.includes(`${url}/metadata/`), e.message);
        assert.match(e.message, /connection refused/);
        return true;
      },
    );
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
});
