// The signed entry timestamp (SET): the log key's signature over the canonical JSON of
// {body, integratedTime, logID, logIndex}, the "inclusion promise" Sigstore clients check (Rekor v1).
import { canonicalize } from '@tufjs/canonical-json';
import { sha256, toBase64, toHex } from '../../bytes';

export interface SetFields {
  /** The canonicalized body bytes. */
  body: Uint8Array;
  /** Unix seconds. */
  integratedTime: number;
  /** hex SHA-256 of the log's DER SPKI. */
  logID: string;
  logIndex: number;
}

/**
 * The bytes a SET signs. Rekor canonicalizes with RFC 8785 (JCS); every value here is ASCII (base64, hex) or
 * an integer, for which the canonical-json package's output is byte-identical to JCS.
 */
export function setPayload(f: SetFields): Uint8Array {
  const text = canonicalize({ body: toBase64(f.body), integratedTime: f.integratedTime, logID: f.logID, logIndex: f.logIndex });
  return new TextEncoder().encode(text);
}

/** The log ID of a log key: hex SHA-256 of its DER SubjectPublicKeyInfo (Rekor, trusted_root tlogs[].logId). */
export function logIdOf(spki: Uint8Array): string {
  return toHex(sha256(spki));
}
