// The TSA's HTTP edges, through the real `rootsmith serve --tsa`: wrong content type 415, oversized body 413, GET on
// the POST endpoint 405, malformed JSON 400, each with { code, message }, and the server keeps serving; serial
// numbers stay unique across a restart with the same data directory.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { decodeTimestamp } from '../core/tsa';
import { startServe, type Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-tsa-http-');
const running: Served[] = [];
after(async () => {
  for (const s of running) await s.stop();
  tmp.cleanup();
});

fs.writeFileSync(path.join(tmp.dir, 'data.txt'), 'stamp me\n');
execFileSync('openssl', ['ts', '-query', '-data', path.join(tmp.dir, 'data.txt'), '-sha256', '-cert', '-out', path.join(tmp.dir, 'q.tsq')], { stdio: 'pipe' });
const query = fs.readFileSync(path.join(tmp.dir, 'q.tsq'));

async function stamp(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/timestamp`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: query });
  assert.equal(res.status, 200);
  const decoded = decodeTimestamp(new Uint8Array(await res.arrayBuffer()));
  assert.equal(decoded.status, 'granted');
  return decoded.token!.serialHex;
}

async function jsonError(res: Response, status: number, code: string): Promise<string> {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await res.json()) as { code: string; message: string };
  assert.equal(body.code, code);
  assert.ok(body.message.length > 20, `a message a person can act on: ${body.message}`);
  return body.message;
}

test('wrong content type, oversized body, wrong method and bad JSON get clear 4xx; the server keeps serving', async () => {
  const served = await startServe(['--tsa', '--data', path.join(tmp.dir, 'errors')]);
  running.push(served);
  const url = served.urls.tsa!;
  await stamp(url);

  const m415 = await jsonError(await fetch(`${url}/api/v1/timestamp`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: query }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  assert.match(m415, /application\/timestamp-query/);
  await jsonError(await fetch(`${url}/`, { method: 'POST', body: query }), 415, 'UNSUPPORTED_MEDIA_TYPE');

  const big = Buffer.alloc(64 * 1024, 0x30);
  const m413 = await jsonError(await fetch(`${url}/api/v1/timestamp`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: big }), 413, 'BODY_TOO_LARGE');
  assert.match(m413, /larger than/);

  const m405 = await jsonError(await fetch(`${url}/api/v1/timestamp`), 405, 'METHOD_NOT_ALLOWED');
  assert.match(m405, /POST/);
  await jsonError(await fetch(`${url}/api/v1/timestamp/certchain`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: query }), 405, 'METHOD_NOT_ALLOWED');
  await jsonError(await fetch(`${url}/api/v2/nothing`), 404, 'NOT_FOUND');
  await jsonError(await fetch(`${url}/api/v1/timestamp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"artifactHash":' }), 400, 'REQUEST_INVALID');
  const rejected = await jsonError(
    await fetch(`${url}/api/v1/timestamp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ artifactHash: Buffer.alloc(20).toString('base64'), hashAlgorithm: 'sha1' }) }),
    400,
    'TIMESTAMP_REJECTED',
  );
  assert.match(rejected, /badAlg/);

  // A DER request that is not a TimeStampReq: a rejection TimeStampResp (RFC 3161 2.4.2) with HTTP 400.
  const garbage = await fetch(`${url}/api/v1/timestamp`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: Buffer.from('not der') });
  assert.equal(garbage.status, 400);
  assert.equal(garbage.headers.get('content-type'), 'application/timestamp-reply');
  const decoded = decodeTimestamp(new Uint8Array(await garbage.arrayBuffer()));
  assert.equal(decoded.status, 'rejection');
  assert.deepEqual(decoded.failures, ['badDataFormat']);

  // A Sigstore-style JSON request works on the same endpoint.
  const digest = createHash('sha256').update('stamp me\n').digest('base64');
  const viaJson = await fetch(`${url}/api/v1/timestamp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ artifactHash: digest, hashAlgorithm: 'sha256', certificates: true, nonce: 1234567 }) });
  assert.equal(viaJson.status, 200);
  const token = decodeTimestamp(new Uint8Array(await viaJson.arrayBuffer())).token!;
  assert.equal(token.nonceHex, (1234567).toString(16).padStart(6, '0'));
  assert.ok(token.signer, 'certificates: true puts the TSA certificate in the token');

  // A body that never ends with its declared length: cut off by the server's timeouts, not held forever.
  await new Promise<void>((resolve) => {
    const req = http.request(`${url}/api/v1/timestamp`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query', 'content-length': 100 } });
    req.on('response', (res) => {
      res.resume();
      resolve();
    });
    req.on('error', () => resolve());
    req.write(Buffer.alloc(10));
    setTimeout(() => req.destroy(), 200);
  });
  await stamp(url);
  assert.equal(await served.stop(), 0);
});

test('serials stay unique across a restart of the server with the same data directory', async () => {
  const data = path.join(tmp.dir, 'serials');
  const first = await startServe(['--tsa', '--data', data]);
  running.push(first);
  const before = [await stamp(first.urls.tsa!), await stamp(first.urls.tsa!)];
  assert.equal(await first.stop(), 0);
  const second = await startServe(['--tsa', '--data', data]);
  running.push(second);
  const afterRestart = [await stamp(second.urls.tsa!), await stamp(second.urls.tsa!)];
  const all = [...before, ...afterRestart];
  assert.equal(new Set(all).size, all.length, `serials repeat: ${all.join(' ')}`);
  // Increasing over time as well: the counter part is persisted ahead of use.
  const value = (hex: string) => BigInt(`0x${hex}`);
  assert.ok(value(afterRestart[0]!) > value(before[1]!), 'serials after the restart are larger than before it');
  await second.stop();
});
