// TSA certificate rules shared by the authority's startup check and token verification:
// the leaf profile of RFC 3161 2.3 and the issuer-by-issuer signature chain.
import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, ExtendedKeyUsage, KeyUsage, KeyUsageFlags } from '@peculiar/asn1-x509';
import { OID } from './algorithms';
import { TsaError, type TsaErrorCode } from './errors';

export interface TsaCert {
  der: Uint8Array;
  asn: Certificate;
  node: X509Certificate;
}

export function parseCert(der: Uint8Array, code: TsaErrorCode, what: string): TsaCert {
  try {
    return { der, asn: AsnConvert.parse(der, Certificate), node: new X509Certificate(der) };
  } catch (e) {
    throw new TsaError(code, `${what} is not a DER X.509 certificate`, { cause: e });
  }
}

/**
 * RFC 3161 2.3: the TSA certificate has exactly one extended key usage, id-kp-timeStamping, in a critical
 * extension; RFC 5280 4.2.1.3: signing tokens needs digitalSignature when key usage is present (we require it).
 * The leaf must also be within its validity period at `at`.
 */
export function checkTsaLeaf(leaf: TsaCert, at: Date, code: TsaErrorCode): void {
  const subject = leaf.node.subject.replace(/\n/g, ', ');
  const exts = leaf.asn.tbsCertificate.extensions ?? [];
  const eku = exts.filter((e) => e.extnID === OID.extKeyUsage);
  if (eku.length !== 1 || !eku[0]!.critical) {
    throw new TsaError(code, `TSA certificate "${subject}" needs one critical extended key usage extension (RFC 3161 2.3)`);
  }
  const purposes = AsnConvert.parse(eku[0]!.extnValue, ExtendedKeyUsage);
  if (purposes.length !== 1 || purposes[0] !== OID.timeStamping) {
    throw new TsaError(code, `TSA certificate "${subject}" must have timeStamping as its only extended key usage (RFC 3161 2.3)`);
  }
  const ku = exts.find((e) => e.extnID === OID.keyUsage);
  if (!ku || (AsnConvert.parse(ku.extnValue, KeyUsage).toNumber() & KeyUsageFlags.digitalSignature) === 0) {
    throw new TsaError(code, `TSA certificate "${subject}" needs the digitalSignature key usage`);
  }
  if (at < new Date(leaf.node.validFrom) || at > new Date(leaf.node.validTo)) {
    throw new TsaError(code, `TSA certificate "${subject}" is not valid at ${at.toISOString()}`, {
      details: { notBefore: leaf.node.validFrom, notAfter: leaf.node.validTo },
    });
  }
}

/**
 * Checks that each certificate is issued by the next (names chain, the issuer's key verifies the signature)
 * and that a self-signed last certificate verifies itself. Trust in the last one is the caller's decision.
 */
export function verifyChain(chain: readonly TsaCert[], code: TsaErrorCode): void {
  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i]!;
    const issuer = chain[i + 1] ?? (cert.node.subject === cert.node.issuer ? cert : undefined);
    if (!issuer) break;
    const name = cert.node.subject.replace(/\n/g, ', ');
    if (!cert.node.checkIssued(issuer.node)) {
      throw new TsaError(code, `certificate ${i} ("${name}") is not issued by the next certificate in the chain`);
    }
    if (!cert.node.verify(issuer.node.publicKey)) {
      throw new TsaError(code, `the signature on certificate ${i} ("${name}") does not verify with its issuer's key`);
    }
    if (i + 1 < chain.length && !issuer.node.ca) {
      throw new TsaError(code, `certificate ${i + 1} issues certificate ${i} but is not a CA`);
    }
  }
}
