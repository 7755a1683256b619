// Builds a DER SubjectPublicKeyInfo from a token's CKA_EC_POINT (PKCS#11 3.0 2.3.3: a DER OCTET STRING
// holding the X9.62 point, or the 32-byte Ed25519 key for CKK_EC_EDWARDS) and the key's curve.
import { createPublicKey } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { toBase64Url } from '../bytes';
import { KeyError } from './errors';
import type { CurveSpec } from './pkcs11-constants';

/** The raw point inside CKA_EC_POINT. Some tokens omit the OCTET STRING wrapper; both forms are accepted. */
export function unwrapEcPoint(ecPoint: Uint8Array, curve: CurveSpec): Uint8Array {
  if (ecPoint.length !== curve.pointLength) {
    try {
      const inner = new Uint8Array(AsnConvert.parse(ecPoint, OctetString).buffer);
      if (inner.length === curve.pointLength) return inner;
    } catch {
      // Not DER; fall through to the error below.
    }
  } else if (curve.curve === 'Ed25519' || ecPoint[0] === 0x04) {
    return ecPoint;
  }
  throw new KeyError('KEY_UNSUPPORTED', `The token's public key (CKA_EC_POINT) is not a ${curve.curve} point.`, {
    details: { curve: curve.curve, length: ecPoint.length },
  });
}

/** DER SPKI for the public key, built and checked (point on the curve) by node:crypto via JWK (RFC 7518 6.2, RFC 8037 2). */
export function spkiFromEcPoint(ecPoint: Uint8Array, curve: CurveSpec): Uint8Array {
  const point = unwrapEcPoint(ecPoint, curve);
  let jwk: Record<string, string>;
  if (curve.curve === 'Ed25519') {
    jwk = { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(point) };
  } else {
    if (point[0] !== 0x04) {
      throw new KeyError('KEY_UNSUPPORTED', 'Only uncompressed EC points are supported.', { details: { curve: curve.curve } });
    }
    const n = (point.length - 1) / 2;
    jwk = { kty: 'EC', crv: curve.curve, x: toBase64Url(point.subarray(1, 1 + n)), y: toBase64Url(point.subarray(1 + n)) };
  }
  try {
    return new Uint8Array(createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' }));
  } catch (e) {
    throw new KeyError('KEY_UNSUPPORTED', `The token's public key is not a valid ${curve.curve} point.`, { cause: e, details: { curve: curve.curve } });
  }
}
