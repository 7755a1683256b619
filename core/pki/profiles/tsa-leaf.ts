// TSA signing certificate profile (RFC 3161 2.3): keyUsage digitalSignature, EKU exactly timeStamping and
// CRITICAL, not a CA (no basicConstraints), AKI = issuer SKI, SKI; CN and O; 3 years by default.
import { extKeyUsageExt, keyUsageExt } from '../extensions';
import type { NameSpec } from '../name';
import { OID } from '../oids';
import { issuedTemplate, requireCnAndO, type IssuedParams } from './common';
import type { Profile, ProfileRules } from './types';

export const tsaLeafRules: ProfileRules = {
  id: 'tsa-leaf',
  title: 'Timestamping authority signing certificate',
  kind: 'leaf',
  subject: 'cn-and-o',
  subjectKeys: { allowed: ['P-256', 'P-384', 'Ed25519'], preferred: ['P-256', 'P-384'] },
  // RFC 3161 does not forbid nonRepudiation (contentCommitment) next to digitalSignature; some TSAs set it.
  keyUsage: { required: ['digitalSignature'], allowed: ['digitalSignature', 'nonRepudiation'], critical: 'policy' },
  extKeyUsage: { exactly: [OID.timeStamping], mustBeCritical: true },
  subjectKeyId: 'policy',
  defaultValidity: { years: 3 },
};

export interface TsaLeafParams extends IssuedParams {
  subject: NameSpec;
}

export const tsaLeafProfile: Profile<TsaLeafParams> = {
  rules: tsaLeafRules,
  build: (p) =>
    issuedTemplate(tsaLeafRules, p, () => requireCnAndO(p.subject, tsaLeafRules.id), [
      keyUsageExt(['digitalSignature']),
      extKeyUsageExt([OID.timeStamping], true),
    ]),
};
