// Signer over a private key held in a PKCS#11 token: CKM_ECDSA over a digest computed here (returned as DER),
// CKM_EDDSA for Ed25519 (PureEdDSA over the data). Every signature is checked against the public key before
// it is returned, so a faulty token cannot hand out a bad signature unnoticed.
import { createHash, type KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/p256';
import { p384 } from '@noble/curves/p384';
import type * as graphene from 'graphene-pk11';
import { KeyError } from './errors';
import type { KeyPairObjects } from './pkcs11-keys';
import { spkiOfPair } from './pkcs11-keys';
import { CKM_ECDSA, CKM_EDDSA } from './pkcs11-constants';
import { pkcs11Error } from './pkcs11-errors';
import { defaultHash, type HashAlgorithm, type KeyAlgorithm, type Signer } from './signer';
import { publicKeyFromSpki, verifySignature } from './spki';

/** PKCS#11 returns ECDSA signatures as r||s (PKCS#11 3.0 2.3.1); X.509, CMS and TUF want DER ECDSA-Sig-Value. */
export function ecdsaRawToDer(raw: Uint8Array, algorithm: 'ecdsa-p256' | 'ecdsa-p384'): Uint8Array {
  const curve = algorithm === 'ecdsa-p256' ? p256 : p384;
  try {
    return curve.Signature.fromCompact(raw).toDERRawBytes();
  } catch (e) {
    throw new KeyError('PKCS11_ERROR', 'The token returned a malformed ECDSA signature.', { cause: e, details: { length: raw.length } });
  }
}

export class Pkcs11Signer implements Signer {
  readonly algorithm: KeyAlgorithm;
  private readonly privateKey: graphene.Key;
  private readonly spki: Uint8Array | null;
  /** The public key parsed once for the check after every signature. */
  private readonly checkKey: KeyObject | null;
  private closed = false;

  constructor(
    private readonly session: graphene.Session,
    pair: KeyPairObjects,
    readonly ref: string,
    private readonly onClose?: () => void,
  ) {
    if (!pair.privateKey) throw new KeyError('KEY_NOT_FOUND', `No private key object for "${pair.label}".`);
    this.algorithm = pair.curve.algorithm;
    this.privateKey = pair.privateKey.toType<graphene.Key>();
    try {
      this.spki = spkiOfPair(pair);
    } catch (e) {
      throw pkcs11Error(e, `reading the public key of "${pair.label}"`);
    }
    this.checkKey = this.spki ? publicKeyFromSpki(this.spki) : null;
  }

  get checksOwnSignatures(): boolean {
    return this.checkKey !== null;
  }

  async publicKeySpki(): Promise<Uint8Array> {
    if (!this.spki) {
      throw new KeyError('KEY_NOT_FOUND', 'The token holds no public key object for this private key, so its public key is unknown.', {
        details: { ref: this.ref },
      });
    }
    return this.spki.slice();
  }

  async sign(data: Uint8Array, hash?: HashAlgorithm): Promise<Uint8Array> {
    if (this.closed) throw new KeyError('NOT_LOGGED_IN', 'This signer is closed; open the key again.');
    const h = hash ?? defaultHash(this.algorithm);
    let signature: Uint8Array;
    try {
      if (this.algorithm === 'ed25519') {
        signature = new Uint8Array(this.session.createSign({ name: CKM_EDDSA, params: null }, this.privateKey).once(Buffer.from(data)));
      } else {
        const digest = createHash(h).update(data).digest();
        const raw = this.session.createSign({ name: CKM_ECDSA, params: null }, this.privateKey).once(digest);
        signature = ecdsaRawToDer(new Uint8Array(raw), this.algorithm);
      }
    } catch (e) {
      throw pkcs11Error(e, 'the signing operation');
    }
    // Write, then check (CONVENTIONS 13).
    if (this.checkKey && !verifySignature(this.checkKey, data, signature, h)) {
      throw new KeyError('PKCS11_ERROR', 'The token produced a signature that does not verify with its public key.', { details: { ref: this.ref } });
    }
    return signature;
  }

  /** Releases what this signer holds open (the session and module when it came from openSigner). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose?.();
  }
}
