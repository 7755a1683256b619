// Accepts a proposed Rekor v1 entry (POST /api/v1/log/entries body): hashedrekord v0.0.1 or dsse v0.0.1. The
// signatures are verified BEFORE acceptance, then the body is canonicalized exactly as it will be logged.
import { verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { canonicalize } from '@tufjs/canonical-json';
import { z } from 'zod';
import { fromBase64, sha256, toHex } from '../../bytes';
import { verifyDigestSignature } from './digest-verify';
import { RekorEntryError } from './errors';
import { verifierKey, type VerifierKey } from './verifier-key';
import type { DsseBody, HashedrekordBody } from './bodies';

/** Keys and signatures per DSSE entry: each signature is tried against each key, so both are bounded. */
export const MAX_DSSE_KEYS = 16;

const b64 = z.string().min(1).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');

/** rekor hashedrekord_v0_0_1_schema.json (sha256 only here). */
const proposedHashedrekord = z.strictObject({
  apiVersion: z.literal('0.0.1'),
  kind: z.literal('hashedrekord'),
  spec: z.strictObject({
    data: z.strictObject({ hash: z.strictObject({ algorithm: z.literal('sha256'), value: z.string().regex(/^[0-9a-fA-F]{64}$/) }) }),
    signature: z.strictObject({ content: b64, publicKey: z.strictObject({ content: b64 }) }),
  }),
});

/** rekor dsse_v0_0_1_schema.json, the proposedContent half: the envelope as a JSON string and base64-PEM verifiers. */
const proposedDsse = z.strictObject({
  apiVersion: z.literal('0.0.1'),
  kind: z.literal('dsse'),
  spec: z.strictObject({ proposedContent: z.strictObject({ envelope: z.string().min(2), verifiers: z.array(b64).min(1).max(MAX_DSSE_KEYS) }) }),
});

/** DSSE envelope (secure-systems-lab/dsse envelope.md). */
const envelope = z.object({
  payloadType: z.string().min(1),
  payload: z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/),
  signatures: z.array(z.object({ keyid: z.string().optional(), sig: b64 })).min(1).max(MAX_DSSE_KEYS),
});

export interface AcceptedEntry {
  kind: 'hashedrekord' | 'dsse';
  /** The canonicalized body: the leaf, and `body` in every answer. */
  body: Uint8Array;
  /** Search keys ("sha256:<hex>"): the artifact digest, or the DSSE payload and envelope digests. */
  searchHashes: string[];
}

function malformed(error: z.ZodError, what: string): RekorEntryError {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return new RekorEntryError('ENTRY_MALFORMED', `The ${what} is not valid${where}: ${issue?.message ?? 'invalid'}.`);
}

function encode(body: HashedrekordBody | DsseBody): Uint8Array {
  // JCS (RFC 8785) and canonical-json agree on ASCII strings and integers, which is all a body holds.
  return new TextEncoder().encode(canonicalize(body));
}

function acceptHashedrekord(input: unknown): AcceptedEntry {
  const parsed = proposedHashedrekord.safeParse(input);
  if (!parsed.success) throw malformed(parsed.error, 'hashedrekord entry');
  const { spec } = parsed.data;
  const digestHex = spec.data.hash.value.toLowerCase();
  const vk = verifierKey(spec.signature.publicKey.content);
  if (!verifyDigestSignature(vk.key, Buffer.from(digestHex, 'hex'), fromBase64(spec.signature.content))) {
    throw new RekorEntryError('SIGNATURE_INVALID', 'The signature does not verify over the given SHA-256 digest with the given key or certificate.');
  }
  const body: HashedrekordBody = {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: digestHex } },
      signature: { content: spec.signature.content, publicKey: { content: vk.canonicalBase64 } },
    },
  };
  return { kind: 'hashedrekord', body: encode(body), searchHashes: [`sha256:${digestHex}`] };
}

