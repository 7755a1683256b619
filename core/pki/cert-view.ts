// A decoded, read-only view of one certificate: the fields and the extensions our profiles and linter reason
// about, each extension decoded once (RFC 5280 4.1, 4.2.1). Undecodable extensions are recorded, not thrown.
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  ExtendedKeyUsage,
  KeyUsage,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  type Time,
} from '@peculiar/asn1-x509';
import { KEY_USAGE_BITS, type KeyUsageName } from './extensions';
import { publicKeyInfo, type PublicKeyInfo } from './key-info';
import { OID } from './oids';
import { derOf, parseCertificate, type CertExtension } from './x509';

export interface Flagged<T> {
  critical: boolean;
  value: T;
}

export interface CertView {
  der: Uint8Array;
  tbsDer: Uint8Array;
  /** 1, 2 or 3 (the encoded value plus one). */
  version: number;
  /** INTEGER content octets as encoded (a leading 0x00 included). */
  serial: Uint8Array;
  tbsSignatureOid: string;
  tbsSignatureParams: boolean;
  signatureOid: string;
  signatureParams: boolean;
  signature: Uint8Array;
  issuer: Uint8Array;
  subject: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  notBeforeEncoding: 'utc' | 'generalized';
  notAfterEncoding: 'utc' | 'generalized';
  spki: Uint8Array;
  key: PublicKeyInfo;
  extensions: CertExtension[];
  basicConstraints?: Flagged<{ ca: boolean; pathLen?: number }>;
  keyUsage?: Flagged<Set<KeyUsageName>>;
  extKeyUsage?: Flagged<string[]>;
  subjectKeyId?: Uint8Array;
  authorityKeyId?: Flagged<Uint8Array | undefined>;
  subjectAltNames?: Flagged<{ type: string; value: string }[]>;
  /** OIDs of known extensions whose value did not decode. */
  malformed: string[];
}

function encodingOf(t: Time): 'utc' | 'generalized' {
  return t.utcTime ? 'utc' : 'generalized';
}

function keyUsageBits(ku: KeyUsage): Set<KeyUsageName> {
  const bytes = new Uint8Array(ku.value);
  const out = new Set<KeyUsageName>();
  KEY_USAGE_BITS.forEach((name, i) => {
    if ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) out.add(name);
  });
  return out;
}

function sanEntries(san: SubjectAlternativeName): { type: string; value: string }[] {
  return san.map((gn) => {
    if (gn.rfc822Name !== undefined) return { type: 'email', value: gn.rfc822Name };
    if (gn.uniformResourceIdentifier !== undefined) return { type: 'uri', value: gn.uniformResourceIdentifier };
    if (gn.dNSName !== undefined) return { type: 'dns', value: gn.dNSName };
    if (gn.iPAddress !== undefined) return { type: 'ip', value: gn.iPAddress };
    return { type: 'other', value: '' };
  });
}

/** Decodes `der`; throws PkiError CERT_INVALID only when the certificate itself does not parse. */
export function viewCertificate(der: Uint8Array): CertView {
  const { cert, tbsDer } = parseCertificate(der);
  const tbs = cert.tbsCertificate;
  const spki = derOf(tbs.subjectPublicKeyInfo);
  const extensions: CertExtension[] = (tbs.extensions ?? []).map((e) => ({
    oid: e.extnID,
    critical: e.critical,
    value: new Uint8Array(e.extnValue.buffer),
  }));
  const view: CertView = {
    der,
    tbsDer,
    version: tbs.version + 1,
    serial: new Uint8Array(tbs.serialNumber),
    tbsSignatureOid: tbs.signature.algorithm,
    tbsSignatureParams: tbs.signature.parameters !== undefined,
    signatureOid: cert.signatureAlgorithm.algorithm,
    signatureParams: cert.signatureAlgorithm.parameters !== undefined,
    signature: new Uint8Array(cert.signatureValue),
    issuer: derOf(tbs.issuer),
    subject: derOf(tbs.subject),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    notBeforeEncoding: encodingOf(tbs.validity.notBefore),
    notAfterEncoding: encodingOf(tbs.validity.notAfter),
    spki,
    key: publicKeyInfo(spki),
    extensions,
    malformed: [],
  };
  for (const e of extensions) {
    // The first instance wins; duplicates are reported by the linter (RFC 5280 4.2).
    try {
      decodeInto(view, e);
    } catch {
      view.malformed.push(e.oid);
    }
  }
  return view;
}

function decodeInto(view: CertView, e: CertExtension): void {
  switch (e.oid) {
    case OID.basicConstraints: {
      if (view.basicConstraints) return;
      const bc = AsnConvert.parse(e.value, BasicConstraints);
      const value = bc.pathLenConstraint === undefined ? { ca: bc.cA } : { ca: bc.cA, pathLen: bc.pathLenConstraint };
      view.basicConstraints = { critical: e.critical, value };
      return;
    }
    case OID.keyUsage:
      if (!view.keyUsage) view.keyUsage = { critical: e.critical, value: keyUsageBits(AsnConvert.parse(e.value, KeyUsage)) };
      return;
    case OID.extKeyUsage:
      if (!view.extKeyUsage) view.extKeyUsage = { critical: e.critical, value: [...AsnConvert.parse(e.value, ExtendedKeyUsage)] };
      return;
    case OID.subjectKeyIdentifier:
      if (!view.subjectKeyId) view.subjectKeyId = new Uint8Array(AsnConvert.parse(e.value, SubjectKeyIdentifier).buffer);
      return;
    case OID.authorityKeyIdentifier: {
      if (view.authorityKeyId) return;
      const kid = AsnConvert.parse(e.value, AuthorityKeyIdentifier).keyIdentifier;
      view.authorityKeyId = { critical: e.critical, value: kid ? new Uint8Array(kid.buffer) : undefined };
      return;
    }
    case OID.subjectAltName:
      if (!view.subjectAltNames) view.subjectAltNames = { critical: e.critical, value: sanEntries(AsnConvert.parse(e.value, SubjectAlternativeName)) };
      return;
    default:
      return;
  }
}
