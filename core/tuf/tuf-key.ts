// TUF public keys in the form the Sigstore repository uses (tuf-on-ci): ECDSA as PEM under keytype "ecdsa",
// Ed25519 as hex (TUF spec "ed25519" key format), owner / online-URI annotations kept in the key object.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { Key } from '@tufjs/models';
import { fromHex, sha256, toHex } from '../bytes';
import { algorithmOfKeyObject, publicKeyFromSpki, spkiToPem } from '../keys/spki';
import { TufError } from './errors';
import { canonicalBytes, type JSONObject, type JSONValue } from './metadata-json';

export const KEY_OWNER_FIELD = 'x-tuf-on-ci-keyowner';
export const ONLINE_URI_FIELD = 'x-tuf-on-ci-online-uri';

export interface TufKeyAnnotations {
  /** Who holds the key, e.g. "@alice" (tuf-on-ci `x-tuf-on-ci-keyowner`). */
  owner?: string;
  /** Where an online key lives, e.g. a PKCS#11 or KMS URI (`x-tuf-on-ci-online-uri`). */
  onlineUri?: string;
}

/** TUF spec 4.2: a key ID is the SHA-256 of the canonical JSON of the whole key object. */
export function keyIdOf(keyJson: JSONObject): string {
  return toHex(sha256(canonicalBytes(keyJson)));
}

/**
 * Builds the TUF key for a DER SubjectPublicKeyInfo; its keyID is computed over the annotated key object.
 * Note: tuf-js 4 verifies every ECDSA signature with SHA-256, so its clients reject ecdsa-sha2-nistp384
 * signatures made (correctly) with SHA-384; prefer P-256 or Ed25519 for keys that tuf-js clients must trust.
 */
export function tufKeyFromSpki(spki: Uint8Array, annotations: TufKeyAnnotations = {}): Key {
  let keyObject: KeyObject;
  try {
    keyObject = publicKeyFromSpki(spki);
  } catch (e) {
    throw new TufError('KEY_UNSUPPORTED', 'The public key is not a valid DER SubjectPublicKeyInfo.', { cause: e });
  }
  const extra: Record<string, JSONValue> = {};
  if (annotations.owner !== undefined) extra[KEY_OWNER_FIELD] = annotations.owner;
  if (annotations.onlineUri !== undefined) extra[ONLINE_URI_FIELD] = annotations.onlineUri;
  let fields: { keytype: string; scheme: string; public: string };
  switch (algorithmOfKeyObject(keyObject)) {
    case 'ecdsa-p256':
      fields = { keytype: 'ecdsa', scheme: 'ecdsa-sha2-nistp256', public: spkiToPem(spki) };
      break;
    case 'ecdsa-p384':
      fields = { keytype: 'ecdsa', scheme: 'ecdsa-sha2-nistp384', public: spkiToPem(spki) };
      break;
    case 'ed25519': {
      const x = keyObject.export({ format: 'jwk' }).x;
      if (typeof x !== 'string') throw new TufError('KEY_UNSUPPORTED', 'Could not read the Ed25519 public key.');
      fields = { keytype: 'ed25519', scheme: 'ed25519', public: Buffer.from(x, 'base64url').toString('hex') };
      break;
    }
  }
  const json: JSONObject = { keytype: fields.keytype, scheme: fields.scheme, keyval: { public: fields.public }, ...extra };
  return Key.fromJSON(keyIdOf(json), json);
}

/** The key ID a key object hashes to, which may differ from the ID it is listed under (Sigstore root v11). */
export function computedKeyId(key: Key): string {
  return keyIdOf(key.toJSON());
}

/**
 * Refuses a key listed under an ID that is not the hash of its key object: strict clients reject such roots
 * (the Sigstore root v11 incident), so Rootsmith never writes one.
 */
export function assertKeyId(key: Key): void {
  const computed = computedKeyId(key);
  if (computed !== key.keyID) {
    throw new TufError('KEYID_MISMATCH', `Key ${key.keyID} hashes to ${computed}; build keys with tufKeyFromSpki so the ID matches the key object.`, {
      details: { keyid: key.keyID, computed },
    });
  }
}

export function keyOwner(key: Key): string | undefined {
  const v = key.unrecognizedFields?.[KEY_OWNER_FIELD];
  return typeof v === 'string' ? v : undefined;
}

export function keyOnlineUri(key: Key): string | undefined {
  const v = key.unrecognizedFields?.[ONLINE_URI_FIELD];
  return typeof v === 'string' ? v : undefined;
}

/** A readable name for a key: its owner, its online URI, or the first 8 hex digits of its ID. */
export function keyLabel(key: Key): string {
  return keyOwner(key) ?? keyOnlineUri(key) ?? key.keyID.slice(0, 8);
}

/**
 * The node:crypto public key of a TUF key. Accepts PEM, and the hex forms of old Sigstore roots (v1-v4:
 * uncompressed P-256 points under keytype "ecdsa-sha2-nistp256") and of TUF ed25519 keys.
 */
export function publicKeyOfTufKey(key: Key): KeyObject {
  const pub = key.keyVal['public'];
  if (typeof pub !== 'string') throw new TufError('KEY_UNSUPPORTED', `Key ${key.keyID} has no public key value.`);
  try {
    if (pub.includes('-----BEGIN PUBLIC KEY-----')) return createPublicKey(pub);
    const raw = fromHex(pub);
    if (key.keyType === 'ed25519') {
      return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
    }
    const size = raw.length === 65 ? 32 : raw.length === 97 ? 48 : 0;
    if (raw[0] !== 0x04 || size === 0) throw new Error('not an uncompressed P-256 or P-384 point');
    const crv = size === 32 ? 'P-256' : 'P-384';
    const x = Buffer.from(raw.subarray(1, 1 + size)).toString('base64url');
    const y = Buffer.from(raw.subarray(1 + size)).toString('base64url');
    return createPublicKey({ key: { kty: 'EC', crv, x, y }, format: 'jwk' });
  } catch (e) {
    throw new TufError('KEY_UNSUPPORTED', `Key ${key.keyID} (${key.keyType}) has a public key that cannot be read.`, {
      cause: e,
      details: { keyid: key.keyID },
    });
  }
}

/** The DER SPKI of a TUF key, to compare with a Signer's public key. */
export function spkiOfTufKey(key: Key): Uint8Array {
  return new Uint8Array(publicKeyOfTufKey(key).export({ format: 'der', type: 'spki' }));
}
