// The shape of a certificate profile: its rules as data (read by the linter) and a builder of the template.
import type { KeyUsageName } from '../extensions';
import type { CertificateTemplate } from '../x509';

export type ProfileId = 'root-ca' | 'fulcio-intermediate' | 'tsa-intermediate' | 'tsa-leaf' | 'fulcio-leaf';

/** Key kinds as the linter sees them (wider than the KeyAlgorithm our Signers hold). */
export type KeyKind = 'P-256' | 'P-384' | 'P-521' | 'Ed25519' | 'RSA';

/**
 * How strong a rule is, which decides a finding's severity:
 * - 'must'   an RFC 5280 / RFC 3161 / Fulcio certificate-specification MUST: always an error;
 * - 'policy' Rootsmith's own issuance policy (stricter than the specs, e.g. 20-octet serials): an error when we
 *            issue, a warning when we only accept a certificate someone else made (e.g. Sigstore's public root);
 * - 'should' a SHOULD of a spec (e.g. pathlen:0 on an intermediate, P-384 roots): always a warning.
 */
export type RuleBasis = 'must' | 'policy' | 'should';

export interface ProfileRules {
  id: ProfileId;
  title: string;
  kind: 'root' | 'intermediate' | 'leaf';
  /** 'cn-and-o': Subject with commonName and organizationName; 'empty': the empty Subject of Fulcio leaves. */
  subject: 'cn-and-o' | 'empty';
  /** Key kinds the certified key may be (anything else is an error), and the ones the spec prefers (SHOULD). */
  subjectKeys: { allowed: readonly KeyKind[]; preferred?: readonly KeyKind[] };
  /** Bits that must be set, and every bit that may be set (required plus optional). */
  keyUsage: { required: readonly KeyUsageName[]; allowed: readonly KeyUsageName[]; critical: RuleBasis };
  /** 'forbidden': no EKU extension at all; otherwise exactly these purposes. */
  extKeyUsage: 'forbidden' | { exactly: readonly string[]; mustBeCritical: boolean };
  /** For CA profiles, the pathLenConstraint a spec recommends (a SHOULD). */
  preferredPathLen?: number;
  /** How strongly the Subject Key Identifier is required (RFC 5280 4.2.1.2: MUST on CAs, SHOULD on leaves). */
  subjectKeyId: RuleBasis;
  /** Fulcio leaves: exactly one critical SAN, an email or a URI; and the OIDC issuer extension. */
  fulcioIdentity?: boolean;
  /** Default lifetime of a certificate built with this profile. */
  defaultValidity: { years?: number; minutes?: number };
}

export interface Profile<P> {
  readonly rules: ProfileRules;
  /** The to-be-signed template for `params`; PROFILE_VIOLATION when the params cannot satisfy the profile. */
  build(params: P): CertificateTemplate;
}

/** Anything the linter can take a profile from. */
export type ProfileLike = ProfileRules | { rules: ProfileRules };

export function rulesOf(p: ProfileLike): ProfileRules {
  return 'rules' in p ? p.rules : p;
}
