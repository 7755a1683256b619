// Signature files: what a signer brings back from an offline machine, one signature over one request's bytes.
import * as fs from 'node:fs';
import { z } from 'zod';
import { TufError } from './errors';
import { parseJsonObject } from './metadata-json';

export const signatureFileSchema = z.strictObject({
  type: z.literal('rootsmith/tuf-signature'),
  formatVersion: z.literal(1),
  role: z.string().min(1),
  version: z.number().int().min(1),
  keyid: z.string().regex(/^[0-9a-f]{64}$/),
  /** Hex signature as TUF stores it (DER ECDSA or raw Ed25519). */
  sig: z.string().regex(/^[0-9a-f]+$/),
  /** `payloadSha256` of the request signed. */
  requestSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type SignatureFile = z.infer<typeof signatureFileSchema>;

export function parseSignatureFile(value: unknown, source = 'signature file'): SignatureFile {
  const parsed = signatureFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TufError('SIGNATURE_FILE_INVALID', `${source} is not a valid signature file (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}).`, {
      details: { source },
    });
  }
  return parsed.data;
}

export function loadSignatureFile(file: string): SignatureFile {
  return parseSignatureFile(parseJsonObject(fs.readFileSync(file), file), file);
}
