// The TUF trust-root service: open a repository, edit roles and targets, gather threshold signatures offline
// (request -> review -> sign -> import), publish, refresh the online roles, and verify a published repository.
// Passphrases and PINs travel only in the one signing request that needs them and are never echoed back.
import { z } from 'zod';

const dir = z.string().min(1, 'directory is empty').max(4096);
const roleName = z.string().min(1, 'role is empty').max(100);
const pem = z.string().min(1).max(20_000).regex(/-----BEGIN PUBLIC KEY-----/, 'expected a PEM public key');
const days = z.number().int().min(1).max(36500);

export const tufKeyInput = z
  .object({
    publicKeyPem: pem,
    owner: z.string().min(1).max(200).optional(),
    onlineUri: z.string().min(1).max(2000).optional(),
  })
  .strict();

const roleKeys = z.object({ keys: z.array(tufKeyInput).min(1).max(50), threshold: z.number().int().min(1) }).strict();

/** Which key signs: a key on a token already logged in (Keys screen), or a key reference (PKCS#11 URI / key file) with its secret. */
export const tufSignerSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token'), module: z.string().min(1).max(4096).optional(), token: z.string().min(1).max(32), label: z.string().min(1).max(128) }).strict(),
  z.object({ kind: z.literal('ref'), ref: z.string().min(1).max(4096), secret: z.string().max(1024) }).strict(),
]);

const requestSource = z
  .object({ requestFile: z.string().min(1).max(4096).optional(), requestJson: z.string().min(1).max(50_000_000).optional() })
  .strict()
  .refine((r) => (r.requestFile === undefined) !== (r.requestJson === undefined), 'give exactly one of requestFile or requestJson');

export const tufSchemas = {
  status: z.object({ dir }).strict(),
  init: z
    .object({ dir, root: roleKeys, targets: roleKeys, snapshot: roleKeys, timestamp: roleKeys, expiryDays: z.object({ root: days, targets: days, snapshot: days, timestamp: days, delegated: days }).partial().strict().optional() })
    .strict(),
  addKey: z.object({ dir, role: roleName, key: tufKeyInput }).strict(),
  /** `key` is a key ID, a unique key ID prefix (8+ hex digits) or an owner name. */
  removeKey: z.object({ dir, role: roleName, key: z.string().min(1).max(200) }).strict(),
  setThreshold: z.object({ dir, role: roleName, threshold: z.number().int().min(1) }).strict(),
  setExpiry: z.object({ dir, role: roleName, days }).strict(),
  addTarget: z.object({ dir, path: z.string().min(1).max(1000), contentBase64: z.string().max(200_000_000), role: roleName.optional() }).strict(),
  removeTarget: z.object({ dir, path: z.string().min(1).max(1000), role: roleName.optional() }).strict(),
  delegate: z
    .object({ dir, name: roleName, keys: z.array(tufKeyInput).min(1).max(50), threshold: z.number().int().min(1), paths: z.array(z.string().min(1).max(1000)).min(1), terminating: z.boolean().optional() })
    .strict(),
  discard: z.object({ dir }).strict(),
  requestSignatures: z.object({ dir, outDir: dir.optional() }).strict(),
  review: requestSource,
  sign: z
    .object({ requestFile: z.string().min(1).max(4096).optional(), requestJson: z.string().min(1).max(50_000_000).optional(), signer: tufSignerSpec, out: z.string().min(1).max(4096).optional() })
    .strict()
    .refine((r) => (r.requestFile === undefined) !== (r.requestJson === undefined), 'give exactly one of requestFile or requestJson'),
  importSignatures: z.object({ dir, signatures: z.array(z.object({ name: z.string().min(1).max(4096), contentBase64: z.string().min(1).max(1_000_000) }).strict()).min(1).max(100) }).strict(),
  publish: z.object({ dir, snapshot: tufSignerSpec, timestamp: tufSignerSpec }).strict(),
  refreshOnline: z.object({ dir, snapshot: tufSignerSpec, timestamp: tufSignerSpec }).strict(),
  expiring: z.object({ dir, withinDays: z.number().int().min(0).max(36500).optional() }).strict(),
  verify: z
    .object({ root: z.string().min(1).max(4096), repo: z.string().min(1).max(4096), at: z.string().min(1).max(64).optional(), stateDir: dir.optional(), targets: z.array(z.string().min(1)).optional(), timeoutSeconds: z.number().positive().max(3600).optional() })
    .strict(),
} as const;

export type TufSignerSpec = z.infer<typeof tufSignerSpec>;
export type TufKeyInput = z.infer<typeof tufKeyInput>;

export interface TufKeyView {
  keyid: string;
  owner: string | null;
  scheme: string;
  onlineUri: string | null;
}

export interface TufRoleView {
  role: string;
  kind: 'offline' | 'online' | 'delegated';
  /** Published version, null before the first publish. */
  version: number | null;
  expires: string | null;
  /** The version being signed, when the role is staged. */
  stagedVersion: number | null;
  stagedExpires: string | null;
  threshold: number;
  keys: TufKeyView[];
  paths?: string[];
  /** A delegated role that ends the search: paths it matches are never looked up in later delegations. */
  terminating?: boolean;
}

export interface TufKeyRef {
  keyid: string;
  owner: string | null;
}

