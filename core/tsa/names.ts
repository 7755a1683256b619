// Display strings for X.501 names and certificates, without pulling @peculiar/x509 into core.
import { AsnConvert } from '@peculiar/asn1-schema';
import { Name } from '@peculiar/asn1-x509';
import { toHex } from '../bytes';
import type { TsaCert } from './certs';

const SHORT: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'E',
};

/** "CN=Rootsmith Test TSA, O=Rootsmith" (RDNs in encoded order). */
export function nameToString(name: Name | Uint8Array): string {
  const n = name instanceof Uint8Array ? AsnConvert.parse(name, Name) : name;
  return n
    .map((rdn) => rdn.map((atv) => `${SHORT[atv.type] ?? atv.type}=${atv.value.toString()}`).join('+'))
    .join(', ');
}

export interface CertSummary {
  subject: string;
  issuer: string;
  serialHex: string;
  notBefore: string;
  notAfter: string;
  sha256Hex: string;
}

export function certSummary(cert: TsaCert): CertSummary {
  const tbs = cert.asn.tbsCertificate;
  return {
    subject: nameToString(tbs.subject),
    issuer: nameToString(tbs.issuer),
    serialHex: toHex(new Uint8Array(tbs.serialNumber)),
    notBefore: new Date(cert.node.validFrom).toISOString(),
    notAfter: new Date(cert.node.validTo).toISOString(),
    sha256Hex: cert.node.fingerprint256.replace(/:/g, '').toLowerCase(),
  };
}
