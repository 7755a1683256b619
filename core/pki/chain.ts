// Certificate chains: PEM export leaf-first (as trusted_root.json and TSA/Fulcio configs list them) and
// verification in code: names, key identifiers, signatures, CA flags, path lengths and validity (RFC 5280 6.1).
import { bytesEqual, parsePemBlocks, toPem } from '../bytes';
import { viewCertificate, type CertView } from './cert-view';
import { PkiError } from './errors';
import { formatName } from './name';
import { verifyCertificateSignature } from './x509';

/** Concatenated PEM, leaf first, ending with the root. */
export function chainToPem(chainLeafFirst: readonly Uint8Array[]): string {
  return chainLeafFirst.map((der) => toPem(der, 'CERTIFICATE')).join('');
}

/** Every CERTIFICATE block of a PEM bundle, in order. */
export function pemToChain(pem: string): Uint8Array[] {
  const certs = parsePemBlocks(pem).filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
  if (certs.length === 0) throw new PkiError('CHAIN_INVALID', 'No CERTIFICATE PEM block was found.');
  return certs;
}

function fail(message: string, index: number): never {
  throw new PkiError('CHAIN_INVALID', message, { details: { index } });
}

/**
 * Verifies a chain given leaf first and ending in a self-signed root, at time `at`. Each certificate must be
 * issued by the next: issuer name equals the next subject byte for byte, AKI equals the next SKI when both are
 * present, the signature verifies with the next key, the next is a CA with keyCertSign, path length
 * constraints hold, and every certificate is valid at `at`. The root must verify itself. CHAIN_INVALID (with
 * details.index) at the first failure; returns the decoded certificates on success.
 */
export function verifyChain(chainLeafFirst: readonly Uint8Array[], at: Date): CertView[] {
  if (chainLeafFirst.length === 0) fail('The chain is empty.', 0);
  const views = chainLeafFirst.map((der, i) => {
    try {
      return viewCertificate(der);
    } catch (e) {
      throw new PkiError('CHAIN_INVALID', `Certificate ${i} does not parse.`, { cause: e, details: { index: i } });
    }
  });
  views.forEach((c, i) => {
    if (at < c.notBefore || at > c.notAfter) fail(`Certificate ${i} (${formatName(c.subject)}) is not valid at ${at.toISOString()}.`, i);
    const parent = views[i + 1] ?? c;
    const isRoot = i === views.length - 1;
    if (!bytesEqual(c.issuer, parent.subject)) {
      fail(`Certificate ${i}'s issuer (${formatName(c.issuer)}) is not ${isRoot ? 'its own subject' : `the subject of certificate ${i + 1}`} (${formatName(parent.subject)}).`, i);
    }
    const aki = c.authorityKeyId?.value;
    if (aki && parent.subjectKeyId && !bytesEqual(aki, parent.subjectKeyId)) fail(`Certificate ${i}'s authority key identifier does not match its issuer's subject key identifier.`, i);
    if (!verifyCertificateSignature(c.der, parent.spki)) fail(`Certificate ${i}'s signature does not verify with ${isRoot ? 'its own key' : `the key of certificate ${i + 1}`}.`, i);
    if (i > 0) {
      if (!c.basicConstraints?.value.ca || !c.keyUsage?.value.has('keyCertSign')) fail(`Certificate ${i} (${formatName(c.subject)}) issues certificates but is not a CA with keyCertSign.`, i);
      // RFC 5280 6.1.4 (l)/(m): pathLenConstraint counts the CA certificates below this one, leaf excluded.
      const pathLen = c.basicConstraints.value.pathLen;
      if (pathLen !== undefined && pathLen < i - 1) fail(`Certificate ${i}'s pathLenConstraint ${pathLen} allows fewer intermediates than follow it.`, i);
    }
  });
  return views;
}
