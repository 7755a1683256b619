// TSA intermediate profile: a CA for timestamping leaves only: CN and O, CA with pathlen:0, keyUsage exactly
// keyCertSign+cRLSign, EKU exactly timeStamping (non-critical on the CA), AKI = issuer SKI, SKI, 5 years.
import { OID } from '../oids';
import { buildIntermediate, type CaParams } from './fulcio-intermediate';
import type { Profile, ProfileRules } from './types';

export const tsaIntermediateRules: ProfileRules = {
  id: 'tsa-intermediate',
  title: 'Timestamping intermediate CA',
  kind: 'intermediate',
  subject: 'cn-and-o',
  subjectKeys: { allowed: ['P-256', 'P-384'], preferred: ['P-384'] },
  keyUsage: { required: ['keyCertSign', 'cRLSign'], allowed: ['keyCertSign', 'cRLSign'], critical: 'policy' },
  extKeyUsage: { exactly: [OID.timeStamping], mustBeCritical: false },
  preferredPathLen: 0,
  subjectKeyId: 'must',
  defaultValidity: { years: 5 },
};

export const tsaIntermediateProfile: Profile<CaParams> = {
  rules: tsaIntermediateRules,
  build: (p) => buildIntermediate(tsaIntermediateRules, OID.timeStamping, p),
};