/** A key allowed to sign a request, with its public key so a picker can tell which of the user's keys it is. */
export interface TufSignerKey extends TufKeyRef {
  /** SPKI PEM; null for a key type this app cannot express as SPKI. */
  publicKeyPem: string | null;
}

export interface TufTargetInfo {
  length: number;
  hashes: Record<string, string>;
}

/** A staged change in words: what a signer is asked to approve. */
export interface TufDiff {
  version: { from: number | null; to: number };
  expires: { from: string | null; to: string };
  roles: { role: string; keysAdded: TufKeyRef[]; keysRemoved: TufKeyRef[]; threshold: { from: number | null; to: number | null }; paths?: { from: string[] | null; to: string[] | null } }[];
  targets: { path: string; change: 'added' | 'removed' | 'changed'; from: TufTargetInfo | null; to: TufTargetInfo | null }[];
  summary: string[];
}

export interface TufThresholdGroup {
  by: string;
  have: number;
  need: number;
  met: boolean;
  signedBy: string[];
  waitingFor: string[];
}

export interface TufThresholdProgress extends TufThresholdGroup {
  role: string;
  version: number;
  previous?: TufThresholdGroup;
  allMet: boolean;
  /** e.g. "root: 2 of 3, waiting for: alice, carol". */
  line: string;
}

export interface TufStagedChange {
  role: string;
  version: number;
  expires: string;
  diff: TufDiff;
  /** SHA-256 of the exact bytes to sign, once a request was written. */
  requestSha256: string | null;
  /** The signing request file on disk, once written: the file offline signers carry. */
  requestFile: string | null;
}

export interface TufStatus {
  dir: string;
  published: boolean;
  roles: TufRoleView[];
  staged: TufStagedChange[];
  thresholds: TufThresholdProgress[];
  targets: { path: string; role: string; length: number; sha256: string | null; staged: boolean }[];
  expiryDays: Record<'root' | 'targets' | 'snapshot' | 'timestamp' | 'delegated', number>;
  /** All offline thresholds met: publishing would succeed. */
  readyToPublish: boolean;
}

export interface TufChangeResult {
  status: TufStatus;
  /** e.g. a P-384 key that tuf-js clients cannot verify. */
  warnings: string[];
}

export interface TufRequestSummary {
  role: string;
  version: number;
  file: string;
  payloadSha256: string;
  summary: string[];
}

export interface TufReview {
  role: string;
  version: number;
  expires: string;
  /** SHA-256 of the payload bytes, computed here (not copied from the file). */
  payloadSha256: string;
  payloadLength: number;
  diff: TufDiff;
  signers: TufSignerKey[];
  thresholds: { group: 'new' | 'previous'; by: string; threshold: number; owners: string[] }[];
}

export interface TufSignatureFile {
  type: 'rootsmith/tuf-signature';
  formatVersion: 1;
  role: string;
  version: number;
  keyid: string;
  sig: string;
  requestSha256: string;
}

export interface TufImportResult {
  name: string;
  role: string;
  version: number;
  signer: string;
  /** True when this signature had already been imported (nothing changed). */
  alreadyImported?: boolean;
  progress: TufThresholdProgress;
}

export interface TufPublishResult {
  versions: Record<string, number>;
  written: string[];
}

export interface TufExpiryEntry {
  role: string;
  version: number;
  expires: string;
  daysLeft: number;
  expiring: boolean;
  /** Who can re-sign it: "offline" signers through a session, or the online keys (refresh-online). */
  resign: 'offline' | 'online';
}

export interface TufSignatureCount {
  valid: number;
  threshold: number;
  signedBy: string[];
}

export interface TufVerifyReport {
  ok: boolean;
  repo: string;
  at: string;
  rootChain: {
    ok: boolean;
    versions: { version: number; name: string; expires: string; byPrevious: TufSignatureCount | null; bySelf: TufSignatureCount; ok: boolean; errors: string[] }[];
  };
  roles: { role: string; version: number | null; expires: string | null; signatures: TufSignatureCount | null; ok: boolean }[];
  targets: { path: string; role: string; length: number; sha256: string | null; ok: boolean }[];
  failures: { engine: 'rootsmith' | 'tuf-js'; code: string; role: string | null; version: number | null; message: string }[];
  engines: {
    rootsmith: { checked: string };
    tufJs: { ran: boolean; reason?: string; ok?: boolean; versions?: Record<string, number>; targets?: { path: string; length: number; sha256: string }[] };
  };
}

export interface TufResponses {
  status: TufStatus;
  init: TufChangeResult;
  addKey: TufChangeResult;
  removeKey: TufChangeResult;
  setThreshold: TufChangeResult;
  setExpiry: TufChangeResult;
  addTarget: TufChangeResult;
  removeTarget: TufChangeResult;
  delegate: TufChangeResult;
  discard: TufStatus;
  requestSignatures: { requests: TufRequestSummary[] };
  review: TufReview;
  sign: { signature: TufSignatureFile; file: string | null; signer: string };
  importSignatures: { imported: TufImportResult[]; status: TufStatus };
  publish: TufPublishResult & { status: TufStatus };
  refreshOnline: TufPublishResult;
  expiring: { at: string; withinDays: number; roles: TufExpiryEntry[] };
  verify: TufVerifyReport;
}
