// Opens a TimeStampResp or a bare TimeStampToken into its typed parts (RFC 3161 2.4.2, RFC 5652 5):
// the structure both the decoder and the verifier start from. Structural faults raise TOKEN_INVALID.
import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData, type SignerInfo } from '@peculiar/asn1-cms';
import { PKIStatus, TimeStampResp, TSTInfo } from '@peculiar/asn1-tsp';
import { Name, SubjectKeyIdentifier } from '@peculiar/asn1-x509';
import { bytesEqual } from '../bytes';
import { OID } from './algorithms';
import { parseCert, type TsaCert } from './certs';
import { TsaError } from './errors';

export interface OpenedToken {
  signedData: SignedData;
  signerInfo: SignerInfo;
  tstInfo: TSTInfo;
  /** The exact eContent octets: what messageDigest covers. */
  tstInfoDer: Uint8Array;
  /** Certificates carried in SignedData.certificates. */
  certificates: TsaCert[];
}

export interface OpenedResponse {
  status: PKIStatus;
  /** The response's PKIStatusInfo, when the input was a TimeStampResp. */
  statusInfo?: TimeStampResp['status'];
  token?: OpenedToken;
}

function invalid(message: string, cause?: unknown): TsaError {
  return new TsaError('TOKEN_INVALID', message, cause === undefined ? undefined : { cause });
}

/** Accepts a DER TimeStampResp or a bare TimeStampToken (ContentInfo). */
export function openTimestamp(der: Uint8Array): OpenedResponse {
  let resp: TimeStampResp | undefined;
  try {
    resp = AsnConvert.parse(der, TimeStampResp);
  } catch {
    resp = undefined;
  }
  if (!resp) return { status: PKIStatus.granted, token: openToken(der) };
  const out: OpenedResponse = { status: resp.status.status, statusInfo: resp.status };
  if (resp.timeStampToken) out.token = openToken(new Uint8Array(AsnConvert.serialize(resp.timeStampToken)));
  return out;
}

export function openToken(der: Uint8Array): OpenedToken {
  let info: ContentInfo;
  let signedData: SignedData;
  try {
    info = AsnConvert.parse(der, ContentInfo);
  } catch (e) {
    throw invalid('the input is neither a TimeStampResp nor a timestamp token', e);
  }
  if (info.contentType !== OID.signedData) throw invalid(`the token is not CMS SignedData (content type ${info.contentType})`);
  try {
    signedData = AsnConvert.parse(info.content, SignedData);
  } catch (e) {
    throw invalid('the token SignedData cannot be parsed', e);
  }
  const eci = signedData.encapContentInfo;
  if (eci.eContentType !== OID.tstInfo) throw invalid(`the token does not encapsulate a TSTInfo (${eci.eContentType})`);
  const octets = eci.eContent?.single ?? undefined;
  if (!octets) throw invalid('the token has no TSTInfo content');
  const tstInfoDer = new Uint8Array(octets.buffer);
  let tstInfo: TSTInfo;
  try {
    tstInfo = AsnConvert.parse(tstInfoDer, TSTInfo);
  } catch (e) {
    throw invalid('the TSTInfo cannot be parsed', e);
  }
  // RFC 3161 2.4.2: the token carries exactly one signature, from the TSA.
  if (signedData.signerInfos.length !== 1) throw invalid(`a timestamp token has one signer, this one has ${signedData.signerInfos.length}`);
  const certificates: TsaCert[] = [];
  for (const choice of signedData.certificates ?? []) {
    if (choice.certificate) certificates.push(parseCert(new Uint8Array(AsnConvert.serialize(choice.certificate)), 'TOKEN_INVALID', 'an embedded certificate'));
  }
  return { signedData, signerInfo: signedData.signerInfos[0]!, tstInfo, tstInfoDer, certificates };
}

/** The certificate named by the SignerInfo's sid (issuer and serial, or subject key identifier), if present. */
export function findSignerCert(signerInfo: SignerInfo, candidates: readonly TsaCert[]): TsaCert | undefined {
  const sid = signerInfo.sid;
  return candidates.find((c) => {
    const tbs = c.asn.tbsCertificate;
    if (sid.issuerAndSerialNumber) {
      return (
        bytesEqual(der(sid.issuerAndSerialNumber.issuer), der(tbs.issuer)) &&
        bytesEqual(new Uint8Array(sid.issuerAndSerialNumber.serialNumber), new Uint8Array(tbs.serialNumber))
      );
    }
    if (sid.subjectKeyIdentifier) {
      const ext = tbs.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
      if (!ext) return false;
      const ski = AsnConvert.parse(ext.extnValue, SubjectKeyIdentifier);
      return bytesEqual(new Uint8Array(ski.buffer), new Uint8Array(sid.subjectKeyIdentifier.buffer));
    }
    return false;
  });
}

function der(name: Name): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(name));
}
