// Signer: the one interface for every private-key operation in Rootsmith (certificates, TUF metadata,
// checkpoints, SETs, timestamp tokens). Implemented over PKCS#11 and over node:crypto software keys.

export type KeyAlgorithm = 'ecdsa-p256' | 'ecdsa-p384' | 'ed25519';
export type HashAlgorithm = 'sha256' | 'sha384' | 'sha512';

export interface Signer {
  /** How the key is named: an RFC 7512 PKCS#11 URI or a software key file path. Never contains a secret. */
  readonly ref: string;
  readonly algorithm: KeyAlgorithm;
  /** The public key as DER SubjectPublicKeyInfo. */
  publicKeySpki(): Promise<Uint8Array>;
  /**
   * Signs `data`. ECDSA hashes `data` with `hash` (default: SHA-256 for P-256, SHA-384 for P-384) and returns
   * a DER ECDSA-Sig-Value, the form X.509, CMS and TUF need. Ed25519 signs `data` itself (PureEdDSA) and
   * ignores `hash`.
   */
  sign(data: Uint8Array, hash?: HashAlgorithm): Promise<Uint8Array>;
}

export function defaultHash(algorithm: KeyAlgorithm): HashAlgorithm {
  switch (algorithm) {
    case 'ecdsa-p256':
      return 'sha256';
    case 'ecdsa-p384':
      return 'sha384';
    case 'ed25519':
      return 'sha512';
  }
}
