// Builds, signs and parses X.509 certificates (RFC 5280) over @peculiar/asn1-x509, with the signature made by
// our async Signer. This is the one module of core/pki that loads reflect-metadata (needed by @peculiar/x509).
//
// Why schema classes + AsnConvert and not @peculiar/x509's X509CertificateGenerator with a Signer-backed
// crypto provider: lint-before-sign needs the exact to-be-signed bytes as a value. We encode the
// TBSCertificate once, sign those very bytes with a throwaway key to lint, then with the real Signer, and the
// two certificates then differ only in their outer signature. The generator re-encodes the TBS inside each
// call and would need a WebCrypto shim (P1363 <-> DER ECDSA signatures, CryptoKey wrappers) around the Signer.
import 'reflect-metadata';
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  Certificate,
  Extension as AsnExtension,
  Extensions,
  Name,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Time,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import { bytesEqual } from '../bytes';
import type { HashAlgorithm, KeyAlgorithm, Signer } from '../keys/signer';
import { PkiError } from './errors';
import { OID } from './oids';

/** One extension as it will appear in the certificate: `value` is the DER of the extension's own ASN.1 value. */
export interface CertExtension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

/** Everything that goes into a TBSCertificate (RFC 5280 4.1.2). Version is always v3. */
export interface CertificateTemplate {
  /** INTEGER content octets, big-endian, positive and minimal (see serial.ts). */
  serialNumber: Uint8Array;
  /** The issuer key's algorithm; it fixes the signature algorithm OID (RFC 5280 4.1.2.3). */
  issuerKeyAlgorithm: KeyAlgorithm;
  /** DER Name; for a chain it must be byte-identical to the issuer's subject (RFC 5280 4.1.2.4, 7.1). */
  issuer: Uint8Array;
  subject: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** DER SubjectPublicKeyInfo of the certified key. */
  subjectPublicKey: Uint8Array;
  extensions: CertExtension[];
}

/** The signature algorithm OID for a key (RFC 5758 3.2: P-256 with SHA-256, P-384 with SHA-384; RFC 8410 3). */
export function signatureAlgorithmOid(alg: KeyAlgorithm): string {
  switch (alg) {
    case 'ecdsa-p256':
      return OID.ecdsaWithSha256;
    case 'ecdsa-p384':
      return OID.ecdsaWithSha384;
    case 'ed25519':
      return OID.ed25519;
  }
}

function signatureHash(alg: KeyAlgorithm): HashAlgorithm | undefined {
  switch (alg) {
    case 'ecdsa-p256':
      return 'sha256';
    case 'ecdsa-p384':
      return 'sha384';
    case 'ed25519':
      return undefined;
  }
}

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds only. */
export function encodeTime(date: Date): Time {
  const d = new Date(date.getTime());
  d.setUTCMilliseconds(0);
  return d.getUTCFullYear() >= 2050 || d.getUTCFullYear() < 1950 ? new Time({ generalTime: d }) : new Time({ utcTime: d });
}

function ab(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

function parseAs<T>(der: Uint8Array, type: new () => T, what: string): T {
  try {
    return AsnConvert.parse(der, type);
  } catch (e) {
    throw new PkiError('CERT_INVALID', `${what} is not valid DER.`, { cause: e });
  }
}

/** The DER TBSCertificate for `t`. `signatureOid` overrides the algorithm only to build deliberately bad test certificates. */
export function encodeTbs(t: CertificateTemplate, signatureOid: string = signatureAlgorithmOid(t.issuerKeyAlgorithm)): Uint8Array {
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: ab(t.serialNumber),
    signature: new AlgorithmIdentifier({ algorithm: signatureOid }),
    issuer: parseAs(t.issuer, Name, 'The issuer name'),
    validity: new Validity(),
    subject: parseAs(t.subject, Name, 'The subject name'),
    subjectPublicKeyInfo: parseAs(t.subjectPublicKey, SubjectPublicKeyInfo, 'The subject public key'),
  });
  tbs.validity.notBefore = encodeTime(t.notBefore);
  tbs.validity.notAfter = encodeTime(t.notAfter);
  if (t.extensions.length > 0) {
    tbs.extensions = new Extensions(
      t.extensions.map((e) => new AsnExtension({ extnID: e.oid, critical: e.critical, extnValue: new OctetString(ab(e.value)) })),
    );
  }
  return new Uint8Array(AsnConvert.serialize(tbs));
}

