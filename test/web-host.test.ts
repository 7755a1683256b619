// The web host's gate and contract over HTTP: token required, bad requests get typed 400s, other origins refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createBackend, type Backend } from '../app/services';
import { startWebHost, type WebHost } from '../app/web-host/server';
import { rendererDir } from './support/paths';

let backend: Backend;
let host: WebHost;

before(async () => {
  backend = createBackend('web-host');
  host = await startWebHost({ registry: backend.registry, progress: backend.progress, rendererDir });
});
after(async () => {
  await host.close();
  backend.dispose();
});

function call(path: string, opts: { token?: string; body?: string; headers?: Record<string, string>; method?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
    if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
    const req = http.request({ host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.method === 'GET' ? undefined : (opts.body ?? '{}'));
  });
}

test('a call without the launch token is refused with 401', async () => {
  const r = await call('/api/system/status');
  assert.equal(r.status, 401);
  assert.equal(JSON.parse(r.body).error.code, 'UNAUTHORIZED');
});

test('a call with a wrong token is refused with 401', async () => {
  const r = await call('/api/system/status', { token: 'x'.repeat(43) });
  assert.equal(r.status, 401);
});

test('a call with the token is answered', async () => {
  const r = await call('/api/system/status', { token: host.token });
  assert.equal(r.status, 200);
  const body = JSON.parse(r.body);
  assert.equal(body.ok, true);
  assert.equal(body.value.transport, 'web-host');
});

test('malformed JSON gets 400 REQUEST_INVALID', async () => {
  const r = await call('/api/keys/list', { token: host.token, body: '{"token":' });
  assert.equal(r.status, 400);
  assert.equal(JSON.parse(r.body).error.code, 'REQUEST_INVALID');
});

test('a request failing its schema gets 400 with the code and the field named', async () => {
  const r = await call('/api/keys/generate', { token: host.token, body: JSON.stringify({ token: 't', label: 'k', curve: 'rsa4096' }) });
  assert.equal(r.status, 400);
  const body = JSON.parse(r.body);
  assert.equal(body.error.code, 'REQUEST_INVALID');
  assert.match(body.error.message, /curve/);
});

test('an unknown method gets 400 UNKNOWN_METHOD', async () => {
  const r = await call('/api/keys/exportPrivateKey', { token: host.token });
  assert.equal(r.status, 400);
  assert.equal(JSON.parse(r.body).error.code, 'UNKNOWN_METHOD');
});

test('a page from another origin cannot call the API', async () => {
  const r = await call('/api/system/status', { token: host.token, headers: { origin: 'http://evil.example' } });
  assert.equal(r.status, 403);
  assert.equal(JSON.parse(r.body).error.code, 'ORIGIN_REJECTED');
});

test('a request for another host name (DNS rebinding) is refused', async () => {
  const r = await call('/api/system/status', { token: host.token, headers: { host: `attacker.example:${host.port}` } });
  assert.equal(r.status, 403);
  assert.equal(JSON.parse(r.body).error.code, 'HOST_REJECTED');
});

test('an oversized body gets 413', async () => {
  const r = await call('/api/system/status', { token: host.token, body: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }) });
  assert.equal(r.status, 413);
});

test('the UI is served with a strict content security policy and no path escapes', async () => {
  const page = await call('/', { method: 'GET' });
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
  const escape = await call('/..%2f..%2fpackage.json', { method: 'GET' });
  assert.equal(escape.status, 404);
});

test('the web host listens on loopback only', () => {
  assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('progress events reach a subscribed client as server-sent events, only with the token', async () => {
  const refused = await call('/api/events', { method: 'GET' });
  assert.equal(refused.status, 401);
  const received = await new Promise<string>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { authorization: `Bearer ${host.token}` } }, (res) => {
      assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes(': connected')) backend.progress.emit({ operation: 'test', message: 'halfway there', done: 1, total: 2 });
        if (text.includes('halfway')) {
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
    req.end();
  });
  assert.match(received, /data: \{"operation":"test","message":"halfway there","done":1,"total":2\}/);
});
