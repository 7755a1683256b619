// Checks one TUF signature: hex-encoded (DER ECDSA or raw Ed25519) over the canonical JSON of `signed`.
// The hash follows the key's scheme (TUF spec 4.2 "scheme"): ecdsa-sha2-nistp256 -> SHA-256, nistp384 -> SHA-384.
import { verify as cryptoVerify } from 'node:crypto';
import type { Key } from '@tufjs/models';
import { fromHex } from '../bytes';
import { publicKeyOfTufKey } from './tuf-key';

export function hashOfScheme(scheme: string): 'sha256' | 'sha384' | null {
  if (scheme === 'ed25519') return null;
  if (scheme.endsWith('nistp384')) return 'sha384';
  return 'sha256';
}

/** True when `sigHex` is a valid signature by `key` over exactly `bytes`; false for anything malformed. */
export function verifyTufSignature(key: Key, bytes: Uint8Array, sigHex: string): boolean {
  try {
    if (sigHex === '') return false;
    const publicKey = publicKeyOfTufKey(key);
    const hash = hashOfScheme(key.scheme);
    if (hash === null) return cryptoVerify(null, bytes, publicKey, fromHex(sigHex));
    return cryptoVerify(hash, bytes, { key: publicKey, dsaEncoding: 'der' }, fromHex(sigHex));
  } catch {
    return false;
  }
}
