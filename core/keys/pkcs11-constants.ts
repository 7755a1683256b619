// PKCS#11 numbers and curve parameters Rootsmith uses (PKCS#11 v3.0 base spec; EC params per RFC 5480 2.1.1.1,
// Ed25519 per RFC 8410 3). Kept here so the rest of the code names them, not their values.
import type { KeyAlgorithm } from './signer';

// Object classes (PKCS#11 4.1 CKA_CLASS).
export const CKO_PUBLIC_KEY = 0x02;
export const CKO_PRIVATE_KEY = 0x03;
// Key types (CKA_KEY_TYPE).
export const CKK_EC = 0x03;
export const CKK_EC_EDWARDS = 0x40;
// Mechanisms.
export const CKM_EC_KEY_PAIR_GEN = 0x1040;
export const CKM_ECDSA = 0x1041;
export const CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
export const CKM_EDDSA = 0x1057;
// User types for C_Login.
export const CKU_SO = 0;
export const CKU_USER = 1;
// Token flags (CK_TOKEN_INFO.flags).
export const CKF_RNG = 0x1;
export const CKF_WRITE_PROTECTED = 0x2;
export const CKF_LOGIN_REQUIRED = 0x4;
export const CKF_USER_PIN_INITIALIZED = 0x8;
export const CKF_PROTECTED_AUTHENTICATION_PATH = 0x100;
export const CKF_TOKEN_INITIALIZED = 0x400;
export const CKF_USER_PIN_COUNT_LOW = 0x10000;
export const CKF_USER_PIN_FINAL_TRY = 0x20000;
export const CKF_USER_PIN_LOCKED = 0x40000;
export const CKF_USER_PIN_TO_BE_CHANGED = 0x80000;
export const CKF_SO_PIN_LOCKED = 0x400000;
// Session flags for C_OpenSession.
export const CKF_RW_SESSION = 0x2;
export const CKF_SERIAL_SESSION = 0x4;

export type CurveName = 'P-256' | 'P-384' | 'Ed25519';

export interface CurveSpec {
  algorithm: KeyAlgorithm;
  curve: CurveName;
  keyType: number;
  keyGenMechanism: number;
  signMechanism: number;
  /** CKA_EC_PARAMS: DER of the curve OID. */
  ecParams: Uint8Array;
  /** Length of the CKA_EC_POINT value once unwrapped (uncompressed point, or the 32-byte Ed25519 key). */
  pointLength: number;
}

export const CURVES: readonly CurveSpec[] = [
  {
    algorithm: 'ecdsa-p256',
    curve: 'P-256',
    keyType: CKK_EC,
    keyGenMechanism: CKM_EC_KEY_PAIR_GEN,
    signMechanism: CKM_ECDSA,
    // OID 1.2.840.10045.3.1.7 (secp256r1 / prime256v1), RFC 5480 2.1.1.1.
    ecParams: Uint8Array.of(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07),
    pointLength: 65,
  },
  {
    algorithm: 'ecdsa-p384',
    curve: 'P-384',
    keyType: CKK_EC,
    keyGenMechanism: CKM_EC_KEY_PAIR_GEN,
    signMechanism: CKM_ECDSA,
    // OID 1.3.132.0.34 (secp384r1), RFC 5480 2.1.1.1.
    ecParams: Uint8Array.of(0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22),
    pointLength: 97,
  },
  {
    algorithm: 'ed25519',
    curve: 'Ed25519',
    keyType: CKK_EC_EDWARDS,
    keyGenMechanism: CKM_EC_EDWARDS_KEY_PAIR_GEN,
    signMechanism: CKM_EDDSA,
    // OID 1.3.101.112 (id-Ed25519), RFC 8410 3; PKCS#11 3.0 2.3.5 accepts it as CKA_EC_PARAMS.
    ecParams: Uint8Array.of(0x06, 0x03, 0x2b, 0x65, 0x70),
    pointLength: 32,
  },
];

// PKCS#11 3.0 2.3.5 also allows the curve name as a PrintableString: "edwards25519".
const ED25519_PRINTABLE = Uint8Array.of(0x13, 0x0c, ...Buffer.from('edwards25519', 'ascii'));

export function curveOfAlgorithm(algorithm: KeyAlgorithm): CurveSpec {
  return CURVES.find((c) => c.algorithm === algorithm)!;
}

/** The curve named by a key's CKA_KEY_TYPE and CKA_EC_PARAMS, or undefined for curves Rootsmith does not use. */
export function curveOfParams(keyType: number, ecParams: Uint8Array): CurveSpec | undefined {
  if (keyType === CKK_EC_EDWARDS && Buffer.from(ecParams).equals(ED25519_PRINTABLE)) return curveOfAlgorithm('ed25519');
  return CURVES.find((c) => c.keyType === keyType && Buffer.from(c.ecParams).equals(ecParams));
}
