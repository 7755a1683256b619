// The Rekor client against servers that misbehave on the wire: a silent one times out once (no retry, so the
// user waits --timeout, not three times it), a dropped GET connection is retried, a dropped POST never is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { LogClientError } from './errors';
import { RekorClient } from './rekor-client';

const PEM = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n';

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

test('a log that accepts and never answers fails once with LOG_TIMEOUT naming the URL', async () => {
  let connections = 0;
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => {
    connections++;
    sockets.push(s);
  });
  const url = await listen(server);
  try {
    await assert.rejects(new RekorClient(url, fetch, { timeoutMs: 300 }).logInfo(), (e: unknown) => {
      assert.ok(e instanceof LogClientError);
      assert.equal(e.code, 'LOG_TIMEOUT');
      assert.equal(e.message, `The log at ${url}/api/v1/log did not answer within 0.3 s. Check that the URL is the right address and that the server there is running and not stuck.`);
      return true;
    });
    assert.equal(connections, 1, 'a timeout is not retried');
  } finally {
    for (const s of sockets) s.destroy();
    server.close();
  }
});

test('a GET whose connection is dropped is retried; a POST is not', async () => {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    if (requests === 1 || req.method === 'POST') {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(PEM);
  });
  const url = await listen(server);
  try {
    const client = new RekorClient(url);
    assert.equal(await client.publicKey(), PEM);
    assert.equal(requests, 2);
    await assert.rejects(client.createEntry({}), (e: unknown) => e instanceof LogClientError && e.code === 'LOG_UNREACHABLE' && e.message.includes(`${url}/api/v1/log/entries`));
    assert.equal(requests, 3, 'the POST was sent once');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
