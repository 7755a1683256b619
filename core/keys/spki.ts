// SubjectPublicKeyInfo helpers: PEM form, algorithm detection, fingerprints for ceremonies, signature checks.
// Every parse goes through node:crypto (RFC 5280 4.1.2.7 SPKI; RFC 5480 EC keys; RFC 8410 Ed25519).
import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { sha256, toHex, toPem } from '../bytes';
import { KeyError } from './errors';
import { defaultHash, type HashAlgorithm, type KeyAlgorithm } from './signer';
import { FINGERPRINT_WORDS } from './wordlist';

/** Number of leading fingerprint bytes spoken as words (8 bytes = 64 bits = 8 words). */
export const FINGERPRINT_WORD_COUNT = 8;

export interface Fingerprint {
  /** Lower-case hex SHA-256 of the DER SPKI. */
  sha256Hex: string;
  /** The first 8 bytes of that SHA-256, one word per byte from FINGERPRINT_WORDS, space-separated. */
  words: string;
}

export function spkiToPem(spki: Uint8Array): string {
  return toPem(spki, 'PUBLIC KEY');
}

export function publicKeyFromSpki(spki: Uint8Array): KeyObject {
  try {
    return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch (e) {
    throw new KeyError('KEY_UNSUPPORTED', 'The public key is not a valid DER SubjectPublicKeyInfo.', { cause: e });
  }
}

/** The Rootsmith algorithm of a public or private KeyObject; KEY_UNSUPPORTED for anything else. */
export function algorithmOfKeyObject(key: KeyObject): KeyAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'ed25519') return 'ed25519';
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return 'ecdsa-p256';
    if (curve === 'secp384r1') return 'ecdsa-p384';
    throw new KeyError('KEY_UNSUPPORTED', `EC curve ${curve ?? 'unknown'} is not supported; use P-256 or P-384.`, {
      details: { curve: curve ?? 'unknown' },
    });
  }
  throw new KeyError('KEY_UNSUPPORTED', `Key type ${type ?? 'unknown'} is not supported; use ECDSA P-256, P-384 or Ed25519.`, {
    details: { keyType: type ?? 'unknown' },
  });
}

export function algorithmOfSpki(spki: Uint8Array): KeyAlgorithm {
  return algorithmOfKeyObject(publicKeyFromSpki(spki));
}

export function fingerprint(spki: Uint8Array): Fingerprint {
  const digest = sha256(spki);
  const words = Array.from(digest.subarray(0, FINGERPRINT_WORD_COUNT), (b) => FINGERPRINT_WORDS[b]!).join(' ');
  return { sha256Hex: toHex(digest), words };
}

/**
 * Checks `signature` over `data` with the key in `spki`. ECDSA signatures are DER (RFC 5480 / X9.62
 * ECDSA-Sig-Value) over `hash` (default SHA-256 for P-256, SHA-384 for P-384); Ed25519 is PureEdDSA (RFC 8032).
 * Returns false for a wrong or malformed signature.
 */
export function verifySignature(spki: Uint8Array | KeyObject, data: Uint8Array, signature: Uint8Array, hash?: HashAlgorithm): boolean {
  const key = spki instanceof Uint8Array ? publicKeyFromSpki(spki) : spki;
  const algorithm = algorithmOfKeyObject(key);
  try {
    if (algorithm === 'ed25519') return cryptoVerify(null, data, key, signature);
    return cryptoVerify(hash ?? defaultHash(algorithm), data, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}