/** DSSE v1 pre-authentication encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body (dsse protocol.md). */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = Buffer.from(payloadType, 'utf8');
  return new Uint8Array(Buffer.concat([Buffer.from(`DSSEv1 ${type.byteLength} `), type, Buffer.from(` ${payload.byteLength} `), payload]));
}

function verifiesPae(key: KeyObject, message: Uint8Array, sig: Uint8Array): boolean {
  try {
    // As rekor's LoadVerifier(key, SHA256): ECDSA and RSA over SHA-256, Ed25519 pure.
    if (key.asymmetricKeyType === 'ed25519') return cryptoVerify(null, message, key, sig);
    if (key.asymmetricKeyType === 'ec') return cryptoVerify('sha256', message, { key, dsaEncoding: 'der' }, sig);
    if (key.asymmetricKeyType === 'rsa') return cryptoVerify('sha256', message, key, sig);
    return false;
  } catch {
    return false;
  }
}

function acceptDsse(input: unknown): AcceptedEntry {
  const parsed = proposedDsse.safeParse(input);
  if (!parsed.success) throw malformed(parsed.error, 'dsse entry');
  const { envelope: envelopeText, verifiers } = parsed.data.spec.proposedContent;
  let envJson: unknown;
  try {
    envJson = JSON.parse(envelopeText);
  } catch (e) {
    throw new RekorEntryError('ENTRY_MALFORMED', 'The DSSE envelope is not JSON.', { cause: e });
  }
  const env = envelope.safeParse(envJson);
  if (!env.success) throw malformed(env.error, 'DSSE envelope');
  const payload = fromBase64(env.data.payload);
  const message = pae(env.data.payloadType, payload);
  const keys: VerifierKey[] = verifiers.map(verifierKey);
  // Every signature must be verified by one of the given keys (rekor dsse v0.0.1 verifyEnvelope).
  const signatures = env.data.signatures.map((s, i) => {
    const key = keys.find((k) => verifiesPae(k.key, message, fromBase64(s.sig)));
    if (!key) throw new RekorEntryError('SIGNATURE_INVALID', `DSSE signature ${i + 1} is not verified by any of the given keys.`, { details: { signature: i } });
    return { signature: s.sig, verifier: key.canonicalBase64 };
  });
  signatures.sort((a, b) => (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0));
  const payloadHash = toHex(sha256(payload));
  // envelopeHash is over the envelope string exactly as submitted (rekor dsse v0.0.1 Unmarshal).
  const envelopeHash = toHex(sha256(envelopeText));
  const body: DsseBody = {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: { envelopeHash: { algorithm: 'sha256', value: envelopeHash }, payloadHash: { algorithm: 'sha256', value: payloadHash }, signatures },
  };
  return { kind: 'dsse', body: encode(body), searchHashes: [`sha256:${payloadHash}`, `sha256:${envelopeHash}`] };
}

/** Parses, verifies and canonicalizes a proposed entry; throws RekorEntryError (ENTRY_MALFORMED, KIND_UNSUPPORTED, KEY_UNSUPPORTED, SIGNATURE_INVALID). */
export function acceptProposedEntry(input: unknown): AcceptedEntry {
  const head = z.object({ kind: z.string(), apiVersion: z.string() }).safeParse(input);
  if (!head.success) throw new RekorEntryError('ENTRY_MALFORMED', 'A proposed entry is a JSON object with "kind", "apiVersion" and "spec".');
  const { kind, apiVersion } = head.data;
  if (kind === 'hashedrekord' && apiVersion === '0.0.1') return acceptHashedrekord(input);
  if (kind === 'dsse' && apiVersion === '0.0.1') return acceptDsse(input);
  throw new RekorEntryError('KIND_UNSUPPORTED', `This log accepts hashedrekord 0.0.1 and dsse 0.0.1 entries, not ${kind} ${apiVersion}.`, {
    details: { kind, apiVersion },
  });
}
