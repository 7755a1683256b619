// Fulcio intermediate profile (Fulcio certificate-specification "Intermediate Certificate"): CN and O, CA with
// pathlen:0, keyUsage exactly keyCertSign+cRLSign, EKU exactly codeSigning, AKI = issuer SKI, SKI, 3 years.
import { basicConstraintsExt, extKeyUsageExt, keyUsageExt } from '../extensions';
import type { NameSpec } from '../name';
import { OID } from '../oids';
import type { CertificateTemplate } from '../x509';
import { issuedTemplate, requireCnAndO, type IssuedParams } from './common';
import type { Profile, ProfileRules } from './types';

export const fulcioIntermediateRules: ProfileRules = {
  id: 'fulcio-intermediate',
  title: 'Fulcio intermediate CA',
  kind: 'intermediate',
  subject: 'cn-and-o',
  subjectKeys: { allowed: ['P-256', 'P-384'], preferred: ['P-384'] },
  keyUsage: { required: ['keyCertSign', 'cRLSign'], allowed: ['keyCertSign', 'cRLSign'], critical: 'policy' },
  extKeyUsage: { exactly: [OID.codeSigning], mustBeCritical: false },
  preferredPathLen: 0,
  subjectKeyId: 'must',
  defaultValidity: { years: 3 },
};

export interface CaParams extends IssuedParams {
  subject: NameSpec;
  /** Default 0 (Fulcio: SHOULD pathlen:0, so the CA issues only end-entity certificates). */
  pathLen?: number;
}

export const fulcioIntermediateProfile: Profile<CaParams> = {
  rules: fulcioIntermediateRules,
  build: (p) => buildIntermediate(fulcioIntermediateRules, OID.codeSigning, p),
};

/** Shared by the Fulcio and TSA intermediates, which differ only in their one EKU. */
export function buildIntermediate(rules: ProfileRules, eku: string, p: CaParams): CertificateTemplate {
  return issuedTemplate(rules, p, () => requireCnAndO(p.subject, rules.id), [
    basicConstraintsExt(true, p.pathLen ?? 0),
    keyUsageExt(['keyCertSign', 'cRLSign']),
    extKeyUsageExt([eku], false),
  ]);
}
