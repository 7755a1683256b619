// A conservative fast reader for the common shape of a DER TimeStampReq (RFC 3161 2.4.1): version 1, a SHA-2
// imprint, an optional accepted policy, an optional positive nonce, an optional certReq TRUE, no extensions.
// It answers only when it is sure; for anything else it returns undefined and parseTimestampRequest (the
// library parser, which stays the authority on what is accepted and how things are rejected) decides.
//
// WHY it exists although Rootsmith never hand-rolls ASN.1 (CONVENTIONS 6; see der-template.ts): parsing a
// ~90-byte request through @peculiar/asn1-schema and re-encoding it to prove it is DER cost more than signing
// the token. Every tag, OID and policy is compared against bytes the library encoded; the reader decodes
// nothing but lengths. request-fast.test.ts checks, over thousands of generated and mutated requests, that
// whatever this reader accepts the library parses to the very same TimestampRequest.
import { AsnConvert } from '@peculiar/asn1-schema';
import { HASH_BY_OID, HASH_OID } from './algorithms';
import { ObjectIdentifierValue } from './ess';
import type { TimestampRequest } from './request';

const oidDer = (oid: string) => new Uint8Array(AsnConvert.serialize(new ObjectIdentifierValue(oid)));
const HASHES = Object.values(HASH_OID).map((oid) => ({ oid, der: oidDer(oid), ...HASH_BY_OID[oid]! }));
/** The largest nonce taken on this path; longer ones go to the library. */
const MAX_NONCE = 64;

interface Header {
  /** Offset of the tag. */
  at: number;
  tag: number;
  /** Start and end of the contents. */
  start: number;
  end: number;
}

/** One TLV header with DER's minimal definite length (X.690 10.1), inside [pos, limit); undefined otherwise. */
function header(b: Uint8Array, pos: number, limit: number): Header | undefined {
  if (pos + 2 > limit) return undefined;
  const tag = b[pos]!;
  let len = b[pos + 1]!;
  let start = pos + 2;
  if (len === 0x81) {
    if (start >= limit) return undefined;
    len = b[start]!;
    if (len < 0x80) return undefined;
    start++;
  } else if (len > 0x80) {
    return undefined; // two-octet lengths and beyond: a request that large is not the common shape
  }
  const end = start + len;
  return end <= limit ? { at: pos, tag, start, end } : undefined;
}

function sameBytes(b: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.byteLength) return false;
  for (let i = 0; i < expected.byteLength; i++) if (b[start + i] !== expected[i]) return false;
  return true;
}

export class FastRequestReader {
  private readonly policies: { oid: string; der: Uint8Array }[];

  constructor(acceptedPolicies: readonly string[]) {
    this.policies = acceptedPolicies.map((oid) => ({ oid, der: oidDer(oid) }));
  }

  /** The request if it has the common shape and every check passes; undefined means "ask the library". */
  read(der: Uint8Array): TimestampRequest | undefined {
    const outer = header(der, 0, der.byteLength);
    if (!outer || outer.tag !== 0x30 || outer.end !== der.byteLength) return undefined;
    // version INTEGER 1
    if (outer.start + 3 > outer.end || der[outer.start] !== 0x02 || der[outer.start + 1] !== 0x01 || der[outer.start + 2] !== 0x01) return undefined;
    // messageImprint SEQUENCE { AlgorithmIdentifier SEQUENCE { OID [, NULL] }, OCTET STRING }
    const imprint = header(der, outer.start + 3, outer.end);
    if (!imprint || imprint.tag !== 0x30) return undefined;
    const alg = header(der, imprint.start, imprint.end);
    if (!alg || alg.tag !== 0x30) return undefined;
    const oid = header(der, alg.start, alg.end);
    if (!oid || oid.tag !== 0x06) return undefined;
    const hash = HASHES.find((h) => sameBytes(der, oid.at, oid.end, h.der));
    if (!hash) return undefined;
    let hashParamsNull = false;
    if (oid.end !== alg.end) {
      if (alg.end !== oid.end + 2 || der[oid.end] !== 0x05 || der[oid.end + 1] !== 0x00) return undefined;
      hashParamsNull = true;
    }
    const hashed = header(der, alg.end, imprint.end);
    if (!hashed || hashed.tag !== 0x04 || hashed.end !== imprint.end || hashed.end - hashed.start !== hash.length) return undefined;

    let pos = imprint.end;
    let field = pos < outer.end ? header(der, pos, outer.end) : undefined;
    let policyOid: string | undefined;
    if (field && field.tag === 0x06) {
      const f = field;
      const policy = this.policies.find((p) => sameBytes(der, f.at, f.end, p.der));
      if (!policy) return undefined; // unaccepted or unusual: the library words the rejection
      policyOid = policy.oid;
      pos = field.end;
      field = pos < outer.end ? header(der, pos, outer.end) : undefined;
    }
    let nonce: Uint8Array | undefined;
    if (field && field.tag === 0x02) {
      const n = field.end - field.start;
      const first = der[field.start]!;
      // Positive and minimal (X.690 8.3.2) only; empty, negative or padded nonces go to the library.
      if (n === 0 || n > MAX_NONCE || first & 0x80 || (first === 0 && (n === 1 || !(der[field.start + 1]! & 0x80)))) return undefined;
      nonce = der.slice(field.start, field.end);
      pos = field.end;
      field = pos < outer.end ? header(der, pos, outer.end) : undefined;
    }
    let certReq = false;
    if (field && field.tag === 0x01) {
      // DER: certReq DEFAULT FALSE is present only as TRUE, encoded 0xFF (X.690 11.1, 11.5).
      if (field.end - field.start !== 1 || der[field.start] !== 0xff) return undefined;
      certReq = true;
      pos = field.end;
    }
    if (pos !== outer.end) return undefined; // extensions or anything else
    const request: TimestampRequest = {
      hashAlgorithm: hash.name,
      hashOid: hash.oid,
      hashParamsNull,
      hashedMessage: der.slice(hashed.start, hashed.end),
      certReq,
    };
    if (policyOid !== undefined) request.policyOid = policyOid;
    if (nonce) request.nonce = nonce;
    return request;
  }
}
