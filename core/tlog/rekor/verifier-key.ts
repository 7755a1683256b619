// Turns the key material of a proposed entry (base64 of a PEM public key or certificate) into a verification key
// and the canonical PEM Rekor stores (re-encoded from the DER, as rekor's x509 CanonicalValue does).
import { createPublicKey, type KeyObject } from 'node:crypto';
import { fromBase64, parsePemBlocks, toBase64, toPem } from '../../bytes';
import { viewCertificate } from '../../pki';
import { RekorEntryError } from './errors';

export interface VerifierKey {
  key: KeyObject;
  spki: Uint8Array;
  /** base64 of the canonical PEM (the value stored in the body). */
  canonicalBase64: string;
}

/** Decodes base64-of-PEM key material; throws KEY_UNSUPPORTED when it is not exactly one public key or certificate. */
export function verifierKey(b64Pem: string): VerifierKey {
  let blocks: { label: string; der: Uint8Array }[];
  try {
    blocks = parsePemBlocks(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64(b64Pem)));
  } catch (e) {
    throw new RekorEntryError('KEY_UNSUPPORTED', 'The public key is not base64 of PEM text.', { cause: e });
  }
  if (blocks.length !== 1) throw new RekorEntryError('KEY_UNSUPPORTED', `The public key must hold exactly one PEM block, not ${blocks.length}.`);
  const block = blocks[0]!;
  try {
    if (block.label === 'PUBLIC KEY') {
      const key = createPublicKey({ key: Buffer.from(block.der), format: 'der', type: 'spki' });
      const spki = new Uint8Array(key.export({ type: 'spki', format: 'der' }));
      return { key, spki, canonicalBase64: toBase64(new TextEncoder().encode(toPem(spki, 'PUBLIC KEY'))) };
    }
    if (block.label === 'CERTIFICATE') {
      const spki = viewCertificate(block.der).spki;
      const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
      return { key, spki, canonicalBase64: toBase64(new TextEncoder().encode(toPem(block.der, 'CERTIFICATE'))) };
    }
  } catch (e) {
    throw new RekorEntryError('KEY_UNSUPPORTED', `The ${block.label.toLowerCase()} does not decode.`, { cause: e });
  }
  throw new RekorEntryError('KEY_UNSUPPORTED', `A "${block.label}" PEM block is neither a public key nor a certificate.`);
}
