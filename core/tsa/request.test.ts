// Request parsing against requests made by the real openssl CLI, plus hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { TimeStampReq } from '@peculiar/asn1-tsp';
import { Extension, Extensions } from '@peculiar/asn1-x509';
import { parseTimestampRequest, requestFromDigest } from './request';

const POLICY = '1.3.6.1.4.1.57264.2.1';

function withDir<T>(fn: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  try {
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function opensslQuery(dir: string, args: string[]): Uint8Array {
  const data = path.join(dir, 'data.txt');
  fs.writeFileSync(data, 'hello rootsmith\n');
  const out = path.join(dir, 'req.tsq');
  execFileSync('openssl', ['ts', '-query', '-data', data, ...args, '-out', out], { stdio: 'pipe' });
  return new Uint8Array(fs.readFileSync(out));
}

test('parses an openssl SHA-256 request with nonce and certReq', () => {
  withDir((dir) => {
    const res = parseTimestampRequest(opensslQuery(dir, ['-sha256', '-cert']), { acceptedPolicies: [POLICY] });
    assert.ok(res.ok, JSON.stringify(res));
    assert.equal(res.request.hashAlgorithm, 'sha256');
    assert.deepEqual(res.request.hashedMessage, new Uint8Array(createHash('sha256').update('hello rootsmith\n').digest()));
    assert.equal(res.request.certReq, true);
    assert.ok(res.request.nonce && res.request.nonce.byteLength > 0);
    assert.equal(res.request.policyOid, undefined);
    // openssl sends SHA-256 with explicit NULL parameters: remembered, so TSTInfo echoes the imprint as sent.
    assert.equal(res.request.hashParamsNull, true);
  });
});

test('parses SHA-384 and SHA-512 requests without nonce or certReq', () => {
  withDir((dir) => {
    for (const alg of ['sha384', 'sha512'] as const) {
      const res = parseTimestampRequest(opensslQuery(dir, [`-${alg}`, '-no_nonce']), { acceptedPolicies: [POLICY] });
      assert.ok(res.ok, JSON.stringify(res));
      assert.equal(res.request.hashAlgorithm, alg);
      assert.equal(res.request.nonce, undefined);
      assert.equal(res.request.certReq, false);
    }
  });
});

test('rejects SHA-1 and MD5 with badAlg', () => {
  withDir((dir) => {
    for (const alg of ['sha1', 'md5']) {
      const res = parseTimestampRequest(opensslQuery(dir, [`-${alg}`]), { acceptedPolicies: [POLICY] });
      assert.equal(res.ok, false);
      assert.equal(!res.ok && res.failure, 'badAlg');
      assert.match(!res.ok ? res.reason : '', new RegExp(alg));
    }
  });
});

test('accepts the configured policy and rejects another with unacceptedPolicy', () => {
  withDir((dir) => {
    const ok = parseTimestampRequest(opensslQuery(dir, ['-sha256', '-tspolicy', POLICY]), { acceptedPolicies: [POLICY] });
    assert.ok(ok.ok);
    assert.equal(ok.request.policyOid, POLICY);
    const bad = parseTimestampRequest(opensslQuery(dir, ['-sha256', '-tspolicy', '1.2.3.4']), { acceptedPolicies: [POLICY] });
    assert.equal(!bad.ok && bad.failure, 'unacceptedPolicy');
  });
});

test('rejects garbage, truncation, trailing bytes and wrong imprint length with badDataFormat', () => {
  withDir((dir) => {
    const good = opensslQuery(dir, ['-sha256']);
    const cases: Uint8Array[] = [
      new Uint8Array(0),
      new Uint8Array([0x30]),
      new TextEncoder().encode('GET / HTTP/1.1\r\n'),
      good.subarray(0, good.byteLength - 3),
      new Uint8Array([...good, 0x00]),
    ];
    for (const c of cases) {
      const res = parseTimestampRequest(c, { acceptedPolicies: [POLICY] });
      assert.equal(!res.ok && res.failure, 'badDataFormat');
    }
    // An imprint that is 31 bytes long but labelled SHA-256: shorten the OCTET STRING and its enclosing lengths.
    const sha256Req = opensslQuery(dir, ['-sha256', '-no_nonce']);
    const short = Uint8Array.from(sha256Req);
    // Layout of openssl's -no_nonce SHA-256 request: 30 len 02 01 01 30 len 30 0d <alg> 04 20 <32 bytes>
    const octetAt = short.indexOf(0x20, 8) - 1;
    assert.equal(short[octetAt], 0x04);
    const cut = new Uint8Array([...short.subarray(0, octetAt), 0x04, 0x1f, ...short.subarray(octetAt + 2, short.byteLength - 1)]);
    cut[1]! -= 1;
    cut[6]! -= 1;
    const res = parseTimestampRequest(cut, { acceptedPolicies: [POLICY] });
    assert.equal(!res.ok && res.failure, 'badDataFormat');
    assert.match(!res.ok ? res.reason : '', /32 bytes/);
  });
});

test('rejects a request carrying extensions with unacceptedExtension', () => {
  withDir((dir) => {
    const req = AsnConvert.parse(opensslQuery(dir, ['-sha256']), TimeStampReq);
    req.extensions = new Extensions([new Extension({ extnID: '1.2.3.4', critical: false, extnValue: new OctetString(new Uint8Array([5, 0])) })]);
    const res = parseTimestampRequest(new Uint8Array(AsnConvert.serialize(req)), { acceptedPolicies: [POLICY] });
    assert.equal(!res.ok && res.failure, 'unacceptedExtension');
  });
});

test('digest requests (Sigstore JSON style) get the same checks', () => {
  const opts = { acceptedPolicies: [POLICY] };
  const digest = new Uint8Array(32).fill(7);
  const ok = requestFromDigest({ hashAlgorithm: 'sha256', digest }, opts);
  assert.ok(ok.ok);
  assert.equal(ok.request.hashOid, '2.16.840.1.101.3.4.2.1');
  assert.equal(ok.request.certReq, false);
  assert.equal(requestFromDigest({ hashAlgorithm: 'SHA-384', digest: new Uint8Array(48) }, opts).ok, true);
  const sha1 = requestFromDigest({ hashAlgorithm: 'sha1', digest: new Uint8Array(20) }, opts);
  assert.equal(!sha1.ok && sha1.failure, 'badAlg');
  const short = requestFromDigest({ hashAlgorithm: 'sha256', digest: new Uint8Array(31) }, opts);
  assert.equal(!short.ok && short.failure, 'badDataFormat');
  const policy = requestFromDigest({ hashAlgorithm: 'sha256', digest, policyOid: '1.2.3' }, opts);
  assert.equal(!policy.ok && policy.failure, 'unacceptedPolicy');
});
