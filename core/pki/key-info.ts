// What kind of public key a SubjectPublicKeyInfo holds (RFC 5480 2.1.1, RFC 8410 3, RFC 3279 2.3.1), for
// profiles and the linter; unlike core/keys/spki.ts it also describes keys we never hold (RSA, P-521).
import { createPublicKey } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ECParameters } from '@peculiar/asn1-ecc';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import type { KeyAlgorithm } from '../keys/signer';
import { OID } from './oids';

export type PublicKeyInfo =
  | { kind: 'ecdsa'; curve: 'P-256' | 'P-384' | 'P-521' | 'other'; curveOid: string }
  | { kind: 'ed25519' }
  | { kind: 'rsa'; bits: number; exponent: number }
  | { kind: 'other'; oid: string };

const CURVES: Record<string, 'P-256' | 'P-384' | 'P-521'> = {
  [OID.secp256r1]: 'P-256',
  [OID.secp384r1]: 'P-384',
  [OID.secp521r1]: 'P-521',
};

export function publicKeyInfo(spki: Uint8Array): PublicKeyInfo {
  const info = AsnConvert.parse(spki, SubjectPublicKeyInfo);
  const alg = info.algorithm.algorithm;
  if (alg === OID.ed25519) return { kind: 'ed25519' };
  if (alg === OID.ecPublicKey) {
    const params = info.algorithm.parameters;
    const curveOid = params ? (AsnConvert.parse(params, ECParameters).namedCurve ?? '') : '';
    return { kind: 'ecdsa', curve: CURVES[curveOid] ?? 'other', curveOid };
  }
  if (alg === OID.rsaEncryption) {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    const d = key.asymmetricKeyDetails;
    return { kind: 'rsa', bits: d?.modulusLength ?? 0, exponent: Number(d?.publicExponent ?? 0n) };
  }
  return { kind: 'other', oid: alg };
}

/** The Rootsmith KeyAlgorithm of a key, or undefined for keys our Signers cannot hold. */
export function keyAlgorithmOf(info: PublicKeyInfo): KeyAlgorithm | undefined {
  if (info.kind === 'ed25519') return 'ed25519';
  if (info.kind === 'ecdsa' && info.curve === 'P-256') return 'ecdsa-p256';
  if (info.kind === 'ecdsa' && info.curve === 'P-384') return 'ecdsa-p384';
  return undefined;
}

export function describeKey(info: PublicKeyInfo): string {
  switch (info.kind) {
    case 'ecdsa':
      return `ECDSA ${info.curve === 'other' ? info.curveOid : info.curve}`;
    case 'ed25519':
      return 'Ed25519';
    case 'rsa':
      return `RSA-${info.bits}`;
    case 'other':
      return `key algorithm ${info.oid}`;
  }
}
