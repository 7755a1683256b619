// The fast request reader against the library parser: whatever it accepts, parseTimestampRequest parses to the
// very same TimestampRequest; it takes the common shapes (so the fast path is really used) and leaves every
// unusual, non-DER or rejectable request to the library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { MessageImprint, TimeStampReq } from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier, Extension, Extensions } from '@peculiar/asn1-x509';
import { fromHex, toHex } from '../bytes';
import { HASH_OID, OID } from './algorithms';
import { derUnsignedInteger } from './der-template';
import { parseTimestampRequest } from './request';
import { FastRequestReader } from './request-fast';

const POLICY = '1.3.6.1.4.1.57264.2.1';
const reader = new FastRequestReader([POLICY]);
const HASHES = [
  { oid: HASH_OID.sha256, length: 32 },
  { oid: HASH_OID.sha384, length: 48 },
  { oid: HASH_OID.sha512, length: 64 },
  { oid: OID.sha1, length: 20 },
];

interface Shape {
  hash: number;
  paramsNull: boolean;
  lengthDelta: number;
  policy: 'none' | 'accepted' | 'other';
  nonce: { kind: 'none' } | { kind: 'positive'; value: bigint } | { kind: 'raw'; bytes: Uint8Array };
  certReq: boolean | undefined;
  extension: boolean;
  digest: Uint8Array;
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  hash: fc.integer({ min: 0, max: 3 }),
  paramsNull: fc.boolean(),
  lengthDelta: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -3, max: 3 }) }),
  policy: fc.constantFrom('none', 'accepted', 'other'),
  nonce: fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((value) => ({ kind: 'positive' as const, value })),
    fc.bigInt({ min: 1n, max: (1n << 600n) - 1n }).map((value) => ({ kind: 'positive' as const, value })),
    fc.uint8Array({ minLength: 0, maxLength: 12 }).map((bytes) => ({ kind: 'raw' as const, bytes })),
  ),
  certReq: fc.constantFrom(true, false, undefined),
  extension: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  digest: fc.uint8Array({ minLength: 67, maxLength: 67 }),
});

function encode(s: Shape): Uint8Array {
  const h = HASHES[s.hash]!;
  const req = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier(s.paramsNull ? { algorithm: h.oid, parameters: new Uint8Array([5, 0]).buffer } : { algorithm: h.oid }),
      hashedMessage: new OctetString(s.digest.slice(0, h.length + s.lengthDelta)),
    }),
  });
  if (s.policy !== 'none') req.reqPolicy = s.policy === 'accepted' ? POLICY : '1.2.3.4.5';
  if (s.nonce.kind === 'positive') req.nonce = derUnsignedInteger(s.nonce.value).slice(2).buffer;
  if (s.nonce.kind === 'raw') req.nonce = s.nonce.bytes.slice().buffer;
  if (s.certReq !== undefined) req.certReq = s.certReq;
  if (s.extension) req.extensions = new Extensions([new Extension({ extnID: '1.2.3.4', critical: false, extnValue: new OctetString(new Uint8Array([5, 0])) })]);
  return new Uint8Array(AsnConvert.serialize(req));
}

/** The one property: an answer from the fast reader is exactly the library's answer. */
function agrees(der: Uint8Array): boolean {
  const fast = reader.read(der);
  if (fast === undefined) return false;
  const lib = parseTimestampRequest(der, { acceptedPolicies: [POLICY] });
  assert.ok(lib.ok, `the fast reader accepted what the library rejects: ${toHex(der)} (${lib.ok ? '' : lib.reason})`);
  assert.deepEqual(fast, lib.request, toHex(der));
  return true;
}

function isCommon(s: Shape): boolean {
  const nonceOk =
    s.nonce.kind === 'none' || (s.nonce.kind === 'positive' && s.nonce.value > 0n && derUnsignedInteger(s.nonce.value).byteLength - 2 <= 64);
  return s.hash < 3 && s.lengthDelta === 0 && s.policy !== 'other' && nonceOk && !s.extension;
}

test('generated requests: the fast reader agrees with the library and takes every common shape (5,000 cases)', () => {
  let taken = 0;
  fc.assert(
    fc.property(shapeArb, (s) => {
      const der = encode(s);
      const hit = agrees(der);
      if (isCommon(s) && der.byteLength < 256) assert.ok(hit, `a common request went to the slow path: ${toHex(der)}`);
      if (hit) taken++;
    }),
    { numRuns: 5000 },
  );
  assert.ok(taken > 1000, `the fast path took ${taken} requests`);
});

function mutate(base: Uint8Array, seed: number[]): Uint8Array {
  const bytes = Array.from(base);
  for (let i = 0; i + 2 < seed.length; i += 3) {
    const at = bytes.length ? seed[i]! % bytes.length : 0;
    switch (seed[i + 1]! % 5) {
      case 0:
        bytes[at] = bytes[at]! ^ (1 << (seed[i + 2]! % 8));
        break;
      case 1:
        bytes.length = at;
        break;
      case 2:
        bytes.splice(at, 0, seed[i + 2]! & 0xff);
        break;
      case 3:
        bytes.splice(at, 1);
        break;
      default:
        bytes[at] = seed[i + 2]! & 0xff;
    }
  }
  return new Uint8Array(bytes);
}

test('mutated requests: whatever the fast reader still accepts, the library parses the same (20,000 cases)', () => {
  fc.assert(
    fc.property(shapeArb, fc.array(fc.nat(), { minLength: 3, maxLength: 12 }), (s, seed) => {
      agrees(mutate(encode(s), seed));
    }),
    { numRuns: 20000 },
  );
});

test('non-DER and unusual encodings are left to the library', () => {
  const digest = '04200000000000000000000000000000000000000000000000000000000000000000';
  const imprint = `302f300b0609608648016503040201${digest}`;
  const cases: Record<string, string> = {
    'explicit certReq FALSE (a DEFAULT value, not DER)': `3037020101${imprint}010100`,
    'certReq TRUE as 0x01 (BER, not DER)': `3037020101${imprint}010101`,
    'long-form length where the short form fits': `308137020101${imprint}0101ff`,
    'nonce padded with a needless leading zero': `3038020101${imprint}02020001`,
    'negative nonce': `3037020101${imprint}0201ff`,
    'version 2': `3034020102${imprint}`,
    'trailing byte': `3035020101${imprint}00`,
  };
  for (const [what, hex] of Object.entries(cases)) {
    assert.equal(reader.read(fromHex(hex)), undefined, what);
  }
  // The plain form of the same request is taken, and agrees with the library.
  assert.ok(agrees(fromHex(`3037020101${imprint}0101ff`)));
});
