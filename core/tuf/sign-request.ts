// The offline half of a signing session: a signer checks the request, signs exactly its payload bytes with a
// Signer (PKCS#11 or software) and gets a signature file to carry back. Nothing else leaves the machine.
import { Key } from '@tufjs/models';
import type { Signer } from '../keys/signer';
import { TufError } from './errors';
import type { JSONObject } from './metadata-json';
import { keysOfSigner, signBytesAs } from './sign-metadata';
import type { SignatureFile } from './signature-file';
import { parseSigningRequest, payloadBytes, type SigningRequest } from './signing-request';

export async function signRequest(request: SigningRequest, signer: Signer): Promise<SignatureFile> {
  const req = parseSigningRequest(request);
  const keys = req.signers.map((s) => Key.fromJSON(s.keyid, s.key as JSONObject));
  const [key] = await keysOfSigner(keys, signer);
  if (!key) {
    throw new TufError('KEY_NOT_IN_ROLE', `The key of ${signer.ref} may not sign ${req.role} v${req.version}; allowed: ${req.signers.map((s) => s.owner ?? s.keyid.slice(0, 8)).join(', ')}.`, {
      details: { role: req.role, version: req.version },
    });
  }
  const sig = await signBytesAs(key, signer, payloadBytes(req));
  return { type: 'rootsmith/tuf-signature', formatVersion: 1, role: req.role, version: req.version, keyid: key.keyID, sig, requestSha256: req.payloadSha256 };
}
