// Certificate summaries of a TSA chain for the GUI and CLI (subject, issuer, serial, validity, fingerprint).
import { toHex, sha256 } from '../../core/bytes';
import { formatName, viewCertificate } from '../../core/pki';
import type { TsaCertSummary } from '../contract/tsa';

export function viewTsaChain(chain: readonly Uint8Array[]): TsaCertSummary[] {
  return chain.map((der) => {
    const v = viewCertificate(der);
    return {
      subject: formatName(v.subject),
      issuer: formatName(v.issuer),
      serialHex: toHex(v.serial),
      notBefore: v.notBefore.toISOString(),
      notAfter: v.notAfter.toISOString(),
      sha256Hex: toHex(sha256(der)),
    };
  });
}
