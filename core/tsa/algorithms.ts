// Object identifiers and the hash/signature algorithm tables the TSA accepts and uses (RFC 5754, RFC 5758, RFC 8419).
import type { HashAlgorithm, KeyAlgorithm } from '../keys/signer';

export function hashName(oid: string): string {
  return HASH_BY_OID[oid]?.name ?? KNOWN_HASH_NAMES[oid] ?? oid;
}

/** Hash algorithms accepted in a MessageImprint, by OID, with their digest length in bytes. */
export const HASH_BY_OID: Readonly<Record<string, { name: HashAlgorithm; length: number }>> = {
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', length: 32 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', length: 48 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', length: 64 },
};

export const HASH_OID: Readonly<Record<HashAlgorithm, string>> = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
};

/** Names for display of hash OIDs we do not accept (so a rejection or a decoded token can say what was sent). */
export const KNOWN_HASH_NAMES: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '1.2.840.113549.2.5': 'md5',
  '2.16.840.1.101.3.4.2.4': 'sha224',
};

/**
 * The CMS algorithms used for a key: the digest of signed attributes and the signature algorithm.
 * ECDSA: RFC 5758 3.2 (parameters absent). Ed25519: RFC 8419 3.1 (SHA-512 digest with signed attributes).
 */
export function cmsAlgorithms(key: KeyAlgorithm): { digest: HashAlgorithm; signatureOid: string } {
  switch (key) {
    case 'ecdsa-p256':
      return { digest: 'sha256', signatureOid: '1.2.840.10045.4.3.2' };
    case 'ecdsa-p384':
      return { digest: 'sha384', signatureOid: '1.2.840.10045.4.3.3' };
    case 'ed25519':
      return { digest: 'sha512', signatureOid: '1.3.101.112' };
  }
}

/** Signature algorithms a token may use, with the hash to verify with (null: Ed25519 signs the data itself). */
export const SIGNATURE_ALGORITHMS: Readonly<Record<string, { name: string; hash: HashAlgorithm | null }>> = {
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512' },
  '1.3.101.112': { name: 'Ed25519', hash: null },
};

export const OID = {
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  extKeyUsage: '2.5.29.37',
  keyUsage: '2.5.29.15',
  sha1: '1.3.14.3.2.26',
  subjectKeyIdentifier: '2.5.29.14',
} as const;
