// The JSON timestamp request Sigstore clients POST to /api/v1/timestamp (sigstore-js
// @sigstore/sign external/tsa.ts, sigstore/timestamp-authority JSONRequest): base64 hash, algorithm name,
// optional base64 nonce and certificates flag. Parsed through one schema at the edge.
import { z } from 'zod';
import type { DigestRequest } from '../../../core/tsa';

const base64 = z.string().max(4096).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

const schema = z.object({
  artifactHash: base64.min(1, 'artifactHash is empty'),
  hashAlgorithm: z.string().min(1).max(32),
  nonce: z.union([base64, z.number().int().nonnegative()]).optional(),
  certificates: z.boolean().optional(),
  tsaPolicyOID: z.string().max(256).optional(),
});

export type JsonParse = { ok: true; request: DigestRequest } | { ok: false; message: string };

export function parseJsonRequest(body: Buffer): JsonParse {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, message: 'The body is not JSON.' };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `The JSON timestamp request is not valid: ${issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'unknown field'}.` };
  }
  const p = parsed.data;
  const request: DigestRequest = { hashAlgorithm: p.hashAlgorithm, digest: new Uint8Array(Buffer.from(p.artifactHash, 'base64')) };
  if (p.nonce !== undefined) request.nonce = nonceBytes(p.nonce);
  if (p.certificates !== undefined) request.certReq = p.certificates;
  if (p.tsaPolicyOID !== undefined && p.tsaPolicyOID !== '') request.policyOid = p.tsaPolicyOID;
  return { ok: true, request };
}

/** A nonce given as base64 octets or as a JSON number, as INTEGER content octets (big-endian, positive). */
function nonceBytes(nonce: string | number): Uint8Array {
  if (typeof nonce === 'string') return new Uint8Array(Buffer.from(nonce, 'base64'));
  let hex = BigInt(nonce).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
