// The tsa service through the registry, as the GUI and CLI reach it: start a rehearsal TSA in a temp dir, stamp a
// file by path, verify and decode the token, and the typed errors for the wrong order of calls or bad requests.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRegistry, type ServiceImpls } from './registry';
import { createTsaService } from './tsa-service';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-tsa-svc-'));
const tsa = createTsaService();
const registry = createRegistry({ tsa } as Partial<ServiceImpls> as ServiceImpls);
after(async () => {
  await tsa.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

test('stamp before start names the problem', async () => {
  fs.writeFileSync(path.join(dir, 'a.txt'), 'a');
  assert.equal(code(await registry.call('tsa', 'stamp', { path: path.join(dir, 'a.txt') })), 'TSA_NOT_RUNNING');
  const status = await registry.call('tsa', 'status', {});
  assert.ok(status.ok);
  assert.deepEqual(status.value, { running: false, issued: 0, chain: [] });
});

test('requests are validated before anything runs', async () => {
  assert.equal(code(await registry.call('tsa', 'start', { dataDir: dir, key: 'pkcs11:object=x' })), 'REQUEST_INVALID');
  assert.equal(code(await registry.call('tsa', 'start', { dataDir: dir, policy: 'not-an-oid' })), 'REQUEST_INVALID');
  assert.equal(code(await registry.dispatch('tsa', 'stamp', { path: 'a', dataBase64: 'YQ==' })), 'REQUEST_INVALID');
  assert.equal(code(await registry.dispatch('tsa', 'stamp', { dataBase64: 'YQ==', url: 'file:///etc/passwd' })), 'REQUEST_INVALID');
  assert.equal(code(await registry.call('tsa', 'start', { dataDir: dir, key: path.join(dir, 'k.pem'), chainPath: path.join(dir, 'c.pem') })), 'TSA_CONFIG_INVALID');
});

test('start, stamp, verify, decode, stop', async () => {
  const started = await registry.call('tsa', 'start', { dataDir: dir });
  assert.ok(started.ok);
  assert.equal(started.value.running, true);
  assert.equal(started.value.rehearsal, true);
  assert.equal(started.value.chain.length, 2);
  assert.match(started.value.chain[0]!.subject, /O=Rootsmith rehearsal/);
  assert.equal(code(await registry.call('tsa', 'start', { dataDir: dir })), 'TSA_ALREADY_RUNNING');

  const stamped = await registry.call('tsa', 'stamp', { path: path.join(dir, 'a.txt') });
  assert.ok(stamped.ok, JSON.stringify(stamped));
  assert.equal(stamped.value.decoded.status, 'granted');
  const chainPem = started.value.chainPem!;
  const verified = await registry.call('tsa', 'verify', { tokenBase64: stamped.value.tokenBase64, dataBase64: Buffer.from('a').toString('base64'), chainPem });
  assert.ok(verified.ok, JSON.stringify(verified));
  assert.equal(verified.value.serialHex, stamped.value.decoded.token!.serialHex);
  const wrong = await registry.call('tsa', 'verify', { tokenBase64: stamped.value.tokenBase64, dataBase64: Buffer.from('b').toString('base64'), chainPem });
  assert.equal(code(wrong), 'IMPRINT_MISMATCH');
  const decoded = await registry.call('tsa', 'decode', { tokenBase64: stamped.value.tokenBase64 });
  assert.ok(decoded.ok);
  assert.equal(decoded.value.token?.imprint.algorithm, 'sha256');
  assert.equal(code(await registry.call('tsa', 'decode', { tokenBase64: 'AAAA' })), 'TOKEN_INVALID');

  const status = await registry.call('tsa', 'status', {});
  assert.ok(status.ok);
  assert.equal(status.value.issued, 1);
  const stopped = await registry.call('tsa', 'stop', {});
  assert.ok(stopped.ok);
  assert.equal(stopped.value.running, false);
  assert.equal(code(await registry.call('tsa', 'stamp', { url: started.value.url, dataBase64: 'YQ==' })), 'TSA_UNREACHABLE');
});

test('a key that needs a secret is refused without one, naming what is missing', async () => {
  const keyFile = path.join(dir, 'given-key.pem');
  fs.writeFileSync(keyFile, 'placeholder');
  const chainFile = path.join(dir, 'tsa', 'rehearsal-tsa-chain.pem');
  const r = await registry.call('tsa', 'start', { dataDir: path.join(dir, 'given'), key: keyFile, chainPath: chainFile });
  assert.equal(code(r), 'TSA_SECRET_REQUIRED');
});
