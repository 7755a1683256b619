// An RFC 3161 client (RFC 3161 2.4.1, 3.4): hashes data, sends a TimeStampReq with a random nonce and certReq,
// and accepts the answer only when it is granted, echoes the nonce and stamps the same imprint.
import { randomBytes } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { MessageImprint, TimeStampReq } from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { sha256, toHex } from '../../core/bytes';
import { decodeTimestamp, TsaError, type DecodedTimestamp } from '../../core/tsa';
import { classifyFetchFailure, DEFAULT_TIMEOUT_MS, fetchFailureMessage } from '../http-client/fetch-failure';
import { TsaClientError } from './tsa-errors';

const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const TIMEOUT_MS = DEFAULT_TIMEOUT_MS;

export interface StampedToken {
  url: string;
  /** The TimeStampResp as received. */
  der: Uint8Array;
  decoded: DecodedTimestamp;
}

/** A positive, minimally encoded INTEGER of 8 octets: first octet 0x01..0x7f. */
function randomNonce(): Uint8Array {
  const n = new Uint8Array(randomBytes(8));
  n[0] = (n[0]! & 0x7f) | 0x01;
  return n;
}

export function timestampRequest(digest: Uint8Array, nonce: Uint8Array): Uint8Array {
  const req = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({ hashAlgorithm: new AlgorithmIdentifier({ algorithm: SHA256_OID }), hashedMessage: new OctetString(digest) }),
    nonce: nonce.slice().buffer,
    certReq: true,
  });
  return new Uint8Array(AsnConvert.serialize(req));
}

async function post(url: string, body: Uint8Array): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: Buffer.from(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new TsaClientError('TSA_UNREACHABLE', fetchFailureMessage('The TSA', url, classifyFetchFailure(e), TIMEOUT_MS), { cause: e });
  }
}

/** Timestamps `data` at `url` and checks the answer; throws TsaError/TsaClientError naming what is wrong. */
export async function stampData(url: string, data: Uint8Array): Promise<StampedToken> {
  const digest = sha256(data);
  const nonce = randomNonce();
  const res = await post(url, timestampRequest(digest, nonce));
  const der = new Uint8Array(await res.arrayBuffer());
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/timestamp-reply') {
    const detail = type === 'application/json' ? (JSON.parse(Buffer.from(der).toString('utf8')) as { message?: string }).message : undefined;
    throw new TsaClientError('TSA_HTTP_ERROR', `The TSA at ${url} answered HTTP ${res.status} without a TimeStampResp${detail ? `: ${detail}` : '.'}`);
  }
  const decoded = decodeTimestamp(der);
  if (decoded.status !== 'granted' && decoded.status !== 'grantedWithMods') {
    const why = [...decoded.failures, ...decoded.statusStrings].join('; ');
    throw new TsaError('NOT_GRANTED', `The TSA refused the request (${String(decoded.status)}${why ? `: ${why}` : ''}).`);
  }
  const token = decoded.token;
  if (!token) throw new TsaError('TOKEN_INVALID', 'The TSA granted the request but sent no token.');
  // RFC 3161 2.4.2: the nonce MUST be echoed; a missing or different one may be a replayed answer.
  if (token.nonceHex !== toHex(nonce)) throw new TsaError('NONCE_MISMATCH', 'The token does not carry the nonce of this request (a replayed or misrouted answer?).');
  if (token.imprint.algorithmOid !== SHA256_OID || token.imprint.hashHex !== toHex(digest)) {
    throw new TsaError('IMPRINT_MISMATCH', 'The token stamps other data than the file sent.');
  }
  if (!token.signer) throw new TsaError('TOKEN_INVALID', 'The token does not carry the TSA certificate although the request asked for it (certReq).');
  return { url, der, decoded };
}
