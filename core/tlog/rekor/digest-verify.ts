// ECDSA verification over a precomputed digest (hashedrekord carries the artifact's SHA-256, not the artifact).
// node:crypto cannot do this: crypto.verify(null, digest, ecKey) hashes its input again with SHA-256 (checked in
// digest-verify.test.ts), so the prehashed check goes through @noble/curves with prehash disabled.
import type { KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/p256';
import { p384 } from '@noble/curves/p384';
import { RekorEntryError } from './errors';

function rawPoint(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.x || !jwk.y) throw new RekorEntryError('KEY_UNSUPPORTED', 'The EC public key has no coordinates.');
  return new Uint8Array(Buffer.concat([Buffer.of(0x04), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]));
}

/**
 * True when `signatureDer` (X9.62 ECDSA-Sig-Value) is `key`'s signature over `digest`. ECDSA P-256 and P-384
 * only (high-S accepted, as Go's ecdsa.VerifyASN1 in Rekor does); other keys throw KEY_UNSUPPORTED.
 */
export function verifyDigestSignature(key: KeyObject, digest: Uint8Array, signatureDer: Uint8Array): boolean {
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  const impl = curve === 'prime256v1' ? p256 : curve === 'secp384r1' ? p384 : undefined;
  if (!impl) {
    throw new RekorEntryError('KEY_UNSUPPORTED', 'hashedrekord entries are accepted with ECDSA P-256 or P-384 keys (a signature over a digest).', {
      details: { keyType: key.asymmetricKeyType ?? 'unknown', curve: curve ?? null },
    });
  }
  try {
    return impl.verify(signatureDer, digest, rawPoint(key), { prehash: false, lowS: false, format: 'der' });
  } catch {
    return false;
  }
}
