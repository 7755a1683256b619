// Signs TUF metadata with an async Signer (PKCS#11 or software): canonical JSON of `signed` (TUF 4.2), signature
// hex-encoded as the Sigstore repository stores it, checked right after signing. Metadata.sign is sync, so not used.
import { Signature, type Key, type Metadata, type Root, type Snapshot, type Targets, type Timestamp } from '@tufjs/models';
import { bytesEqual, toHex } from '../bytes';
import type { Signer } from '../keys/signer';
import { TufError } from './errors';
import { signedToJSON } from './metadata-codec';
import { canonicalBytes } from './metadata-json';
import { spkiOfTufKey } from './tuf-key';
import { hashOfScheme, verifyTufSignature } from './verify-signature';

export type AnyMetadata = Metadata<Root | Targets | Snapshot | Timestamp>;

export function signedBytes(md: AnyMetadata): Uint8Array {
  return canonicalBytes(signedToJSON(md.signed));
}

/** Signs `bytes` as `key` with `signer`; refuses a signer whose public key is not `key`. Returns the hex signature. */
export async function signBytesAs(key: Key, signer: Signer, bytes: Uint8Array): Promise<string> {
  const spki = await signer.publicKeySpki();
  if (!bytesEqual(spki, spkiOfTufKey(key))) {
    throw new TufError('KEY_NOT_IN_ROLE', `The signer ${signer.ref} does not hold key ${key.keyID}.`, { details: { keyid: key.keyID } });
  }
  const hash = hashOfScheme(key.scheme);
  const sig = toHex(await signer.sign(bytes, hash ?? undefined));
  if (!verifyTufSignature(key, bytes, sig)) {
    throw new TufError('SIGNATURE_INVALID', `The signature made by ${signer.ref} does not verify with key ${key.keyID}.`, {
      details: { keyid: key.keyID },
    });
  }
  return sig;
}

export async function signMetadataAs(md: AnyMetadata, key: Key, signer: Signer): Promise<void> {
  const sig = await signBytesAs(key, signer, signedBytes(md));
  md.signatures[key.keyID] = new Signature({ keyID: key.keyID, sig });
}

/** The keys among `keys` whose public key is the signer's (same key may sit under several IDs). */
export async function keysOfSigner(keys: Key[], signer: Signer): Promise<Key[]> {
  const spki = await signer.publicKeySpki();
  return keys.filter((k) => {
    try {
      return bytesEqual(spki, spkiOfTufKey(k));
    } catch {
      return false;
    }
  });
}
