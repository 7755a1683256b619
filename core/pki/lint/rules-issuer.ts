// Rules that relate a certificate to its issuer: name chaining, key identifiers, signature algorithm and
// signature, lifetime within the issuer's, and the issuer being a CA allowed to issue it (RFC 5280 4.1, 6.1).
import { bytesEqual, toHex } from '../../bytes';
import { describeKey, publicKeyInfo, type PublicKeyInfo } from '../key-info';
import { formatName } from '../name';
import { OID } from '../oids';
import { verifyWithSpki } from '../x509';
import type { LintRule } from './types';

/** The signature algorithms a key may sign with: the hash matched to the curve (RFC 5758 3.2), Ed25519 (RFC 8410). */
export function expectedSignatureOids(key: PublicKeyInfo): string[] {
  switch (key.kind) {
    case 'ecdsa':
      return key.curve === 'P-256' ? [OID.ecdsaWithSha256] : key.curve === 'P-384' ? [OID.ecdsaWithSha384] : key.curve === 'P-521' ? [OID.ecdsaWithSha512] : [];
    case 'ed25519':
      return [OID.ed25519];
    case 'rsa':
      return [OID.sha256WithRsa, OID.sha384WithRsa, OID.sha512WithRsa, OID.rsaPss];
    case 'other':
      return [];
  }
}

export const issuerKeyRules: LintRule = (ctx, report) => {
  const { cert, issuer, selfSigned } = ctx;
  const issuerSpki = selfSigned ? cert.spki : issuer?.spki;
  if (!issuerSpki) {
    report('issuer-unknown', 'should', 'issuer', 'RFC 5280 6.1', `The issuer (${formatName(cert.issuer)}) was not given; chaining, key identifier and signature checks were skipped.`);
    return;
  }
  const key = publicKeyInfo(issuerSpki);
  const expected = expectedSignatureOids(key);
  if (!expected.includes(cert.signatureOid)) {
    report('signature-algorithm-for-key', 'must', 'signatureAlgorithm', 'RFC 5758 3.2; RFC 8410 3', `signatureAlgorithm ${cert.signatureOid} does not fit the issuer's ${describeKey(key)} key (expected ${expected.join(' or ') || 'a supported key'}).`);
  }
  // Fulcio certificate-specification: SHOULD NOT mix RSA and ECDSA between a certificate and its issuer.
  if (!selfSigned && (key.kind === 'rsa') !== (cert.key.kind === 'rsa')) {
    report('key-scheme-matches-issuer', 'should', 'subjectPublicKeyInfo', 'Fulcio certificate-specification', `The ${describeKey(cert.key)} key uses a different scheme than its issuer's ${describeKey(key)} key; some clients do not support this.`);
  }
  const verifyKey = ctx.signatureKey ?? issuerSpki;
  if (!verifyWithSpki(verifyKey, cert.signatureOid, cert.tbsDer, cert.signature)) {
    report('signature-valid', 'must', 'signatureValue', 'RFC 5280 6.1.3 (a)(1)', "The signature does not verify with the issuer's public key.");
  }
};

export const issuerCertRules: LintRule = ({ cert, issuer, selfSigned, rules }, report) => {
  if (rules.kind === 'root' && !selfSigned) {
    report('root-self-signed', 'must', 'issuer', 'Fulcio certificate-specification', `A ${rules.title} must be self-signed (issuer equal to subject, signed by its own key).`);
  }
  const parent = selfSigned ? cert : issuer?.cert;
  if (!parent) return;
  if (!bytesEqual(cert.issuer, parent.subject)) {
    // sigstore-js and OpenSSL chain by exact name; we require byte equality (RFC 5280 7.1 compares after folding).
    report('issuer-name', 'must', 'issuer', 'RFC 5280 4.1.2.4', `issuer (${formatName(cert.issuer)}) is not byte-identical to the issuer's subject (${formatName(parent.subject)}).`);
  }
  const aki = cert.authorityKeyId?.value;
  if (selfSigned) {
    // Fulcio: a root MAY carry an AKI; if it does it MUST equal the SKI.
    if (aki && cert.subjectKeyId && !bytesEqual(aki, cert.subjectKeyId)) {
      report('root-aki-equals-ski', 'must', 'extensions.authorityKeyIdentifier', 'Fulcio certificate-specification', `A self-signed certificate's AKI (${toHex(aki)}) must equal its SKI (${toHex(cert.subjectKeyId)}).`);
    }
    return;
  }
  if (!cert.authorityKeyId) {
    report('aki-present', 'must', 'extensions.authorityKeyIdentifier', 'RFC 5280 4.2.1.1', 'A certificate that is not self-signed must carry authorityKeyIdentifier.');
  } else if (aki && parent.subjectKeyId && !bytesEqual(aki, parent.subjectKeyId)) {
    report('aki-matches-issuer-ski', 'must', 'extensions.authorityKeyIdentifier', 'RFC 5280 4.2.1.1; Fulcio certificate-specification', `authorityKeyIdentifier ${toHex(aki)} is not the issuer's subjectKeyIdentifier ${toHex(parent.subjectKeyId)}.`);
  }
  if (cert.notBefore < parent.notBefore || cert.notAfter > parent.notAfter) {
    report('validity-within-issuer', 'must', 'validity', 'Fulcio certificate-specification', `validity ${cert.notBefore.toISOString()}..${cert.notAfter.toISOString()} is not within the issuer's ${parent.notBefore.toISOString()}..${parent.notAfter.toISOString()}.`);
  }
  const pbc = parent.basicConstraints?.value;
  if (!pbc?.ca || !parent.keyUsage?.value.has('keyCertSign')) {
    report('issuer-is-ca', 'must', 'issuer', 'RFC 5280 6.1.4 (k), (n)', `The issuer (${formatName(parent.subject)}) is not a CA with keyCertSign.`);
  } else if (pbc.pathLen === 0 && rules.kind !== 'leaf' && cert.basicConstraints?.value.ca) {
    report('issuer-path-len', 'must', 'issuer', 'RFC 5280 6.1.4 (l)', "The issuer's pathLenConstraint 0 forbids issuing another CA certificate.");
  }
};
