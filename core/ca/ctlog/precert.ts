// Precertificates (RFC 6962 3.1): the poison extension, the SCT list extension, and the PreCert a log signs,
// which is the TBSCertificate with the poison removed and everything else, extension order included, kept.
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Extensions, TBSCertificate } from '@peculiar/asn1-x509';
import { sha256 } from '../../bytes';
import type { CertExtension } from '../../pki/x509';
import { parseCertificate } from '../../pki/x509';
import { viewCertificate } from '../../pki/cert-view';
import { CaError } from '../errors';
import type { PreCert } from './tls';

/** RFC 6962 3.1: critical extension 1.3.6.1.4.1.11129.2.4.3 whose value is ASN.1 NULL. */
export const OID_CT_POISON = '1.3.6.1.4.1.11129.2.4.3';
/** RFC 6962 3.3: the embedded SCT list, an OCTET STRING holding the TLS SignedCertificateTimestampList. */
export const OID_CT_SCT_LIST = '1.3.6.1.4.1.11129.2.4.2';

export function poisonExt(): CertExtension {
  return { oid: OID_CT_POISON, critical: true, value: new Uint8Array([0x05, 0x00]) };
}

export function sctListExt(tlsList: Uint8Array): CertExtension {
  return { oid: OID_CT_SCT_LIST, critical: false, value: new Uint8Array(AsnConvert.serialize(new OctetString(tlsList.slice().buffer))) };
}

/** The TBSCertificate of `tbsDer` re-encoded without the extension `oid` (DER, extension order kept). */
export function tbsWithout(tbsDer: Uint8Array, oid: string): Uint8Array {
  const tbs = AsnConvert.parse(tbsDer, TBSCertificate);
  const kept = (tbs.extensions ?? []).filter((e) => e.extnID !== oid);
  tbs.extensions = kept.length > 0 ? new Extensions(kept) : undefined;
  return new Uint8Array(AsnConvert.serialize(tbs));
}

/** RFC 6962 3.2 issuer_key_hash: SHA-256 of the issuer's DER SubjectPublicKeyInfo. */
export function issuerKeyHash(issuerCertDer: Uint8Array): Uint8Array {
  return sha256(viewCertificate(issuerCertDer).spki);
}

/** The PreCert of a precertificate signed directly by `issuerCertDer` (no precert signing certificate). */
export function preCertOf(precertDer: Uint8Array, issuerCertDer: Uint8Array): PreCert {
  const view = viewCertificate(precertDer);
  const poison = view.extensions.find((e) => e.oid === OID_CT_POISON);
  if (!poison || !poison.critical) throw new CaError('CT_CHAIN_INVALID', 'The first certificate is not a precertificate: it lacks the critical CT poison extension (RFC 6962 3.1).');
  return { issuerKeyHash: issuerKeyHash(issuerCertDer), tbsCertificate: tbsWithout(parseCertificate(precertDer).tbsDer, OID_CT_POISON) };
}
