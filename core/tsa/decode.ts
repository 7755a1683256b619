// Decodes a TimeStampResp or a bare timestamp token into a plain object for display (GUI, CLI --json).
// Decoding checks structure only; verify.ts decides whether a token can be trusted.
import { PKIStatus } from '@peculiar/asn1-tsp';
import { toHex } from '../bytes';
import { HASH_BY_OID, SIGNATURE_ALGORITHMS, hashName } from './algorithms';
import { nameToString, certSummary, type CertSummary } from './names';
import type { FailureInfo } from './request';
import { FAILURE_BITS } from './response';
import { findSignerCert, openTimestamp, type OpenedToken } from './token-reader';

export type StatusName = 'granted' | 'grantedWithMods' | 'rejection' | 'waiting' | 'revocationWarning' | 'revocationNotification';

export interface DecodedToken {
  /** ISO 8601 with milliseconds. */
  genTime: string;
  policyOid: string;
  serialHex: string;
  imprint: { algorithm: string; algorithmOid: string; hashHex: string };
  nonceHex?: string;
  accuracy?: { seconds: number; millis: number; micros: number };
  ordering: boolean;
  /** TSTInfo.tsa when it is a directory name; other GeneralName forms are shown as their kind. */
  tsaName?: string;
  signatureAlgorithm: string;
  digestAlgorithm: string;
  /** The signing certificate, when the token carries it. */
  signer?: CertSummary;
  /** The signer's issuer and serial as named in the SignerInfo (always present). */
  signerId: { issuer?: string; serialHex?: string; keyIdHex?: string };
  /** Every certificate carried in the token, in order. */
  certificates: CertSummary[];
}

export interface DecodedTimestamp {
  status: StatusName | number;
  statusStrings: string[];
  failures: FailureInfo[];
  token?: DecodedToken;
}

const STATUS: Readonly<Record<number, StatusName>> = {
  [PKIStatus.granted]: 'granted',
  [PKIStatus.grantedWithMods]: 'grantedWithMods',
  [PKIStatus.rejection]: 'rejection',
  [PKIStatus.waiting]: 'waiting',
  [PKIStatus.revocationWarning]: 'revocationWarning',
  [PKIStatus.revocationNotification]: 'revocationNotification',
};

/** Throws TsaError TOKEN_INVALID when the bytes are neither a TimeStampResp nor a token. */
export function decodeTimestamp(der: Uint8Array): DecodedTimestamp {
  const opened = openTimestamp(der);
  const info = opened.statusInfo;
  const out: DecodedTimestamp = {
    status: STATUS[opened.status] ?? opened.status,
    statusStrings: info?.statusString ? [...info.statusString] : [],
    failures: info?.failInfo ? failureNames(new Uint8Array(info.failInfo.value)) : [],
  };
  if (opened.token) out.token = decodeToken(opened.token);
  return out;
}

function decodeToken(t: OpenedToken): DecodedToken {
  const tst = t.tstInfo;
  const alg = tst.messageImprint.hashAlgorithm.algorithm;
  const si = t.signerInfo;
  const signer = findSignerCert(si, t.certificates);
  const out: DecodedToken = {
    genTime: tst.genTime.toISOString(),
    policyOid: tst.policy,
    serialHex: toHex(new Uint8Array(tst.serialNumber)),
    imprint: { algorithm: hashName(alg), algorithmOid: alg, hashHex: toHex(new Uint8Array(tst.messageImprint.hashedMessage.buffer)) },
    ordering: tst.ordering,
    signatureAlgorithm: SIGNATURE_ALGORITHMS[si.signatureAlgorithm.algorithm]?.name ?? si.signatureAlgorithm.algorithm,
    digestAlgorithm: HASH_BY_OID[si.digestAlgorithm.algorithm]?.name ?? si.digestAlgorithm.algorithm,
    signerId: si.sid.issuerAndSerialNumber
      ? {
          issuer: nameToString(si.sid.issuerAndSerialNumber.issuer),
          serialHex: toHex(new Uint8Array(si.sid.issuerAndSerialNumber.serialNumber)),
        }
      : { keyIdHex: toHex(new Uint8Array(si.sid.subjectKeyIdentifier?.buffer ?? new ArrayBuffer(0))) },
    certificates: t.certificates.map(certSummary),
  };
  if (tst.nonce) out.nonceHex = toHex(new Uint8Array(tst.nonce));
  if (tst.accuracy) out.accuracy = { seconds: tst.accuracy.seconds ?? 0, millis: tst.accuracy.millis ?? 0, micros: tst.accuracy.micros ?? 0 };
  if (tst.tsa) out.tsaName = tst.tsa.directoryName ? nameToString(tst.tsa.directoryName) : Object.keys(tst.tsa).find((k) => tst.tsa![k as keyof typeof tst.tsa] !== undefined) ?? 'unknown';
  if (signer) out.signer = certSummary(signer);
  return out;
}

/** PKIFailureInfo names from the BIT STRING's octets (bit 0 is the first octet's high bit). */
function failureNames(octets: Uint8Array): FailureInfo[] {
  const set = (bit: number) => bit >> 3 < octets.length && (octets[bit >> 3]! & (0x80 >> (bit & 7))) !== 0;
  return (Object.keys(FAILURE_BITS) as FailureInfo[]).filter((name) => set(FAILURE_BITS[name]));
}
