// Types of the certificate linter: findings, options, and the context every rule reads.
import type { CertView } from '../cert-view';
import type { ProfileLike, ProfileRules, RuleBasis } from '../profiles/types';

export type Severity = 'error' | 'warning';

export interface LintFinding {
  /** Stable rule id, e.g. "basic-constraints-critical". */
  rule: string;
  severity: Severity;
  /** Why this is an error or a warning (see RuleBasis). */
  basis: RuleBasis;
  /** The certificate field the finding is about, e.g. "extensions.basicConstraints". */
  field: string;
  message: string;
  /** The spec section the rule enforces, e.g. "RFC 5280 4.2.1.9". */
  source: string;
}

export interface LintOptions {
  profile: ProfileLike;
  /** The issuer's certificate (DER) or, when there is no certificate yet, its DER SubjectPublicKeyInfo. */
  issuer?: Uint8Array;
  /** When given, the certificate must not be expired at this time (not-yet-valid is a warning). */
  at?: Date;
  /** True when we are about to issue: 'policy' rules are errors. False (default): they are warnings. */
  issuing?: boolean;
  /**
   * The key the outer signature is checked with. Default: the issuer's key (the subject's own for a
   * self-signed certificate). lintBeforeSign passes the throwaway key that signed the lint certificate.
   */
  signatureKey?: Uint8Array;
}

export interface IssuerFacts {
  /** Present when the issuer was given as a certificate. */
  cert?: CertView;
  spki: Uint8Array;
}

export interface LintContext {
  cert: CertView;
  rules: ProfileRules;
  selfSigned: boolean;
  issuer?: IssuerFacts;
  at?: Date;
  signatureKey?: Uint8Array;
}

export type Report = (rule: string, basis: RuleBasis, field: string, source: string, message: string) => void;

export type LintRule = (ctx: LintContext, report: Report) => void;
