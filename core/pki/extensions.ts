// Encoders for the certificate extensions our profiles issue (RFC 5280 4.2.1), and the key identifier rule.
import { createHash } from 'node:crypto';
import { AsnConvert, AsnUtf8StringConverter } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  ExtendedKeyUsage,
  GeneralName,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
} from '@peculiar/asn1-x509';
import { OID } from './oids';
import type { CertExtension } from './x509';

export type KeyUsageName = keyof typeof KeyUsageFlags;
export const KEY_USAGE_BITS: readonly KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

function ext(oid: string, critical: boolean, value: object): CertExtension {
  return { oid, critical, value: new Uint8Array(AsnConvert.serialize(value)) };
}

/** RFC 5280 4.2.1.9; cA FALSE is omitted by DER (DEFAULT FALSE). */
export function basicConstraintsExt(ca: boolean, pathLen?: number, critical = true): CertExtension {
  return ext(OID.basicConstraints, critical, new BasicConstraints(pathLen === undefined ? { cA: ca } : { cA: ca, pathLenConstraint: pathLen }));
}

/** RFC 5280 4.2.1.3, encoded as a DER named bit list (trailing zero bits removed). */
export function keyUsageExt(usages: readonly KeyUsageName[], critical = true): CertExtension {
  const flags = usages.reduce((acc, u) => acc | KeyUsageFlags[u], 0);
  return ext(OID.keyUsage, critical, new KeyUsage(flags));
}

/** RFC 5280 4.2.1.12. */
export function extKeyUsageExt(oids: readonly string[], critical: boolean): CertExtension {
  return ext(OID.extKeyUsage, critical, new ExtendedKeyUsage([...oids]));
}

export function subjectKeyIdExt(keyId: Uint8Array): CertExtension {
  return ext(OID.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId.slice().buffer));
}

export function authorityKeyIdExt(keyId: Uint8Array): CertExtension {
  return ext(OID.authorityKeyIdentifier, false, new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(keyId.slice().buffer) }));
}

export type SanValue = { email: string } | { uri: string };

/** RFC 5280 4.2.1.6; critical when the subject is empty. */
export function subjectAltNameExt(names: readonly SanValue[], critical: boolean): CertExtension {
  const gns = names.map((n) => ('email' in n ? new GeneralName({ rfc822Name: n.email }) : new GeneralName({ uniformResourceIdentifier: n.uri })));
  return ext(OID.subjectAltName, critical, new SubjectAlternativeName(gns));
}

/** Fulcio OIDC issuer, 1.3.6.1.4.1.57264.1.8 (DER UTF8String), as Fulcio's docs/oid-info.md defines it. */
export function fulcioIssuerExt(issuerUrl: string): CertExtension {
  return { oid: OID.fulcioIssuerV2, critical: false, value: new Uint8Array(AsnConvert.serialize(AsnUtf8StringConverter.toASN(issuerUrl))) };
}

/** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value (what Go's crypto/x509 and Fulcio use). */
export function keyIdentifier(spki: Uint8Array): Uint8Array {
  const info = AsnConvert.parse(spki, SubjectPublicKeyInfo);
  return new Uint8Array(createHash('sha1').update(new Uint8Array(info.subjectPublicKey)).digest());
}
