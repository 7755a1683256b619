// Wraps a TSTInfo in a CMS SignedData timestamp token (RFC 3161 2.4.2, RFC 5652 5) signed through a Signer,
// with signing-certificate-v2 (RFC 5816) binding the token to the TSA certificate. Built entirely with the
// library: the reference that the TSA's fast path (token-template.ts) is tested byte for byte against.
import { createHash } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  ContentInfo,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
} from '@peculiar/asn1-cms';
import { AlgorithmIdentifier, GeneralName, GeneralNames, Time } from '@peculiar/asn1-x509';
import { sha256 } from '../bytes';
import type { HashAlgorithm, Signer } from '../keys/signer';
import { HASH_OID, OID, cmsAlgorithms } from './algorithms';
import type { TsaCert } from './certs';
import { AttributeSet, ESSCertIDv2, IssuerSerial, ObjectIdentifierValue, SigningCertificateV2 } from './ess';
import { verifyCms } from './cms-signature';
import { TsaError } from './errors';

export interface TokenInput {
  tstInfo: Uint8Array;
  signer: Signer;
  leaf: TsaCert;
  /** Certificates to place in SignedData.certificates (leaf first); empty for none. */
  certificates: readonly TsaCert[];
  /** Adds the optional signingTime attribute (RFC 5652 11.3) with this value. */
  signingTime?: Date;
}

export async function buildToken(input: TokenInput): Promise<ContentInfo> {
  const { digest, signatureOid } = cmsAlgorithms(input.signer.algorithm);
  const attrs = signedAttributes(input, digest);
  const toBeSigned = new Uint8Array(AsnConvert.serialize(new AttributeSet(attrs)));
  let signature: Uint8Array;
  try {
    signature = await input.signer.sign(toBeSigned, digest);
  } catch (e) {
    throw new TsaError('SIGNING_FAILED', `the TSA key ${input.signer.ref} could not sign the token`, { cause: e });
  }
  // Write, then check: a token that does not verify must never leave the TSA.
  if (!verifyCms(input.leaf.node.publicKey, input.signer.algorithm === 'ed25519' ? null : digest, toBeSigned, signature)) {
    throw new TsaError('SIGNING_FAILED', 'the new token signature does not verify with the TSA certificate key');
  }
  const signerInfo = new SignerInfo({
    version: 1, // RFC 5652 5.3: v1 with issuerAndSerialNumber
    sid: signerIdentifier(input.leaf),
    digestAlgorithm: new AlgorithmIdentifier({ algorithm: HASH_OID[digest] }),
    signedAttrs: attrs,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: signatureOid }),
    signature: new OctetString(signature),
  });
  const signedData = new SignedData({
    version: 3, // RFC 5652 5.1: eContentType other than id-data
    encapContentInfo: new EncapsulatedContentInfo({
      eContentType: OID.tstInfo,
      eContent: new EncapsulatedContent({ single: new OctetString(input.tstInfo) }),
    }),
    signerInfos: new SignerInfos([signerInfo]),
  });
  signedData.digestAlgorithms.push(new AlgorithmIdentifier({ algorithm: HASH_OID[digest] }));
  if (input.certificates.length > 0) {
    signedData.certificates = new CertificateSet(input.certificates.map((c) => new CertificateChoices({ certificate: c.asn })));
  }
  return new ContentInfo({ contentType: OID.signedData, content: AsnConvert.serialize(signedData) });
}

function signedAttributes(input: TokenInput, digest: HashAlgorithm): Attribute[] {
  const attrs = [
    contentTypeAttribute(),
    attribute(OID.messageDigest, AsnConvert.serialize(new OctetString(createHash(digest).update(input.tstInfo).digest()))),
    signingCertificateAttribute(input.leaf),
  ];
  if (input.signingTime) attrs.push(signingTimeAttribute(input.signingTime));
  // DER SET OF: elements in ascending order of their encodings (X.690 11.6), as verifiers re-encode them.
  const encoded = attrs.map((a) => ({ a, der: new Uint8Array(AsnConvert.serialize(a)) }));
  encoded.sort((x, y) => Buffer.compare(x.der, y.der));
  return encoded.map((e) => e.a);
}

/** The contentType signed attribute (RFC 5652 11.1): id-ct-TSTInfo (RFC 3161 2.4.2). */
export function contentTypeAttribute(): Attribute {
  return attribute(OID.contentType, AsnConvert.serialize(new ObjectIdentifierValue(OID.tstInfo)));
}

/** signing-certificate-v2 (RFC 5816 2.2.1): ESSCertIDv2 with the SHA-256 (the DEFAULT) hash of the leaf and its issuerSerial. */
export function signingCertificateAttribute(leaf: TsaCert): Attribute {
  const tbs = leaf.asn.tbsCertificate;
  const essId = new ESSCertIDv2({
    certHash: new OctetString(sha256(leaf.der)),
    issuerSerial: new IssuerSerial({
      issuer: new GeneralNames([new GeneralName({ directoryName: tbs.issuer })]),
      serialNumber: tbs.serialNumber,
    }),
  });
  return attribute(OID.signingCertificateV2, AsnConvert.serialize(new SigningCertificateV2({ certs: [essId] })));
}

/** The optional signingTime signed attribute (RFC 5652 11.3). */
export function signingTimeAttribute(at: Date): Attribute {
  return attribute(OID.signingTime, AsnConvert.serialize(new Time(at)));
}

/** RFC 5652 5.3: SignerIdentifier as issuerAndSerialNumber of the leaf (SignerInfo version 1). */
export function signerIdentifier(leaf: TsaCert): SignerIdentifier {
  const tbs = leaf.asn.tbsCertificate;
  return new SignerIdentifier({ issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer: tbs.issuer, serialNumber: tbs.serialNumber }) });
}

function attribute(type: string, value: ArrayBuffer): Attribute {
  return new Attribute({ attrType: type, attrValues: [value] });
}
