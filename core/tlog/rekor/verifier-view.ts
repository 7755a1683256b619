// Decodes the "verifier" of a Rekor entry (base64 of a PEM public key or certificate) into what a person checks:
// the key, and for a Fulcio certificate its subject, SANs and OIDC issuer (Fulcio OIDs 1.3.6.1.4.1.57264.1.1/.1.8).
import { fromBER, Utf8String } from 'asn1js';
import { fromBase64, parsePemBlocks, sha256, toHex } from '../../bytes';
import { describeKey, formatName, OID, publicKeyInfo, viewCertificate } from '../../pki';

export type VerifierView =
  | {
      kind: 'publicKey';
      pem: string;
      /** DER SubjectPublicKeyInfo. */
      spki: Uint8Array;
      /** e.g. "ECDSA P-256". */
      keyDescription: string;
      /** hex SHA-256 of the DER SPKI. */
      keySha256: string;
    }
  | {
      kind: 'certificate';
      pem: string;
      der: Uint8Array;
      spki: Uint8Array;
      keyDescription: string;
      keySha256: string;
      subject: string;
      issuer: string;
      serialHex: string;
      notBefore: Date;
      notAfter: Date;
      /** Subject alternative names (the signer's identity for Fulcio certificates). */
      sans: { type: string; value: string }[];
      /** The OIDC issuer from 1.3.6.1.4.1.57264.1.8 (DER UTF8String) or, failing that, .1.1 (raw string). */
      oidcIssuer?: string;
      /** hex SHA-256 of the certificate DER. */
      sha256: string;
    }
  | { kind: 'invalid'; reason: string };

function fulcioIssuer(extensions: { oid: string; value: Uint8Array }[]): string | undefined {
  const v2 = extensions.find((e) => e.oid === OID.fulcioIssuerV2);
  if (v2) {
    const parsed = fromBER(v2.value.slice().buffer);
    if (parsed.offset !== -1 && parsed.result instanceof Utf8String) return parsed.result.valueBlock.value;
  }
  const v1 = extensions.find((e) => e.oid === OID.fulcioIssuerV1);
  return v1 ? new TextDecoder().decode(v1.value) : undefined;
}

/** Decodes a PEM public key or certificate; never throws (an undecodable verifier is `kind: 'invalid'`). */
export function viewVerifierPem(pem: string): VerifierView {
  let blocks: { label: string; der: Uint8Array }[];
  try {
    blocks = parsePemBlocks(pem);
  } catch {
    return { kind: 'invalid', reason: 'The verifier is not PEM.' };
  }
  const block = blocks[0];
  if (!block) return { kind: 'invalid', reason: 'The verifier holds no PEM block.' };
  try {
    if (block.label === 'PUBLIC KEY') {
      return { kind: 'publicKey', pem, spki: block.der, keyDescription: describeKey(publicKeyInfo(block.der)), keySha256: toHex(sha256(block.der)) };
    }
    if (block.label === 'CERTIFICATE') {
      const c = viewCertificate(block.der);
      const issuer = fulcioIssuer(c.extensions);
      return {
        kind: 'certificate',
        pem,
        der: block.der,
        spki: c.spki,
        keyDescription: describeKey(c.key),
        keySha256: toHex(sha256(c.spki)),
        subject: formatName(c.subject),
        issuer: formatName(c.issuer),
        serialHex: toHex(c.serial),
        notBefore: c.notBefore,
        notAfter: c.notAfter,
        // A plain array (the decoder maps over an asn1 array subclass).
        sans: Array.from(c.subjectAltNames?.value ?? [], (s) => ({ type: s.type, value: s.value })),
        ...(issuer !== undefined ? { oidcIssuer: issuer } : {}),
        sha256: toHex(sha256(block.der)),
      };
    }
    return { kind: 'invalid', reason: `A "${block.label}" PEM block is neither a public key nor a certificate.` };
  } catch (e) {
    return { kind: 'invalid', reason: `The ${block.label.toLowerCase()} does not decode: ${(e as Error).message}` };
  }
}

/** Decodes a verifier given as base64 of PEM (how hashedrekord and dsse bodies carry it). */
export function viewVerifierBase64(b64: string): VerifierView {
  let pem: string;
  try {
    pem = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64(b64));
  } catch {
    return { kind: 'invalid', reason: 'The verifier is not base64 of PEM text.' };
  }
  return viewVerifierPem(pem);
}
