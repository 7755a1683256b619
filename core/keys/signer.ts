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
   * True when sign() itself checks every signature against publicKeySpki() before returning it (CONVENTIONS 13),
   * as the PKCS#11 signer does against a faulty token; a caller that has matched that key to its certificate
   * need not check again. Absent or false: the caller checks.
   */
  readonly checksOwnSignatures?: boolean;
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
