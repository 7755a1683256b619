// The fast token path against the library: for thousands of random requests, serials, times and TSA settings,
// the TSTInfo and the whole TimeStampResp built from pre-encoded pieces are byte-identical to what
// buildTstInfo + buildToken + grantedResponse (all @peculiar/asn1-schema) produce for the same inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AsnChoiceType, AsnConvert, AsnProp, AsnPropTypes } from '@peculiar/asn1-schema';
import { toHex } from '../bytes';
import type { HashAlgorithm, KeyAlgorithm, Signer } from '../keys/signer';
import { generateEphemeralSigner } from '../keys/software-signer';
import { HASH_OID } from './algorithms';
import { parseCert, type TsaCert } from './certs';
import { derGeneralizedTime, derLength, derUnsignedInteger } from './der-template';
import type { TimestampRequest } from './request';
import { grantedResponse } from './response';
import { makeTestChain } from './test-chain';
import { buildToken } from './token';
import { TokenTemplate } from './token-template';
import { verifyTimestamp } from './verify';
import { buildTstInfo, type TsaAccuracy } from './tstinfo';

/**
 * A real software key whose signature over the same bytes is remembered, so the library path and the fast
 * path (which sign the same to-be-signed bytes when they agree) carry the same, valid, ECDSA signature.
 */
class RepeatableSigner implements Signer {
  private readonly seen = new Map<string, Uint8Array>();
  constructor(private readonly inner: Signer) {}
  get ref() {
    return this.inner.ref;
  }
  get algorithm() {
    return this.inner.algorithm;
  }
  publicKeySpki() {
    return this.inner.publicKeySpki();
  }
  async sign(data: Uint8Array, hash?: HashAlgorithm): Promise<Uint8Array> {
    const key = `${hash ?? ''}:${toHex(data)}`;
    let sig = this.seen.get(key);
    if (!sig) {
      sig = await this.inner.sign(data, hash);
      if (this.seen.size > 64) this.seen.clear();
      this.seen.set(key, sig);
    }
    return sig;
  }
}

interface Tsa {
  signer: RepeatableSigner;
  root: Uint8Array;
  leaf: TsaCert;
  presented: TsaCert[];
}

async function makeTsa(algorithm: KeyAlgorithm, withIntermediate: boolean): Promise<Tsa> {
  const inner = generateEphemeralSigner(algorithm);
  const chain = await makeTestChain({ leafSpki: await inner.publicKeySpki(), withIntermediate });
  const certs = chain.chain.map((d, i) => parseCert(d, 'TSA_CERT_INVALID', `certificate ${i}`));
  return { signer: new RepeatableSigner(inner), root: chain.root, leaf: certs[0]!, presented: certs.slice(0, -1) };
}

const POLICY = '1.3.6.1.4.1.57264.2.1';
const ACCURACIES: (TsaAccuracy | undefined)[] = [{ seconds: 1 }, { millis: 250 }, { seconds: 3, millis: 1, micros: 999 }, { micros: 5 }, undefined];
const HASHES: { oid: string; length: number }[] = [
  { oid: HASH_OID.sha256, length: 32 },
  { oid: HASH_OID.sha384, length: 48 },
  { oid: HASH_OID.sha512, length: 64 },
];
const HASH_NAMES = ['sha256', 'sha384', 'sha512'] as const;

/** Serials: the random range the TSA uses, plus the INTEGER edge cases (top bit set needs a leading zero). */
const serialArb = fc.oneof(
  fc.bigInt({ min: 1n, max: (1n << 128n) - 1n }),
  fc.constantFrom(1n, 0x7fn, 0x80n, 0xffn, 0x100n, 0x7fffn, 0x8000n, (1n << 64n) - 1n, 1n << 64n, (1n << 127n) + 5n, (1n << 128n) - 1n),
  fc.integer({ min: 1, max: 127 }).map((bits) => (1n << BigInt(bits)) | 1n),
);

