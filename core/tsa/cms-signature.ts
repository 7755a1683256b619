// Checks one CMS signature value with node:crypto: ECDSA (DER Ecdsa-Sig-Value) over a hash, or Ed25519 (PureEdDSA).
import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import type { HashAlgorithm } from '../keys/signer';

/** Verifies a CMS signature over `data`: ECDSA (DER signature) with `hash`, or Ed25519 with `hash` null. */
export function verifyCms(key: KeyObject | Uint8Array, hash: HashAlgorithm | null, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const k = key instanceof Uint8Array ? createPublicKey({ key: Buffer.from(key), format: 'der', type: 'spki' }) : key;
    return cryptoVerify(hash, data, { key: k, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

