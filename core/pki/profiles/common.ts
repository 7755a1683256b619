// What profiles share: reading an issuer certificate, defaults for validity, parameter checks and the issued-certificate template.
import type { KeyAlgorithm } from '../../keys/signer';
import { viewCertificate } from '../cert-view';
import { PkiError } from '../errors';
import { keyAlgorithmOf, publicKeyInfo, describeKey, type PublicKeyInfo } from '../key-info';
import { authorityKeyIdExt, keyIdentifier, subjectKeyIdExt } from '../extensions';
import { encodeName, type NameSpec } from '../name';
import { randomSerial } from '../serial';
import type { CertExtension, CertificateTemplate } from '../x509';
import type { KeyKind, ProfileRules } from './types';

/** The facts about an issuing certificate that a child certificate is built from. */
export interface IssuerInfo {
  /** DER Name, copied byte for byte into the child's issuer field (RFC 5280 4.1.2.4). */
  subject: Uint8Array;
  subjectKeyId: Uint8Array;
  keyAlgorithm: KeyAlgorithm;
  notBefore: Date;
  notAfter: Date;
}

export function issuerFromCertificate(der: Uint8Array): IssuerInfo {
  const v = viewCertificate(der);
  if (!v.subjectKeyId) {
    throw new PkiError('PROFILE_VIOLATION', 'The issuer certificate has no Subject Key Identifier, so no Authority Key Identifier can be made (Fulcio certificate-specification).');
  }
  const keyAlgorithm = keyAlgorithmOf(v.key);
  if (!keyAlgorithm) throw new PkiError('PROFILE_VIOLATION', `The issuer key (${describeKey(v.key)}) cannot be held by a Rootsmith Signer.`);
  return { subject: v.subject, subjectKeyId: v.subjectKeyId, keyAlgorithm, notBefore: v.notBefore, notAfter: v.notAfter };
}

export function keyKindOf(info: PublicKeyInfo): KeyKind | undefined {
  switch (info.kind) {
    case 'ecdsa':
      return info.curve === 'other' ? undefined : info.curve;
    case 'ed25519':
      return 'Ed25519';
    case 'rsa':
      return 'RSA';
    case 'other':
      return undefined;
  }
}

/** Checks the certified key against the profile before anything is built. */
export function requireAllowedKey(rules: ProfileRules, spki: Uint8Array): PublicKeyInfo {
  let info: PublicKeyInfo;
  try {
    info = publicKeyInfo(spki);
  } catch (e) {
    throw new PkiError('PROFILE_VIOLATION', 'subjectPublicKey is not a DER SubjectPublicKeyInfo.', { cause: e });
  }
  const kind = keyKindOf(info);
  if (!kind || !rules.subjectKeys.allowed.includes(kind)) {
    throw new PkiError('PROFILE_VIOLATION', `Profile ${rules.id} does not allow a ${describeKey(info)} key; allowed: ${rules.subjectKeys.allowed.join(', ')}.`);
  }
  return info;
}

export function requireCnAndO(subject: NameSpec, profile: string): Uint8Array {
  if (!subject.commonName || !subject.organization) {
    throw new PkiError('PROFILE_VIOLATION', `Profile ${profile} needs a Subject with commonName and organization (Fulcio certificate-specification).`);
  }
  return encodeName(subject);
}

/** notBefore plus the profile's default lifetime (calendar years or minutes), unless `notAfter` is given. */
export function endOfValidity(rules: ProfileRules, notBefore: Date, notAfter?: Date): Date {
  if (notAfter) return notAfter;
  const d = new Date(notBefore.getTime());
  if (rules.defaultValidity.years) d.setUTCFullYear(d.getUTCFullYear() + rules.defaultValidity.years);
  if (rules.defaultValidity.minutes) d.setUTCMinutes(d.getUTCMinutes() + rules.defaultValidity.minutes);
  return d;
}

/** Parameters every issued (non-root) certificate takes. */
export interface IssuedParams {
  /** The issuer's certificate (DER) or the facts read from it. */
  issuer: Uint8Array | IssuerInfo;
  /** DER SubjectPublicKeyInfo of the key being certified (from the HSM, or from a verified CSR). */
  subjectPublicKey: Uint8Array;
  notBefore: Date;
  /** Defaults to the profile's lifetime; never clamped silently: the linter reports a lifetime beyond the issuer's. */
  notAfter?: Date;
  /** Defaults to a fresh randomSerial(). */
  serialNumber?: Uint8Array;
}

function resolveIssuer(issuer: Uint8Array | IssuerInfo): IssuerInfo {
  return issuer instanceof Uint8Array ? issuerFromCertificate(issuer) : issuer;
}

/**
 * The template of an issued (non-root) certificate: checks the key against `rules`, reads the issuer, then
 * the subject; extensions are `usage`, SKI, AKI = issuer SKI, then `trailing`.
 */
export function issuedTemplate(
  rules: ProfileRules,
  p: IssuedParams,
  subject: () => Uint8Array,
  usage: CertExtension[],
  trailing: CertExtension[] = [],
): CertificateTemplate {
  requireAllowedKey(rules, p.subjectPublicKey);
  const issuer = resolveIssuer(p.issuer);
  return {
    serialNumber: p.serialNumber ?? randomSerial(),
    issuerKeyAlgorithm: issuer.keyAlgorithm,
    issuer: issuer.subject,
    subject: subject(),
    notBefore: p.notBefore,
    notAfter: endOfValidity(rules, p.notBefore, p.notAfter),
    subjectPublicKey: p.subjectPublicKey,
    extensions: [
      ...usage,
      subjectKeyIdExt(keyIdentifier(p.subjectPublicKey)),
      authorityKeyIdExt(issuer.subjectKeyId),
      ...trailing,
    ],
  };
}
