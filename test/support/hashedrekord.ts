// A proposed hashedrekord entry (Rekor API v1, kind hashedrekord v0.0.1) as a client POSTs it to
// /api/v1/log/entries: the artifact's SHA-256, and the signature and the signer's PEM (key or certificate) in base64.
import { createHash, sign, type KeyObject } from 'node:crypto';

export function hashedrekord(artifact: string | Uint8Array, signature: Uint8Array, pem: string) {
  return {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: createHash('sha256').update(artifact).digest('hex') } },
      signature: { content: Buffer.from(signature).toString('base64'), publicKey: { content: Buffer.from(pem).toString('base64') } },
    },
  };
}

/** The proposal for `artifact` signed (ECDSA, SHA-256) with a node key whose public key PEM is `pem`. */
export function signedHashedrekord(artifact: string, privateKey: KeyObject, pem: string): ReturnType<typeof hashedrekord> {
  return hashedrekord(artifact, sign('sha256', Buffer.from(artifact), privateKey), pem);
}
