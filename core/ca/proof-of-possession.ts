// The signing-certificate request's key and its proof of possession (Fulcio API v2 PublicKeyRequest): the
// client signs the identity it asks for (the token's email, else its sub, as sigstore-js does) with the key.
import { createPublicKey } from 'node:crypto';
import { fromBase64 } from '../bytes';
import { algorithmOfSpki, verifySignature } from '../keys/spki';
import { CaError } from './errors';
import type { VerifiedToken } from './oidc-verify';

/** The DER SPKI of `content`: a PEM "PUBLIC KEY" (what sigstore-js sends) or base64 DER. PUBLIC_KEY_INVALID otherwise. */
export function parsePublicKeyContent(content: string): Uint8Array {
  try {
    const key = content.includes('-----BEGIN') ? createPublicKey({ key: content, format: 'pem' }) : createPublicKey({ key: Buffer.from(fromBase64(content)), format: 'der', type: 'spki' });
    if (key.type !== 'public') throw new Error('not a public key');
    const spki = new Uint8Array(key.export({ type: 'spki', format: 'der' }));
    algorithmOfSpki(spki);
    return spki;
  } catch (e) {
    throw new CaError('PUBLIC_KEY_INVALID', 'The public key is not a PEM or base64 DER SubjectPublicKeyInfo of ECDSA P-256/P-384 or Ed25519.', { cause: e });
  }
}

/** The identity string the proof of possession signs: the verified email, else the subject. */
export function challengeOf(token: VerifiedToken): string {
  return token.email ?? token.subject;
}

/** POP_INVALID unless `signature` is the key's signature over the token's identity (ECDSA DER with SHA-256/384, or Ed25519). */
export function checkProofOfPossession(spki: Uint8Array, token: VerifiedToken, signature: Uint8Array): void {
  const data = new TextEncoder().encode(challengeOf(token));
  if (!verifySignature(spki, data, signature)) {
    throw new CaError('POP_INVALID', `The proof of possession is not a signature over "${challengeOf(token)}" by the submitted public key.`);
  }
}
