// lintCertificate: every RFC 5280 rule and profile rule against one DER certificate, as findings.
import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { bytesEqual } from '../../bytes';
import { viewCertificate, type CertView } from '../cert-view';
import { PkiError } from '../errors';
import { rulesOf, type RuleBasis } from '../profiles/types';
import { issuerCertRules, issuerKeyRules } from './rules-issuer';
import { fulcioIdentityRules, profileKeyIdRules, profileUsageRules, subjectKeyRules, subjectRules } from './rules-profile';
import { algorithmFieldRules, extensionListRules, serialRules, timeRules, versionRule } from './rules-structure';
import { basicConstraintsRules, extKeyUsageRules, keyUsageRules } from './rules-usage';
import type { IssuerFacts, LintContext, LintFinding, LintOptions, LintRule, Severity } from './types';

const RULES: readonly LintRule[] = [
  versionRule,
  serialRules,
  algorithmFieldRules,
  timeRules,
  extensionListRules,
  basicConstraintsRules,
  keyUsageRules,
  extKeyUsageRules,
  issuerKeyRules,
  issuerCertRules,
  subjectRules,
  subjectKeyRules,
  profileUsageRules,
  profileKeyIdRules,
  fulcioIdentityRules,
];

function severityOf(basis: RuleBasis, issuing: boolean): Severity {
  switch (basis) {
    case 'must':
      return 'error';
    case 'policy':
      return issuing ? 'error' : 'warning';
    case 'should':
      return 'warning';
  }
}

/** The issuer as given: a certificate, or (when it has none yet) a bare SubjectPublicKeyInfo. */
function issuerFacts(der: Uint8Array): IssuerFacts {
  try {
    const cert = viewCertificate(der);
    return { cert, spki: cert.spki };
  } catch {
    try {
      AsnConvert.parse(der, SubjectPublicKeyInfo);
      return { spki: der };
    } catch (e) {
      throw new PkiError('CERT_INVALID', 'The issuer is neither a DER certificate nor a DER SubjectPublicKeyInfo.', { cause: e });
    }
  }
}

/**
 * Self-signed: given itself as issuer, or, with no issuer given, issuer name equal to subject name and no AKI
 * pointing elsewhere (a self-issued certificate from a key rollover names another key in its AKI).
 */
function isSelfSigned(cert: CertView, issuer: IssuerFacts | undefined): boolean {
  if (issuer) return bytesEqual(issuer.spki, cert.spki) && (!issuer.cert || bytesEqual(issuer.cert.der, cert.der));
  const aki = cert.authorityKeyId?.value;
  return bytesEqual(cert.issuer, cert.subject) && (!aki || !cert.subjectKeyId || bytesEqual(aki, cert.subjectKeyId));
}

/**
 * Lints `certDer` against RFC 5280 and `options.profile`. Never throws for a bad certificate (that is what the
 * findings are for), only CERT_INVALID when the bytes are not a certificate at all. A root is linted without
 * an issuer (or with itself as issuer); any other certificate should be given its issuer.
 */
export function lintCertificate(certDer: Uint8Array, options: LintOptions): LintFinding[] {
  const cert = viewCertificate(certDer);
  const issuer = options.issuer ? issuerFacts(options.issuer) : undefined;
  const ctx: LintContext = {
    cert,
    rules: rulesOf(options.profile),
    selfSigned: isSelfSigned(cert, issuer),
    ...(issuer ? { issuer } : {}),
    ...(options.at ? { at: options.at } : {}),
    ...(options.signatureKey ? { signatureKey: options.signatureKey } : {}),
  };
  const findings: LintFinding[] = [];
  const issuing = options.issuing === true;
  for (const rule of RULES) {
    rule(ctx, (id, basis, field, source, message) => findings.push({ rule: id, severity: severityOf(basis, issuing), basis, field, message, source }));
  }
  return findings;
}

export function lintErrors(findings: readonly LintFinding[]): LintFinding[] {
  return findings.filter((f) => f.severity === 'error');
}
