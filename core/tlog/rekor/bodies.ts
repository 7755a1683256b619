// The canonical entry bodies Rekor v1 stores (and hashes into leaves) for the two supported kinds:
// hashedrekord v0.0.1 and dsse v0.0.1 (rekor pkg/types/*/v0.0.1 schemas, "canonicalized" form).
import { z } from 'zod';

const hexDigest = z.string().regex(/^[0-9a-f]{64}$/, 'a 64-digit lowercase hex SHA-256');
const base64 = z.string().min(1).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');
const sha256Hash = z.strictObject({ algorithm: z.literal('sha256'), value: hexDigest });

/** hashedrekord v0.0.1: the artifact's digest, the signature, and the key or certificate (base64 of PEM). */
export const hashedrekordBody = z.strictObject({
  apiVersion: z.literal('0.0.1'),
  kind: z.literal('hashedrekord'),
  spec: z.strictObject({
    data: z.strictObject({ hash: sha256Hash }),
    signature: z.strictObject({ content: base64, publicKey: z.strictObject({ content: base64 }) }),
  }),
});
export type HashedrekordBody = z.infer<typeof hashedrekordBody>;

/** dsse v0.0.1: hashes of the envelope and of its payload, and each signature with its verifier (base64 of PEM). */
export const dsseBody = z.strictObject({
  apiVersion: z.literal('0.0.1'),
  kind: z.literal('dsse'),
  spec: z.strictObject({
    envelopeHash: sha256Hash,
    payloadHash: sha256Hash,
    signatures: z.array(z.strictObject({ signature: base64, verifier: base64 })).min(1),
  }),
});
export type DsseBody = z.infer<typeof dsseBody>;

export const entryBody = z.discriminatedUnion('kind', [hashedrekordBody, dsseBody]);
export type EntryBody = z.infer<typeof entryBody>;

/**
 * Search keys ("sha256:<hex>") of a canonical body: the artifact digest of a hashedrekord, the payload and
 * envelope digests of a dsse entry; none for a body that is neither.
 */
export function searchHashesOfBody(body: Uint8Array): string[] {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return [];
  }
  const parsed = entryBody.safeParse(json);
  if (!parsed.success) return [];
  const b = parsed.data;
  return b.kind === 'hashedrekord'
    ? [`sha256:${b.spec.data.hash.value}`]
    : [`sha256:${b.spec.payloadHash.value}`, `sha256:${b.spec.envelopeHash.value}`];
}