/** Wraps signed TBS bytes into a Certificate (RFC 5280 4.1.1); the TBS bytes are kept exactly as given. */
export function assembleCertificate(tbsDer: Uint8Array, signatureOid: string, signature: Uint8Array): Uint8Array {
  const cert = new Certificate({
    tbsCertificate: parseAs(tbsDer, TBSCertificate, 'The TBSCertificate'),
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: signatureOid }),
    signatureValue: ab(signature),
  });
  const der = new Uint8Array(AsnConvert.serialize(cert));
  // The TBS was re-encoded from its parsed form: prove it is the same bytes that were signed.
  if (!bytesEqual(parseCertificate(der).tbsDer, tbsDer)) {
    throw new PkiError('CERT_INVALID', 'The TBSCertificate did not survive re-encoding unchanged; refusing to assemble.');
  }
  return der;
}

/** Signs TBS bytes with `signer`, using the hash its curve calls for (RFC 5758 3.2). */
export async function signTbs(tbsDer: Uint8Array, signer: Signer): Promise<Uint8Array> {
  return signer.sign(tbsDer, signatureHash(signer.algorithm));
}

export interface BuiltCertificate {
  der: Uint8Array;
  tbsDer: Uint8Array;
}

/** Encodes `template`, signs it with `signer` (whose algorithm must match the template) and assembles the certificate. */
export async function buildCertificate(template: CertificateTemplate, signer: Signer): Promise<BuiltCertificate> {
  if (signer.algorithm !== template.issuerKeyAlgorithm) {
    throw new PkiError(
      'PROFILE_VIOLATION',
      `The template expects an ${template.issuerKeyAlgorithm} issuer key but the signer ${signer.ref} is ${signer.algorithm}.`,
    );
  }
  const tbsDer = encodeTbs(template);
  return signTbsToCertificate(tbsDer, signer);
}

/** Signs already-encoded TBS bytes with `signer` and assembles them; the TBS must name the signer's algorithm. */
export async function signTbsToCertificate(tbsDer: Uint8Array, signer: Signer): Promise<BuiltCertificate> {
  const oid = signatureAlgorithmOid(signer.algorithm);
  const tbs = parseAs(tbsDer, TBSCertificate, 'The TBSCertificate');
  if (tbs.signature.algorithm !== oid) {
    throw new PkiError('PROFILE_VIOLATION', `The TBSCertificate names signature algorithm ${tbs.signature.algorithm}, not ${oid} of ${signer.algorithm}.`);
  }
  const signature = await signTbs(tbsDer, signer);
  return { der: assembleCertificate(tbsDer, oid, signature), tbsDer };
}

export interface ParsedCertificate {
  cert: Certificate;
  /** The TBSCertificate bytes exactly as they appear in the certificate (what the signature covers). */
  tbsDer: Uint8Array;
}

/** Parses DER certificate bytes; CERT_INVALID when they are not one. */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const cert = parseAs(der, Certificate, 'The certificate');
  if (!cert.tbsCertificateRaw) throw new PkiError('CERT_INVALID', 'The certificate has no TBSCertificate.');
  return { cert, tbsDer: new Uint8Array(cert.tbsCertificateRaw) };
}

/** DER of any schema object parsed from a certificate (a Name, an SPKI...). */
export function derOf(value: object): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(value));
}

const VERIFY_HASH: Record<string, string | null> = {
  [OID.ecdsaWithSha256]: 'sha256',
  [OID.ecdsaWithSha384]: 'sha384',
  [OID.ecdsaWithSha512]: 'sha512',
  [OID.sha256WithRsa]: 'sha256',
  [OID.sha384WithRsa]: 'sha384',
  [OID.sha512WithRsa]: 'sha512',
  [OID.ed25519]: null,
};

/**
 * Checks a signature over `data` made with the signature algorithm `sigOid` by the key in `spki` (any key
 * node:crypto reads, RSA included, so foreign certificates can be checked). False when wrong or unsupported.
 */
export function verifyWithSpki(spki: Uint8Array, sigOid: string, data: Uint8Array, signature: Uint8Array): boolean {
  const hash = VERIFY_HASH[sigOid];
  if (hash === undefined) return false;
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType === 'ec') return cryptoVerify(hash, data, { key, dsaEncoding: 'der' }, signature);
    return cryptoVerify(hash, data, key, signature);
  } catch {
    return false;
  }
}

/** True when `certDer`'s signature verifies with `issuerSpki` under the algorithm the certificate names. */
export function verifyCertificateSignature(certDer: Uint8Array, issuerSpki: Uint8Array): boolean {
  const { cert, tbsDer } = parseCertificate(certDer);
  return verifyWithSpki(issuerSpki, cert.signatureAlgorithm.algorithm, tbsDer, new Uint8Array(cert.signatureValue));
}
