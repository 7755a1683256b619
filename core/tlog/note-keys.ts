// Note signers and verifiers over a Signer / a DER SPKI, with C2SP signed-note key IDs: Ed25519 (type 0x01,
// SHA-256(name || 0x0A || 0x01 || key)[:4]) and ECDSA P-256 (type 0x02, SHA-256(DER SPKI)[:4], as Rekor uses).
import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { concatBytes, sha256 } from '../bytes';
import type { KeyAlgorithm, Signer } from '../keys/signer';
import { TlogError } from './errors';
import { isValidKeyName } from './signed-note';

export type NoteKeyAlgorithm = Extract<KeyAlgorithm, 'ed25519' | 'ecdsa-p256'>;

export interface NoteSigner {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly algorithm: NoteKeyAlgorithm;
  /** Signs the note text bytes. */
  sign(text: Uint8Array): Promise<Uint8Array>;
  /** The matching verifier, so every signature can be checked right after it is made. */
  readonly verifier: NoteVerifier;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly algorithm: NoteKeyAlgorithm;
  /** True when `signature` is this key's signature over `text`; false for anything else. */
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteKeyOptions {
  /**
   * Overrides the derived key ID. Rekor v1 used SHA-256(DER SPKI)[:4] for every key type, Ed25519 included;
   * pass that here to interoperate with such a log.
   */
  keyId?: Uint8Array;
}

function publicKey(spki: Uint8Array): KeyObject {
  try {
    return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch (e) {
    throw new TlogError('KEY_UNSUPPORTED', 'The note key is not a valid DER SubjectPublicKeyInfo.', { cause: e });
  }
}

function noteAlgorithm(key: KeyObject): NoteKeyAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ecdsa-p256';
  throw new TlogError('KEY_UNSUPPORTED', 'Notes are signed with Ed25519 or ECDSA P-256 keys only.', {
    details: { keyType: key.asymmetricKeyType ?? 'unknown', curve: key.asymmetricKeyDetails?.namedCurve ?? null },
  });
}

function requireName(name: string): void {
  if (!isValidKeyName(name)) {
    throw new TlogError('NOTE_INVALID', `"${name}" is not a valid note key name: it must be non-empty, without spaces or "+".`);
  }
}

/** The C2SP signed-note key ID of `spki` under `name`. */
export function noteKeyId(name: string, spki: Uint8Array): Uint8Array {
  requireName(name);
  const key = publicKey(spki);
  switch (noteAlgorithm(key)) {
    case 'ed25519': {
      const raw = Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
      return sha256(concatBytes(new TextEncoder().encode(`${name}\n`), Uint8Array.of(0x01), raw)).slice(0, 4);
    }
    case 'ecdsa-p256':
      // signed-note "Signature types", 0x02: the key ID is the truncated SHA-256 of the DER SPKI.
      return sha256(spki).slice(0, 4);
  }
}

export function createNoteVerifier(name: string, spki: Uint8Array, options: NoteKeyOptions = {}): NoteVerifier {
  const key = publicKey(spki);
  const algorithm = noteAlgorithm(key);
  const keyId = (options.keyId ? new Uint8Array(options.keyId) : undefined) ?? noteKeyId(name, spki);
  if (keyId.byteLength !== 4) throw new TlogError('NOTE_INVALID', 'A note key ID is 4 bytes.');
  return {
    name,
    keyId,
    algorithm,
    verify(text, signature) {
      try {
        return algorithm === 'ed25519'
          ? cryptoVerify(null, text, key, signature)
          : cryptoVerify('sha256', text, { key, dsaEncoding: 'der' }, signature);
      } catch {
        return false;
      }
    },
  };
}

/** A note signer over `signer` (Ed25519 or ECDSA P-256, DER signatures over SHA-256 of the text). */
export async function createNoteSigner(name: string, signer: Signer, options: NoteKeyOptions = {}): Promise<NoteSigner> {
  const spki = await signer.publicKeySpki();
  const verifier = createNoteVerifier(name, spki, options);
  if (verifier.algorithm !== signer.algorithm) {
    throw new TlogError('KEY_UNSUPPORTED', `The signer says ${signer.algorithm} but its public key is ${verifier.algorithm}.`);
  }
  return {
    name,
    keyId: verifier.keyId,
    algorithm: verifier.algorithm,
    sign: (text) => (verifier.algorithm === 'ed25519' ? signer.sign(text) : signer.sign(text, 'sha256')),
    verifier,
  };
}
