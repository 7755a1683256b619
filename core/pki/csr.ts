// PKCS#10 certificate requests (RFC 2986): parse, verify the self-signature (proof of possession), and hand out
// the key and subject, to certify a key that lives elsewhere (e.g. a cloud KMS intermediate).
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { parsePemBlocks } from '../bytes';
import { PkiError } from './errors';
import { describeKey, publicKeyInfo, type PublicKeyInfo } from './key-info';
import { formatName, nameAttributes, type NameAttribute, type NameSpec } from './name';
import { OID } from './oids';
import { derOf, verifyWithSpki } from './x509';

export interface ParsedCsr {
  der: Uint8Array;
  /** DER Name the requester asked for (a profile may use it or set its own). */
  subject: Uint8Array;
  subjectAttributes: NameAttribute[];
  /** One-line readable subject, e.g. "O=example, CN=intermediate". */
  subjectText: string;
  /** DER SubjectPublicKeyInfo of the requested key: what the certificate will certify. */
  spki: Uint8Array;
  key: PublicKeyInfo;
  signatureOid: string;
}

function csrDer(input: string | Uint8Array): Uint8Array {
  if (typeof input !== 'string') return input;
  const block = parsePemBlocks(input).find((b) => b.label === 'CERTIFICATE REQUEST' || b.label === 'NEW CERTIFICATE REQUEST');
  if (!block) throw new PkiError('CSR_INVALID', 'No "CERTIFICATE REQUEST" PEM block was found.');
  return block.der;
}

/**
 * Parses a CSR (PEM text or DER) and verifies its signature with the key it carries (RFC 2986 4.2).
 * CSR_INVALID when it does not parse, is not version 1 (encoded 0), or its signature does not verify.
 */
export function parseCsr(input: string | Uint8Array): ParsedCsr {
  const der = csrDer(input);
  let req: CertificationRequest;
  try {
    req = AsnConvert.parse(der, CertificationRequest);
  } catch (e) {
    throw new PkiError('CSR_INVALID', 'The certificate request is not valid DER PKCS#10.', { cause: e });
  }
  const info = req.certificationRequestInfo;
  if (info.version !== 0) throw new PkiError('CSR_INVALID', `The certificate request has version ${info.version}; RFC 2986 defines only version 0.`);
  if (!req.certificationRequestInfoRaw) throw new PkiError('CSR_INVALID', 'The certificate request has no CertificationRequestInfo.');
  const spki = derOf(info.subjectPKInfo);
  let key: PublicKeyInfo;
  try {
    key = publicKeyInfo(spki);
  } catch (e) {
    throw new PkiError('CSR_INVALID', 'The certificate request carries an unreadable public key.', { cause: e });
  }
  const signatureOid = req.signatureAlgorithm.algorithm;
  if (!verifyWithSpki(spki, signatureOid, new Uint8Array(req.certificationRequestInfoRaw), new Uint8Array(req.signature))) {
    throw new PkiError('CSR_INVALID', `The certificate request's signature (${signatureOid}) does not verify with its own ${describeKey(key)} key.`);
  }
  const subject = derOf(info.subject);
  return { der, subject, subjectAttributes: nameAttributes(subject), subjectText: formatName(subject), spki, key, signatureOid };
}

/** The CSR's subject as a NameSpec (C, O, OU, CN), e.g. to issue with the name the requester asked for. */
export function csrNameSpec(csr: ParsedCsr): NameSpec {
  const get = (oid: string) => csr.subjectAttributes.find((a) => a.oid === oid)?.value;
  const spec: NameSpec = {};
  const cn = get(OID.commonName);
  const o = get(OID.organization);
  const ou = get(OID.organizationalUnit);
  const c = get(OID.country);
  if (cn !== undefined) spec.commonName = cn;
  if (o !== undefined) spec.organization = o;
  if (ou !== undefined) spec.organizationalUnit = ou;
  if (c !== undefined) spec.country = c;
  return spec;
}