/** Nonces as INTEGER content octets: minimal positive ones (what parsing yields) and long ones. */
const nonceArb = fc.option(
  fc.oneof(
    fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => contentOctets(n)),
    fc.bigInt({ min: 0n, max: (1n << 512n) - 1n }).map((n) => contentOctets(n)),
    fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => {
      b[0] = b[0]! | 0x80; // top bit set: needs the leading zero
      return contentOctets(BigInt(`0x${toHex(b)}`));
    }),
  ),
  { nil: undefined },
);

function contentOctets(n: bigint): Uint8Array {
  return derUnsignedInteger(n).subarray(2);
}

/** genTime from 2021 to 2038 (inside the test certificates' validity), at any millisecond. */
const timeArb = fc.integer({ min: Date.UTC(2021, 0, 2), max: Date.UTC(2038, 11, 30) }).map((ms) => new Date(ms));

const requestArb = fc
  .record({
    hash: fc.integer({ min: 0, max: 2 }),
    paramsNull: fc.boolean(),
    digestSeed: fc.uint8Array({ minLength: 64, maxLength: 64 }),
    nonce: nonceArb,
    certReq: fc.boolean(),
    policy: fc.boolean(),
  })
  .map((r): TimestampRequest => {
    const h = HASHES[r.hash]!;
    const request: TimestampRequest = {
      hashAlgorithm: HASH_NAMES[r.hash]!,
      hashOid: h.oid,
      hashParamsNull: r.paramsNull,
      hashedMessage: r.digestSeed.slice(0, h.length),
      certReq: r.certReq,
    };
    if (r.policy) request.policyOid = POLICY;
    if (r.nonce) request.nonce = r.nonce;
    return request;
  });

/** The TSTInfo the asn1 library builds for these settings: the reference the template must match. */
function libraryTstInfo(tsa: Tsa, settings: Settings, request: TimestampRequest, serial: bigint, now: Date): Uint8Array {
  return buildTstInfo({
    request,
    policyOid: POLICY,
    serial,
    genTime: now,
    ...(settings.accuracy ? { accuracy: settings.accuracy } : {}),
    ...(settings.tsaName ? { tsaName: new Uint8Array(AsnConvert.serialize(tsa.leaf.asn.tbsCertificate.subject)) } : {}),
  });
}

async function libraryResponse(tsa: Tsa, settings: Settings, request: TimestampRequest, serial: bigint, now: Date): Promise<Uint8Array> {
  const tstInfo = libraryTstInfo(tsa, settings, request, serial, now);
  const token = await buildToken({
    tstInfo,
    signer: tsa.signer,
    leaf: tsa.leaf,
    certificates: request.certReq ? tsa.presented : [],
    ...(settings.signingTime ? { signingTime: now } : {}),
  });
  return grantedResponse(token);
}

interface Settings {
  accuracy: TsaAccuracy | undefined;
  tsaName: boolean;
  signingTime: boolean;
}

function template(tsa: Tsa, s: Settings): TokenTemplate {
  return new TokenTemplate({ signer: tsa.signer, leaf: tsa.leaf, presented: tsa.presented, policyOid: POLICY, ...(s.accuracy ? { accuracy: s.accuracy } : {}), includeTsaName: s.tsaName });
}

const settingsArb = fc.record({ accuracy: fc.constantFrom(...ACCURACIES), tsaName: fc.boolean(), signingTime: fc.boolean() });

test('TSTInfo from the template equals the library TSTInfo (4,000 cases)', async () => {
  const tsa = await makeTsa('ecdsa-p256', false);
  const templates = new Map<string, TokenTemplate>();
  fc.assert(
    fc.property(settingsArb, requestArb, serialArb, timeArb, (settings, request, serial, now) => {
      const key = JSON.stringify(settings);
      const t = templates.get(key) ?? template(tsa, settings);
      templates.set(key, t);
      const fast = t.tstInfo({ request, serial, now });
      const lib = libraryTstInfo(tsa, settings, request, serial, now);
      assert.equal(toHex(fast), toHex(lib));
    }),
    { numRuns: 4000 },
  );
});

