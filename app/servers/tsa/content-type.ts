// Content negotiation for the TSA endpoint: which body kind a request carries (RFC 3161 3.4 media types, or
// the JSON body Sigstore clients send), judged from Content-Type alone.
import type { IncomingMessage } from 'node:http';

export const TIMESTAMP_QUERY = 'application/timestamp-query';
export const TIMESTAMP_REPLY = 'application/timestamp-reply';
export const PEM_CHAIN = 'application/pem-certificate-chain';

export type BodyKind = 'timestamp-query' | 'json';

/** The media type without parameters, lower-cased ('' when absent). */
export function mediaType(req: IncomingMessage): string {
  const raw = req.headers['content-type'] ?? '';
  return raw.split(';')[0]!.trim().toLowerCase();
}

/** 'timestamp-query' for a DER TimeStampReq, 'json' for a Sigstore JSON request, null for anything else. */
export function bodyKind(req: IncomingMessage): BodyKind | null {
  switch (mediaType(req)) {
    case TIMESTAMP_QUERY:
      return 'timestamp-query';
    case 'application/json':
      return 'json';
    default:
      return null;
  }
}
