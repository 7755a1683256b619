// Public API of core/pki: certificate building over Signer, profiles, the linter, lint-before-sign issuance,
// CSRs and chains.
export * from './errors';
export { OID } from './oids';
export {
  type CertExtension,
  type CertificateTemplate,
  type BuiltCertificate,
  type ParsedCertificate,
  signatureAlgorithmOid,
  encodeTbs,
  assembleCertificate,
  signTbs,
  signTbsToCertificate,
  buildCertificate,
  parseCertificate,
  verifyCertificateSignature,
  verifyWithSpki,
} from './x509';
export { randomSerial, systemRandom, SERIAL_OCTETS, type RandomSource } from './serial';
export { encodeName, nameAttributes, nameAttribute, formatName, type NameSpec, type NameAttribute } from './name';
export {
  basicConstraintsExt,
  keyUsageExt,
  extKeyUsageExt,
  subjectKeyIdExt,
  authorityKeyIdExt,
  subjectAltNameExt,
  fulcioIssuerExt,
  keyIdentifier,
  type KeyUsageName,
  type SanValue,
} from './extensions';
export { publicKeyInfo, keyAlgorithmOf, describeKey, type PublicKeyInfo } from './key-info';
export { viewCertificate, type CertView } from './cert-view';
export * from './profiles';
export { lintCertificate, lintErrors } from './lint/lint';
export { lintBeforeSign, signLinted, issueCertificate, type LintedCertificate, type IssuedCertificate, type IssueRequest } from './lint/issue';
export type { LintFinding, LintOptions, Severity } from './lint/types';
export { parseCsr, csrNameSpec, type ParsedCsr } from './csr';
export { chainToPem, pemToChain, verifyChain } from './chain';
