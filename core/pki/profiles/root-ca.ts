// Root CA profile (Fulcio certificate-specification "Root Certificate"): self-signed, CN and O, CA critical,
// keyUsage exactly keyCertSign+cRLSign, no EKU, SKI (AKI only equal to SKI), P-384 preferred, 10 years.
import { authorityKeyIdExt, basicConstraintsExt, keyIdentifier, keyUsageExt, subjectKeyIdExt } from '../extensions';
import { PkiError } from '../errors';
import { keyAlgorithmOf } from '../key-info';
import type { NameSpec } from '../name';
import { randomSerial } from '../serial';
import { endOfValidity, requireAllowedKey, requireCnAndO } from './common';
import type { Profile, ProfileRules } from './types';

export const rootCaRules: ProfileRules = {
  id: 'root-ca',
  title: 'Root CA',
  kind: 'root',
  subject: 'cn-and-o',
  subjectKeys: { allowed: ['P-256', 'P-384'], preferred: ['P-384'] },
  keyUsage: { required: ['keyCertSign', 'cRLSign'], allowed: ['keyCertSign', 'cRLSign'], critical: 'policy' },
  extKeyUsage: 'forbidden',
  subjectKeyId: 'must',
  defaultValidity: { years: 10 },
};

export interface RootCaParams {
  subject: NameSpec;
  /** DER SPKI of the root key; it also signs, so its algorithm fixes the signature algorithm. */
  subjectPublicKey: Uint8Array;
  notBefore: Date;
  notAfter?: Date;
  serialNumber?: Uint8Array;
  /** Optional pathLenConstraint (Fulcio: MAY); absent by default. */
  pathLen?: number;
  /** Add an AKI equal to the SKI (Fulcio: MAY; some tools expect it). Default false. */
  authorityKeyId?: boolean;
}

export const rootCaProfile: Profile<RootCaParams> = {
  rules: rootCaRules,
  build(p) {
    const key = requireAllowedKey(rootCaRules, p.subjectPublicKey);
    const alg = keyAlgorithmOf(key);
    if (!alg) throw new PkiError('PROFILE_VIOLATION', 'The root key must be one a Rootsmith Signer can hold.');
    const name = requireCnAndO(p.subject, rootCaRules.id);
    const kid = keyIdentifier(p.subjectPublicKey);
    return {
      serialNumber: p.serialNumber ?? randomSerial(),
      issuerKeyAlgorithm: alg,
      issuer: name,
      subject: name,
      notBefore: p.notBefore,
      notAfter: endOfValidity(rootCaRules, p.notBefore, p.notAfter),
      subjectPublicKey: p.subjectPublicKey,
      extensions: [
        basicConstraintsExt(true, p.pathLen),
        keyUsageExt(['keyCertSign', 'cRLSign']),
        subjectKeyIdExt(kid),
        ...(p.authorityKeyId ? [authorityKeyIdExt(kid)] : []),
      ],
    };
  },
};
