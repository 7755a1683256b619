// Table-driven checks of the Sigstore JSON timestamp request parser: what is accepted, and what is refused
// with a message naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonRequest } from './json-request';

const hash = Buffer.alloc(32, 7).toString('base64');
const body = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

test('a sigstore-js request: base64 hash and algorithm, no nonce, no certificates', () => {
  const r = parseJsonRequest(body({ artifactHash: hash, hashAlgorithm: 'sha256' }));
  assert.ok(r.ok);
  assert.equal(r.request.hashAlgorithm, 'sha256');
  assert.deepEqual(Buffer.from(r.request.digest), Buffer.alloc(32, 7));
  assert.equal(r.request.nonce, undefined);
  assert.equal(r.request.certReq, undefined);
});

test('a timestamp-authority style request: numeric nonce, certificates, policy', () => {
  const r = parseJsonRequest(body({ artifactHash: hash, hashAlgorithm: 'sha256', nonce: 255, certificates: true, tsaPolicyOID: '1.2.3.4' }));
  assert.ok(r.ok);
  assert.deepEqual([...r.request.nonce!], [0x00, 0xff], 'a positive INTEGER keeps a leading zero octet');
  assert.equal(r.request.certReq, true);
  assert.equal(r.request.policyOid, '1.2.3.4');
  const b64 = parseJsonRequest(body({ artifactHash: hash, hashAlgorithm: 'sha256', nonce: Buffer.from([1, 2, 3]).toString('base64') }));
  assert.ok(b64.ok);
  assert.deepEqual([...b64.request.nonce!], [1, 2, 3]);
});

const refused: [string, string, RegExp][] = [
  ['not JSON', '{"artifactHash":', /not JSON/],
  ['no artifactHash', JSON.stringify({ hashAlgorithm: 'sha256' }), /artifactHash/],
  ['artifactHash not base64', JSON.stringify({ artifactHash: '***', hashAlgorithm: 'sha256' }), /artifactHash: must be base64/],
  ['hashAlgorithm a number', JSON.stringify({ artifactHash: hash, hashAlgorithm: 256 }), /hashAlgorithm/],
  ['negative nonce', JSON.stringify({ artifactHash: hash, hashAlgorithm: 'sha256', nonce: -1 }), /nonce/],
  ['certificates a string', JSON.stringify({ artifactHash: hash, hashAlgorithm: 'sha256', certificates: 'yes' }), /certificates/],
  ['an array', JSON.stringify([{ artifactHash: hash }]), /\(body\)/],
];

for (const [name, text, message] of refused) {
  test(`refused: ${name}`, () => {
    const r = parseJsonRequest(body(text));
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, message);
  });
}
