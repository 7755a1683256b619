// Lint before sign, then sign for real (boulder's ceremony discipline, CONVENTIONS 13): the TBSCertificate is
// encoded ONCE; a throwaway key of the issuer's algorithm signs those bytes to make a lint certificate; only if
// it lints clean does the real Signer sign the very same bytes. The two certificates therefore differ only in
// signatureValue (the outer signature); the TBS, including signature algorithm, issuer, AKI, serial and
// validity, is byte-identical, and this is checked, along with the real signature and a second lint.
import { bytesEqual, toPem } from '../../bytes';
import { generateEphemeralSigner } from '../../keys/software-signer';
import type { Signer } from '../../keys/signer';
import { PkiError } from '../errors';
import { rulesOf, type ProfileLike } from '../profiles/types';
import { encodeTbs, parseCertificate, signTbsToCertificate, verifyCertificateSignature, type CertificateTemplate } from '../x509';
import { viewCertificate } from '../cert-view';
import { lintCertificate, lintErrors } from './lint';
import type { LintFinding } from './types';

export interface LintedCertificate {
  profile: ProfileLike;
  /** The issuer certificate (DER); absent for a self-signed root. */
  issuer?: Uint8Array;
  /** The exact TBSCertificate bytes that were linted and that the real Signer will sign. */
  tbsDer: Uint8Array;
  /** The throwaway-signed certificate that was linted (for display and the transcript; never publish it). */
  lintCertificate: Uint8Array;
  /** Warnings found (errors would have thrown). */
  findings: LintFinding[];
}

export interface IssuedCertificate {
  der: Uint8Array;
  pem: string;
  tbsDer: Uint8Array;
  findings: LintFinding[];
}

function failIfErrors(findings: LintFinding[], what: string): void {
  const errors = lintErrors(findings);
  if (errors.length === 0) return;
  const list = errors.map((f) => `${f.rule} (${f.field}): ${f.message}`).join('; ');
  throw new PkiError('LINT_FAILED', `${what} failed ${errors.length} lint rule(s): ${list}`, { details: { findings } });
}

/**
 * Encodes `template`, signs it with a throwaway key of the issuer's algorithm, and lints the result with
 * `profile` in issuing mode (policy rules are errors). Throws LINT_FAILED with every finding in
 * `details.findings` if any rule fails. `issuer` is the issuer's certificate; omit it for a self-signed root.
 */
export async function lintBeforeSign(template: CertificateTemplate, profile: ProfileLike, issuer?: Uint8Array, at?: Date): Promise<LintedCertificate> {
  const rules = rulesOf(profile);
  if ((rules.kind === 'root') !== (issuer === undefined)) {
    throw new PkiError('PROFILE_VIOLATION', rules.kind === 'root' ? `A ${rules.title} is self-signed; do not pass an issuer certificate.` : `A ${rules.title} needs its issuer's certificate to be linted and signed.`);
  }
  const tbsDer = encodeTbs(template);
  const throwaway = generateEphemeralSigner(template.issuerKeyAlgorithm);
  const { der } = await signTbsToCertificate(tbsDer, throwaway);
  const findings = lintCertificate(der, {
    profile,
    ...(issuer ? { issuer } : {}),
    ...(at ? { at } : {}),
    issuing: true,
    signatureKey: await throwaway.publicKeySpki(),
  });
  failIfErrors(findings, `The ${rules.title} certificate`);
  return { profile, ...(issuer ? { issuer } : {}), tbsDer, lintCertificate: der, findings };
}

/**
 * Signs the linted TBS bytes with the real `signer`, then: checks the signer is the issuer's key (the
 * subject's own for a root), verifies the new signature, lints the real certificate again, and checks its TBS
 * is byte-identical to the linted one. SIGNATURE_INVALID, LINT_FAILED or TBS_MISMATCH otherwise.
 */
export async function signLinted(linted: LintedCertificate, signer: Signer, at?: Date): Promise<IssuedCertificate> {
  const signerSpki = await signer.publicKeySpki();
  const issuerSpki = linted.issuer ? viewCertificate(linted.issuer).spki : viewCertificate(linted.lintCertificate).spki;
  if (!bytesEqual(signerSpki, issuerSpki)) {
    throw new PkiError('SIGNATURE_INVALID', `The signer ${signer.ref} does not hold the issuer's key; refusing to sign.`);
  }
  const { der } = await signTbsToCertificate(linted.tbsDer, signer);
  if (!verifyCertificateSignature(der, issuerSpki)) {
    throw new PkiError('SIGNATURE_INVALID', `The signature just made by ${signer.ref} does not verify with the issuer's public key.`);
  }
  const signedTbs = parseCertificate(der).tbsDer;
  if (!bytesEqual(signedTbs, linted.tbsDer) || !bytesEqual(signedTbs, parseCertificate(linted.lintCertificate).tbsDer)) {
    throw new PkiError('TBS_MISMATCH', 'The signed TBSCertificate differs from the one that was linted.');
  }
  const findings = lintCertificate(der, {
    profile: linted.profile,
    ...(linted.issuer ? { issuer: linted.issuer } : {}),
    ...(at ? { at } : {}),
    issuing: true,
  });
  failIfErrors(findings, `The signed ${rulesOf(linted.profile).title} certificate`);
  return { der, pem: toPem(der, 'CERTIFICATE'), tbsDer: signedTbs, findings };
}

export interface IssueRequest {
  template: CertificateTemplate;
  profile: ProfileLike;
  /** The issuer certificate (DER); omit for a self-signed root. */
  issuer?: Uint8Array;
  /** The issuer's key (the root's own key for a root). */
  signer: Signer;
  at?: Date;
}

/** lintBeforeSign then signLinted, for callers that do not pause between the two (tests, the local CA). */
export async function issueCertificate(req: IssueRequest): Promise<IssuedCertificate> {
  if (req.signer.algorithm !== req.template.issuerKeyAlgorithm) {
    throw new PkiError('PROFILE_VIOLATION', `The template needs an ${req.template.issuerKeyAlgorithm} issuer key but ${req.signer.ref} is ${req.signer.algorithm}.`);
  }
  const linted = await lintBeforeSign(req.template, req.profile, req.issuer, req.at);
  return signLinted(linted, req.signer, req.at);
}
