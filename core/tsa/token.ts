// Wraps a TSTInfo in a CMS SignedData timestamp token (RFC 3161 2.4.2, RFC 5652 5) signed through a Signer,
// with signing-certificate-v2 (RFC 5816) binding the token to the TSA certificate.
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
  const tbs = input.leaf.asn.tbsCertificate;
  const signerInfo = new SignerInfo({
    version: 1, // RFC 5652 5.3: v1 with issuerAndSerialNumber
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer: tbs.issuer, serialNumber: tbs.serialNumber }),
    }),
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
  const tbs = input.leaf.asn.tbsCertificate;
  const essId = new ESSCertIDv2({
    certHash: new OctetString(createHash('sha256').update(input.leaf.der).digest()),
    issuerSerial: new IssuerSerial({
      issuer: new GeneralNames([new GeneralName({ directoryName: tbs.issuer })]),
      serialNumber: tbs.serialNumber,
    }),
  });
  const attrs = [
    attribute(OID.contentType, AsnConvert.serialize(new ObjectIdentifierValue(OID.tstInfo))),
    attribute(OID.messageDigest, AsnConvert.serialize(new OctetString(createHash(digest).update(input.tstInfo).digest()))),
    attribute(OID.signingCertificateV2, AsnConvert.serialize(new SigningCertificateV2({ certs: [essId] }))),
  ];
  if (input.signingTime) {
    attrs.push(attribute(OID.signingTime, AsnConvert.serialize(new Time(input.signingTime))));
  }
  // DER SET OF: elements in ascending order of their encodings (X.690 11.6), as verifiers re-encode them.
  const encoded = attrs.map((a) => ({ a, der: new Uint8Array(AsnConvert.serialize(a)) }));
  encoded.sort((x, y) => Buffer.compare(x.der, y.der));
  return encoded.map((e) => e.a);
}

function attribute(type: string, value: ArrayBuffer): Attribute {
  return new Attribute({ attrType: type, attrValues: [value] });
}
