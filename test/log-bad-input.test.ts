// Hostile and broken input to `rootsmith serve --log`: malformed JSON, unknown kinds, wrong signatures, bad
// queries, an oversized body (413) and a client trickling its headers (cut off). Each gets its 4xx { code,
// message }, nothing is logged, and the server keeps answering with the log it had.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import net from 'node:net';
import { fromPem } from '../core/bytes';
import { RekorClient, verifyEntry } from '../app/log-client';
import { signedHashedrekord } from './support/hashedrekord';
import { startServe, type Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-log-bad-');
let served: Served | undefined;
after(async () => {
  await served?.stop();
  tmp.cleanup();
});

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;

const hashedrekord = (artifact: string) => signedHashedrekord(artifact, privateKey, pem);

async function post(url: string, body: string, path = '/api/v1/log/entries'): Promise<{ status: number; json: { code?: string; message?: string } }> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, json: (await res.json()) as { code?: string; message?: string } };
}

/** Sends `text` one byte every `gapMs`; resolves with how many bytes went out before the server closed. */
function trickle(port: number, text: string, gapMs: number): Promise<number> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let sent = 0;
    let timer: ReturnType<typeof setInterval> | undefined;
    socket.on('connect', () => {
      timer = setInterval(() => {
        if (sent >= text.length || socket.destroyed) return;
        socket.write(text[sent]!);
        sent++;
      }, gapMs);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(sent);
    });
  });
}

test('bad input gets a 4xx with a code, slow clients are cut off, and the log is untouched', async () => {
  served = await startServe(['--log', '--data', tmp.dir]);
  const url = served.urls['log']!;
  const client = new RekorClient(url);
  const good = await client.createEntry(hashedrekord('good artifact'));

  const cases: [string, string, number, string][] = [
    ['malformed JSON', '{"kind": "hashedrekord", ', 400, 'ENTRY_MALFORMED'],
    ['not an object', '[1,2,3]', 400, 'ENTRY_MALFORMED'],
    ['unknown kind', JSON.stringify({ ...hashedrekord('a'), kind: 'rekord' }), 400, 'KIND_UNSUPPORTED'],
    ['unknown version', JSON.stringify({ ...hashedrekord('a'), apiVersion: '0.0.2' }), 400, 'KIND_UNSUPPORTED'],
    ['missing spec fields', JSON.stringify({ apiVersion: '0.0.1', kind: 'hashedrekord', spec: { data: {} } }), 400, 'ENTRY_MALFORMED'],
    ['oversized body', ' '.repeat(200 * 1024), 413, 'BODY_TOO_LARGE'],
  ];
  const wrongSig = hashedrekord('a');
  wrongSig.spec.data.hash.value = createHash('sha256').update('b').digest('hex');
  cases.push(['wrong signature', JSON.stringify(wrongSig), 400, 'SIGNATURE_INVALID']);
  const notAKey = hashedrekord('a');
  notAKey.spec.signature.publicKey.content = Buffer.from('not a key').toString('base64');
  cases.push(['key that is not PEM', JSON.stringify(notAKey), 400, 'KEY_UNSUPPORTED']);
  for (const [name, body, status, code] of cases) {
    const r = await post(url, body);
    assert.equal(r.status, status, name);
    assert.equal(r.json.code, code, name);
    assert.ok(r.json.message && r.json.message.length > 0, name);
  }

  const gets: [string, number][] = [
    ['/api/v1/log/entries?logIndex=5', 404],
    ['/api/v1/log/entries?logIndex=-1', 400],
    ['/api/v1/log/entries?logIndex=abc', 400],
    [`/api/v1/log/entries/${'00'.repeat(32)}`, 404],
    ['/api/v1/log/entries/not-a-uuid', 404],
    ['/api/v1/log/proof?firstSize=2&lastSize=1', 400],
    ['/api/v1/log/proof', 400],
    ['/tile/../../log.json', 404],
    ['/nowhere', 404],
  ];
  for (const [path, status] of gets) {
    const res = await fetch(`${url}${path}`);
    assert.equal(res.status, status, path);
  }
  assert.equal((await post(url, '{"logIndexes": "all"}', '/api/v1/log/entries/retrieve')).status, 400);
  assert.equal((await post(url, '{"hash": "md5:abc"}', '/api/v1/index/retrieve')).status, 400);

  // A client sending its headers one byte at a time is cut off long before it finishes.
  const port = Number(new URL(url).port);
  const headers = `POST /api/v1/log/entries HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Padding: ${'a'.repeat(60)}\r\n\r\n`;
  const sent = await trickle(port, headers, 100);
  assert.ok(sent < headers.length, `cut off after ${sent} of ${headers.length} bytes`);

  // Still serving, with exactly the one good entry, which still verifies.
  const info = await client.logInfo();
  assert.equal(info.treeSize, 1);
  const again = await client.entryByIndex(0);
  assert.equal(again.uuid, good.uuid);
  assert.equal(verifyEntry(again.entry, fromPem(await client.publicKey(), 'PUBLIC KEY')).ok, true);
});
