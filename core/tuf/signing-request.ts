// Signing requests: the file a signer takes to an offline machine. It holds the exact canonical bytes to sign
// (base64) and their SHA-256, the change in words, and who may sign with which thresholds. Validated on load.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Key } from '@tufjs/models';
import { z } from 'zod';
import { fromBase64, sha256, toBase64, toHex } from '../bytes';
import { TufError } from './errors';
import { diffRoot, diffTargets, type MetadataDiff } from './metadata-diff';
import { formatMetadataJson, parseCanonicalJson, parseJsonObject, type JSONObject } from './metadata-json';
import type { RepoLayout } from './repo-layout';
import { stagedMetadataOf, stagedRoleNames, type RepoState } from './repo-state';
import { authorizationsFor, type Authorization } from './role-keys';
import { signedBytes } from './sign-metadata';
import { keyOwner } from './tuf-key';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const keyRef = z.strictObject({ keyid: hex64, owner: z.string().nullable() });
const targetInfo = z.strictObject({ length: z.number().int().nonnegative(), hashes: z.record(z.string(), z.string()) }).nullable();

const diffSchema = z.strictObject({
  version: z.strictObject({ from: z.number().int().nullable(), to: z.number().int() }),
  expires: z.strictObject({ from: z.string().nullable(), to: z.string() }),
  roles: z.array(
    z.strictObject({
      role: z.string(),
      keysAdded: z.array(keyRef),
      keysRemoved: z.array(keyRef),
      threshold: z.strictObject({ from: z.number().int().nullable(), to: z.number().int().nullable() }),
      paths: z.strictObject({ from: z.array(z.string()).nullable(), to: z.array(z.string()).nullable() }).optional(),
    }),
  ),
  targets: z.array(z.strictObject({ path: z.string(), change: z.enum(['added', 'removed', 'changed']), from: targetInfo, to: targetInfo })),
  summary: z.array(z.string()),
});

export const signingRequestSchema = z.strictObject({
  type: z.literal('rootsmith/tuf-signing-request'),
  formatVersion: z.literal(1),
  role: z.string().min(1),
  version: z.number().int().min(1),
  expires: z.string(),
  /** The canonical JSON of `signed`, base64: exactly the bytes to sign. */
  payload: z.string().min(1),
  /** SHA-256 (hex) of those bytes; signature files name the request by it. */
  payloadSha256: hex64,
  diff: diffSchema,
  /** Every key that may sign, with its TUF key object (so an offline signer can match its public key). */
  signers: z.array(z.strictObject({ keyid: hex64, owner: z.string().nullable(), key: z.record(z.string(), z.unknown()) })).min(1),
  thresholds: z.array(z.strictObject({ group: z.enum(['new', 'previous']), by: z.string(), threshold: z.number().int().min(1), keyids: z.array(hex64) })).min(1),
});

export type SigningRequest = z.infer<typeof signingRequestSchema>;

export function requestFileName(role: string): string {
  return `${role}.request.json`;
}

/** Checks the schema and that the payload is what the request says it is (hash, role type, version). */
export function parseSigningRequest(value: unknown, source = 'signing request'): SigningRequest {
  const parsed = signingRequestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TufError('REQUEST_INVALID', `${source} is not a valid signing request (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}).`, {
      details: { source },
    });
  }
  const req = parsed.data;
  const bytes = fromBase64(req.payload);
  if (toHex(sha256(bytes)) !== req.payloadSha256) {
    throw new TufError('REQUEST_INVALID', `${source}: the payload does not match its SHA-256; the file was altered.`, { details: { source } });
  }
  const signed = parseCanonicalJson(bytes, `${source} payload`);
  const expectedType = req.role === 'root' ? 'root' : 'targets';
  if (signed['_type'] !== expectedType || signed['version'] !== req.version) {
    throw new TufError('REQUEST_INVALID', `${source}: the payload is not ${req.role} version ${req.version}.`, { details: { source } });
  }
  const listed = new Set(req.signers.map((s) => s.keyid));
  for (const s of req.signers) {
    try {
      Key.fromJSON(s.keyid, s.key as JSONObject);
    } catch (e) {
      throw new TufError('REQUEST_INVALID', `${source}: the key of signer ${s.keyid} is not a TUF key.`, { cause: e, details: { source } });
    }
  }
  if (req.thresholds.some((t) => t.keyids.some((id) => !listed.has(id)))) {
    throw new TufError('REQUEST_INVALID', `${source}: a threshold names a key that is not among the signers.`, { details: { source } });
  }
  return req;
}

export function loadSigningRequest(file: string): SigningRequest {
  return parseSigningRequest(parseJsonObject(fs.readFileSync(file), file), file);
}

export function payloadBytes(req: SigningRequest): Uint8Array {
  return fromBase64(req.payload);
}

/** The keys of a request as TUF keys, and its thresholds as authorisations. */
export function requestAuthorizations(req: SigningRequest): Authorization[] {
  const keys = new Map(req.signers.map((s) => [s.keyid, Key.fromJSON(s.keyid, s.key as JSONObject)]));
  return req.thresholds.map((t) => ({
    group: t.group,
    by: t.by,
    threshold: t.threshold,
    keys: t.keyids.map((id) => keys.get(id)).filter((k): k is Key => k !== undefined),
  }));
}

export function buildSigningRequest(state: RepoState, role: string): SigningRequest {
  const md = stagedMetadataOf(state, role);
  if (!md) throw new TufError('NOTHING_STAGED', `${role} has no staged changes to sign.`, { details: { role } });
  const auths = authorizationsFor(state, role);
  for (const a of auths) {
    if (a.threshold > a.keys.length) {
      throw new TufError('THRESHOLD_INVALID', `${role} needs ${a.threshold} signatures but ${a.by} lists only ${a.keys.length} keys.`, {
        details: { role, threshold: a.threshold, keys: a.keys.length },
      });
    }
  }
  let diff: MetadataDiff;
  if (role === 'root') diff = diffRoot(state.published.root?.signed, state.staged.root!.signed);
  else if (role === 'targets') diff = diffTargets(state.published.targets?.signed, state.staged.targets!.signed);
  else diff = diffTargets(state.published.delegated.get(role)?.signed, state.staged.delegated.get(role)!.signed);
  const bytes = signedBytes(md);
  const signers = new Map<string, SigningRequest['signers'][number]>();
  for (const a of auths) for (const k of a.keys) signers.set(k.keyID, { keyid: k.keyID, owner: keyOwner(k) ?? null, key: k.toJSON() });
  return {
    type: 'rootsmith/tuf-signing-request',
    formatVersion: 1,
    role,
    version: md.signed.version,
    expires: md.signed.expires,
    payload: toBase64(bytes),
    payloadSha256: toHex(sha256(bytes)),
    diff,
    signers: [...signers.values()],
    thresholds: auths.map((a) => ({ group: a.group, by: a.by, threshold: a.threshold, keyids: a.keys.map((k) => k.keyID) })),
  };
}

export function writeSigningRequests(layout: RepoLayout, state: RepoState): SigningRequest[] {
  const roles = stagedRoleNames(state);
  if (roles.length === 0) throw new TufError('NOTHING_STAGED', 'Nothing is staged: make a change before asking for signatures.');
  const requests = roles.map((role) => buildSigningRequest(state, role));
  fs.mkdirSync(layout.requests, { recursive: true });
  for (const req of requests) fs.writeFileSync(path.join(layout.requests, requestFileName(req.role)), formatMetadataJson(req));
  return requests;
}
