// Fulcio issued-certificate profile (Fulcio certificate-specification "Issued Certificate"), for the local CA:
// empty Subject, exactly one critical SAN (email or URI), digitalSignature, EKU codeSigning, AKI/SKI, OIDC issuer.
import { extKeyUsageExt, fulcioIssuerExt, keyUsageExt, subjectAltNameExt, type SanValue } from '../extensions';
import { encodeName } from '../name';
import { OID } from '../oids';
import { issuedTemplate, type IssuedParams } from './common';
import type { Profile, ProfileRules } from './types';

export const fulcioLeafRules: ProfileRules = {
  id: 'fulcio-leaf',
  title: 'Fulcio code-signing certificate',
  kind: 'leaf',
  subject: 'empty',
  subjectKeys: { allowed: ['P-256', 'P-384', 'P-521', 'Ed25519', 'RSA'] },
  keyUsage: { required: ['digitalSignature'], allowed: ['digitalSignature'], critical: 'policy' },
  extKeyUsage: { exactly: [OID.codeSigning], mustBeCritical: false },
  subjectKeyId: 'must',
  fulcioIdentity: true,
  defaultValidity: { minutes: 10 },
};

export interface FulcioLeafParams extends IssuedParams {
  /** The one identity: the token's email or its subject URI. */
  san: SanValue;
  /** The OIDC issuer URL (extension 1.3.6.1.4.1.57264.1.8). */
  oidcIssuer: string;
}

export const fulcioLeafProfile: Profile<FulcioLeafParams> = {
  rules: fulcioLeafRules,
  build: (p) =>
    issuedTemplate(
      fulcioLeafRules,
      p,
      () => encodeName({}),
      [keyUsageExt(['digitalSignature']), extKeyUsageExt([OID.codeSigning], false)],
      [subjectAltNameExt([p.san], true), fulcioIssuerExt(p.oidcIssuer)],
    ),
};