for (const [algorithm, withIntermediate, runs] of [
  ['ecdsa-p256', false, 500],
  ['ecdsa-p256', true, 250],
  ['ecdsa-p384', true, 250],
  ['ed25519', false, 100],
] as const) {
  test(`the whole TimeStampResp from the template equals the library response: ${algorithm}${withIntermediate ? ' with an intermediate' : ''} (${runs} cases)`, async () => {
    const tsa = await makeTsa(algorithm, withIntermediate);
    const templates = new Map<string, TokenTemplate>();
    await fc.assert(
      fc.asyncProperty(settingsArb, requestArb, serialArb, timeArb, async (settings, request, serial, now) => {
        const key = JSON.stringify(settings);
        const t = templates.get(key) ?? template(tsa, settings);
        templates.set(key, t);
        const lib = await libraryResponse(tsa, settings, request, serial, now);
        const fast = await t.response({ request, serial, now, ...(settings.signingTime ? { signingTime: now } : {}) });
        assert.equal(toHex(fast), toHex(lib));
      }),
      { numRuns: runs },
    );
    // A token from the template with a fresh signature passes the project's own verifier against the root.
    const t = template(tsa, { accuracy: { seconds: 1 }, tsaName: false, signingTime: false });
    const digestValue = new Uint8Array(32).fill(7);
    const request: TimestampRequest = { hashAlgorithm: 'sha256', hashOid: HASH_OID.sha256, hashParamsNull: true, hashedMessage: digestValue, nonce: Uint8Array.of(1, 2, 3), certReq: true };
    const der = await t.response({ request, serial: 42n, now: new Date(Date.UTC(2030, 0, 1, 0, 0, 0, 700)) });
    const verified = verifyTimestamp(der, { digest: { algorithm: 'sha256', value: digestValue }, trustedRoots: [tsa.root], nonce: Uint8Array.of(1, 2, 3), policyOid: POLICY });
    assert.equal(verified.serial, 42n);
    assert.equal(verified.genTime.toISOString(), '2030-01-01T00:00:00.000Z');
  });
}

test('a signer whose signature does not verify makes the template throw SIGNING_FAILED, never a token', async () => {
  const tsa = await makeTsa('ecdsa-p256', false);
  const other = generateEphemeralSigner('ecdsa-p256');
  const wrong: Signer = { ref: 'wrong', algorithm: 'ecdsa-p256', publicKeySpki: () => tsa.signer.publicKeySpki(), sign: (d, h) => other.sign(d, h) };
  const t = new TokenTemplate({ signer: wrong, leaf: tsa.leaf, presented: tsa.presented, policyOid: POLICY });
  const request: TimestampRequest = { hashAlgorithm: 'sha256', hashOid: HASH_OID.sha256, hashParamsNull: false, hashedMessage: new Uint8Array(32), certReq: false };
  await assert.rejects(t.response({ request, serial: 1n, now: new Date(Date.UTC(2030, 0, 1)) }), (e: unknown) => (e as { code?: string }).code === 'SIGNING_FAILED');
});

test('DER lengths and GeneralizedTime framing match the library at their edges', () => {
  for (const [n, hex] of [
    [0, '00'],
    [127, '7f'],
    [128, '8180'],
    [255, '81ff'],
    [256, '820100'],
    [65535, '82ffff'],
    [65536, '83010000'],
  ] as const) {
    assert.equal(toHex(derLength(n)), hex);
  }
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
      const d = new Date(ms);
      assert.equal(toHex(derGeneralizedTime(d)), toHex(new Uint8Array(AsnConvert.serialize(new GeneralizedTimeValue(d)))));
    }),
    { numRuns: 2000 },
  );
});

/** A bare GeneralizedTime through the library, as the reference for derGeneralizedTime. */
class GeneralizedTimeValue {
  value = new Date(0);
  constructor(value?: Date) {
    if (value) this.value = value;
  }
}
AsnChoiceType()(GeneralizedTimeValue);
AsnProp({ type: AsnPropTypes.GeneralizedTime })(GeneralizedTimeValue.prototype, 'value');
