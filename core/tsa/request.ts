// Parses a DER TimeStampReq (RFC 3161 2.4.1) into a plain request, or says which PKIFailureInfo to reject it with.
// Never throws: the HTTP server feeds it whatever arrives on the wire.
import { AsnConvert } from '@peculiar/asn1-schema';
import { TimeStampReq } from '@peculiar/asn1-tsp';
import type { HashAlgorithm } from '../keys/signer';
import { bytesEqual } from '../bytes';
import { HASH_BY_OID, HASH_OID, KNOWN_HASH_NAMES } from './algorithms';

/** PKIFailureInfo bit names (RFC 3161 2.4.2). */
export type FailureInfo =
  | 'badAlg'
  | 'badRequest'
  | 'badDataFormat'
  | 'timeNotAvailable'
  | 'unacceptedPolicy'
  | 'unacceptedExtension'
  | 'addInfoNotAvailable'
  | 'systemFailure';

export interface TimestampRequest {
  hashAlgorithm: HashAlgorithm;
  hashOid: string;
  /** Whether the AlgorithmIdentifier carried an explicit NULL parameter; echoed as sent in TSTInfo. */
  hashParamsNull: boolean;
  hashedMessage: Uint8Array;
  /** The requested policy, when present (already checked to be one the TSA accepts). */
  policyOid?: string;
  /** The nonce INTEGER's content octets (big-endian two's complement), echoed as is. */
  nonce?: Uint8Array;
  certReq: boolean;
}

export type RequestParseResult =
  | { ok: true; request: TimestampRequest }
  | { ok: false; failure: FailureInfo; reason: string };

export interface ParseRequestOptions {
  /** Policies a client may ask for; any other reqPolicy is rejected with unacceptedPolicy. */
  acceptedPolicies: readonly string[];
  /** Requests larger than this are rejected unparsed (a TimeStampReq is ~100 bytes). Default 64 KiB. */
  maxBytes?: number;
}

const NULL_DER = new Uint8Array([0x05, 0x00]);
const DEFAULT_MAX = 64 * 1024;

export function parseTimestampRequest(der: Uint8Array, options: ParseRequestOptions): RequestParseResult {
  try {
    return parse(der, options);
  } catch {
    // Any failure of the ASN.1 layer on hostile bytes is a format problem, never a crash.
    return reject('badDataFormat', 'the request is not a DER TimeStampReq');
  }
}

function reject(failure: FailureInfo, reason: string): RequestParseResult {
  return { ok: false, failure, reason };
}

function parse(der: Uint8Array, options: ParseRequestOptions): RequestParseResult {
  if (!(der instanceof Uint8Array) || der.byteLength === 0) return reject('badDataFormat', 'the request is empty');
  if (der.byteLength > (options.maxBytes ?? DEFAULT_MAX)) return reject('badDataFormat', 'the request is too large');
  const req = AsnConvert.parse(der, TimeStampReq);
  // RFC 3161 2.4.1: the request is DER. Re-encoding must give back the same bytes, which also rules out
  // trailing data and BER forms (the parser alone accepts both).
  if (!bytesEqual(new Uint8Array(AsnConvert.serialize(req)), der)) {
    return reject('badDataFormat', 'the request is not DER-encoded or has trailing data');
  }
  if (req.version !== 1) return reject('badDataFormat', `unsupported TimeStampReq version ${String(req.version)}`);

  const alg = req.messageImprint.hashAlgorithm;
  const hash = HASH_BY_OID[alg.algorithm];
  if (!hash) {
    const name = KNOWN_HASH_NAMES[alg.algorithm] ?? alg.algorithm;
    return reject('badAlg', `hash algorithm ${name} is not accepted; use SHA-256, SHA-384 or SHA-512`);
  }
  // RFC 5754 2: SHA-2 AlgorithmIdentifier parameters are absent or NULL. The parser gives an explicit NULL as
  // null (absent is undefined); it is remembered so TSTInfo echoes the imprint as sent (RFC 3161 2.4.2).
  const params = alg.parameters;
  if (params !== undefined && params !== null && !bytesEqual(new Uint8Array(params), NULL_DER)) {
    return reject('badAlg', 'hash algorithm parameters must be absent or NULL');
  }
  const paramsNull = params !== undefined;
  const hashed = new Uint8Array(req.messageImprint.hashedMessage.buffer);
  if (hashed.byteLength !== hash.length) {
    return reject('badDataFormat', `a ${hash.name} imprint is ${hash.length} bytes, got ${hashed.byteLength}`);
  }

  if (req.reqPolicy !== undefined && !options.acceptedPolicies.includes(req.reqPolicy)) {
    return reject('unacceptedPolicy', `policy ${req.reqPolicy} is not offered by this TSA`);
  }
  // RFC 3161 2.4.1: a TSA rejects extensions it does not support; this one supports none.
  if (req.extensions !== undefined && req.extensions.length > 0) {
    return reject('unacceptedExtension', 'request extensions are not supported');
  }
  let nonce: Uint8Array | undefined;
  if (req.nonce !== undefined) {
    nonce = new Uint8Array(req.nonce);
    if (nonce.byteLength === 0) return reject('badDataFormat', 'the nonce is an empty INTEGER');
  }

  const request: TimestampRequest = {
    hashAlgorithm: hash.name,
    hashOid: alg.algorithm,
    hashParamsNull: paramsNull,
    hashedMessage: hashed,
    certReq: req.certReq === true,
  };
  if (req.reqPolicy !== undefined) request.policyOid = req.reqPolicy;
  if (nonce) request.nonce = nonce;
  return { ok: true, request };
}

/**
 * The same request given as fields rather than DER, for transports that do not carry a TimeStampReq, such as
 * the JSON body Sigstore clients POST to /api/v1/timestamp ({ artifactHash, hashAlgorithm }).
 */
export interface DigestRequest {
  hashAlgorithm: string;
  digest: Uint8Array;
  nonce?: Uint8Array;
  certReq?: boolean;
  policyOid?: string;
}

export function requestFromDigest(input: DigestRequest, options: ParseRequestOptions): RequestParseResult {
  const name = String(input.hashAlgorithm).toLowerCase().replace('-', '');
  if (name !== 'sha256' && name !== 'sha384' && name !== 'sha512') {
    return reject('badAlg', `hash algorithm ${String(input.hashAlgorithm)} is not accepted; use SHA-256, SHA-384 or SHA-512`);
  }
  const oid = HASH_OID[name];
  const length = HASH_BY_OID[oid]!.length;
  if (!(input.digest instanceof Uint8Array) || input.digest.byteLength !== length) {
    return reject('badDataFormat', `a ${name} digest is ${length} bytes`);
  }
  if (input.policyOid !== undefined && !options.acceptedPolicies.includes(input.policyOid)) {
    return reject('unacceptedPolicy', `policy ${input.policyOid} is not offered by this TSA`);
  }
  if (input.nonce !== undefined && !(input.nonce instanceof Uint8Array && input.nonce.byteLength > 0 && input.nonce.byteLength <= 64)) {
    return reject('badDataFormat', 'the nonce must be 1 to 64 bytes');
  }
  const request: TimestampRequest = { hashAlgorithm: name, hashOid: oid, hashParamsNull: false, hashedMessage: input.digest.slice(), certReq: input.certReq === true };
  if (input.policyOid !== undefined) request.policyOid = input.policyOid;
  if (input.nonce) request.nonce = input.nonce.slice();
  return { ok: true, request };
}
