// The log service: the log explorer's view of a Rekor v1 compatible transparency log (the embedded one started
// in this backend, or any URL): size and checkpoints, pages of entries, one decoded entry with its proof, search,
// and consistency proofs between checkpoints. Proofs are returned raw: the renderer checks them itself.
import { z } from 'zod';

const url = z.string().url('must be an http(s) URL').max(2048).refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');
const size = z.number().int('must be a whole number').nonnegative('must not be negative').max(Number.MAX_SAFE_INTEGER);
/** An entry UUID: the 64-hex leaf hash, optionally after a 16-hex tree ID. */
const uuid = z.string().regex(/^(?:[0-9a-fA-F]{16})?[0-9a-fA-F]{64}$/, 'an entry UUID is 64 (or 80) hex digits');

/** Most rows one `entries` call returns: a screenful or two, never the log. */
export const MAX_ENTRIES_PAGE = 200;

export const logSchemas = {
  /** Connect to a log: `url`, or none for the embedded log started from this backend. */
  connect: z.object({ url: url.optional() }).strict(),
  info: z.object({ url }).strict(),
  entries: z.object({ url, start: size, count: z.number().int().min(1, 'ask for at least one entry').max(MAX_ENTRIES_PAGE, `at most ${MAX_ENTRIES_PAGE} entries per page`) }).strict(),
  entry: z
    .object({ url, index: size.optional(), uuid: uuid.optional() })
    .strict()
    .refine((r) => (r.index === undefined) !== (r.uuid === undefined), { message: 'give exactly one of index or uuid', path: ['index'] }),
  search: z.object({ url, query: z.string().trim().min(1, 'type an index, a UUID, a sha256 hash or an e-mail').max(512) }).strict(),
  consistency: z
    .object({ url, firstSize: size.min(1, 'the first checkpoint must have at least one entry'), secondSize: size })
    .strict()
    .refine((r) => r.firstSize <= r.secondSize, { message: 'the first checkpoint must not be larger than the second', path: ['firstSize'] }),
  /** An entry's inclusion proof in the tree of an earlier size (the CLI's `log proof URL --index N --size S`). */
  proofAtSize: z.object({ url, index: size, treeSize: size.min(1, 'the tree must have at least one entry') }).strict(),
  /** Checkpoints seen this session, plus those `rootsmith log monitor` recorded for this URL (default state file). */
  checkpoints: z.object({ url }).strict(),
  embeddedStatus: z.object({}).strict(),
  /** Start the embedded log in this backend (the starter of `rootsmith serve --log`). */
  startEmbedded: z.object({ dataDir: z.string().min(1, 'path is empty').max(4096).optional() }).strict(),
  stopEmbedded: z.object({}).strict(),
} as const;

/** A checkpoint as parsed from its signed note (C2SP tlog-checkpoint), with where and when it was seen. */
export interface CheckpointView {
  origin: string;
  treeSize: number;
  rootHashHex: string;
  /** The whole signed note, as served; empty for a checkpoint known only from the monitor's state file. */
  text: string;
  /** When it was first seen (ISO 8601): by this backend, or by `rootsmith log monitor`. */
  seenAt: string;
  /** Seen by this backend this session, or recorded by the monitor (its signature was checked when it polled). */
  source: 'session' | 'monitor';
  /** Whether the note's signature was checked against the log key, and its outcome. */
  signature: 'valid' | 'invalid' | 'unchecked';
}

export interface LogInfo {
  url: string;
  /** True when this is the embedded log running in this backend. */
  embedded: boolean;
  treeSize: number;
  rootHashHex: string;
  treeId: string;
  checkpoint: CheckpointView;
  /** The log's public key (PEM), when the server publishes it. */
  publicKeyPem?: string;
  /** Hex SHA-256 of the DER public key: the logID in every entry. */
  logIdHex?: string;
}

export type EntryKind = 'hashedrekord' | 'dsse' | 'unknown';

/** One row of the entry list: cheap fields only. */
export interface EntryRow {
  index: number;
  uuid: string;
  kind: EntryKind;
  /** Seconds since the epoch, as the log integrated it. */
  integratedTime: number;
  /** The signer: certificate SAN/subject, or the public key's short fingerprint. */
  identity?: string;
  /** Artifact digest (hashedrekord) or payload digest (dsse), hex. */
  digestHex?: string;
}

export interface EntryPage {
  url: string;
  start: number;
  treeSize: number;
  rows: EntryRow[];
}

/** A certificate in an entry, decoded for reading. */
export interface EntryCertificateView {
  subject: string;
  issuer: string;
  serialHex: string;
  notBefore: string;
  notAfter: string;
  /** Subject alternative names as `type:value` (email:, uri:, dns:...). */
  san: string[];
  /** The Fulcio OIDC issuer extension (1.3.6.1.4.1.57264.1.8, or .1.1 in older certificates). */
  oidcIssuer?: string;
  sha256Hex: string;
}

/** The verifying key or certificate of one signature. */
export interface EntrySignatureView {
  signatureBase64: string;
  publicKeyPem?: string;
  publicKeyAlgorithm?: string;
  publicKeyFingerprintHex?: string;
  certificate?: EntryCertificateView;
  certificatePem?: string;
}

export interface DecodedEntryBody {
  kind: EntryKind;
  apiVersion: string;
  /** hashedrekord: the artifact digest; dsse: the payload digest. */
  digest?: { algorithm: string; hex: string };
  /** dsse only: the envelope digest. */
  envelopeDigestHex?: string;
  signatures: EntrySignatureView[];
}

/** The inclusion proof as the log served it; the renderer recomputes the root. */
export interface InclusionProofView {
  logIndex: number;
  treeSize: number;
  rootHashHex: string;
  hashesHex: string[];
  /** RFC 6962 leaf hash of the body bytes, computed by the backend (the renderer recomputes it too). */
  leafHashHex: string;
  checkpoint?: CheckpointView;
}

/** What the backend checked with the log key; the renderer still checks the Merkle path itself. */
export interface EntryVerification {
  /** The signed entry timestamp over {body, integratedTime, logID, logIndex}. */
  signedEntryTimestamp: 'valid' | 'invalid' | 'missing' | 'unchecked';
  inclusion: 'valid' | 'invalid' | 'missing';
  checkpointSignature: 'valid' | 'invalid' | 'missing' | 'unchecked';
  problems: string[];
}

export interface EntryDetail {
  url: string;
  index: number;
  uuid: string;
  integratedTime: number;
  logIdHex: string;
  /** Base64 of the canonical body: the bytes hashed into the leaf. */
  bodyBase64: string;
  body: DecodedEntryBody;
  proof?: InclusionProofView;
  verification: EntryVerification;
  /** The log key (PEM) used to check the SET and checkpoint, when known. */
  logKeyPem?: string;
  /** The LogEntry as received, for the raw view. */
  raw: unknown;
}

export interface SearchResult {
  query: string;
  /** How the query was read. */
  interpretedAs: 'index' | 'uuid' | 'hash' | 'identity';
  rows: EntryRow[];
  /** Why nothing could be searched (e.g. the server has no index), when that is the case. */
  note?: string;
}

export interface ConsistencyProofView {
  url: string;
  firstSize: number;
  secondSize: number;
  /** The roots of the two checkpoints as this backend saw them, and the proof the log served. */
  firstRootHex: string;
  secondRootHex: string;
  hashesHex: string[];
}

/** Inclusion in the tree of `treeSize`, made from the log's tiles and checked by the backend (RFC 6962 2.1.1, 2.1.2). */
export interface ProofAtSizeView {
  uuid: string;
  logIndex: number;
  treeSize: number;
  leafHash: string;
  hashes: string[];
  walk: { leafHash: string; steps: { step: number; sibling: string; siblingSide: 'left' | 'right'; result: string }[]; computedRoot: string };
  rootAtSize: string;
  /** The current signed checkpoint the root at treeSize was proven consistent with. */
  checkpoint: { size: number; rootHash: string; consistencyHashes: string[] };
}

export interface CheckpointHistory {
  url: string;
  checkpoints: CheckpointView[];
}

export interface EmbeddedLogStatus {
  running: boolean;
  /** Who runs it: the Log screen's own log, or the Services stack (then stop it there). */
  source?: 'log' | 'stack';
  url?: string;
  dataDir?: string;
}

export interface LogResponses {
  connect: LogInfo;
  info: LogInfo;
  entries: EntryPage;
  entry: EntryDetail;
  search: SearchResult;
  consistency: ConsistencyProofView;
  proofAtSize: ProofAtSizeView;
  checkpoints: CheckpointHistory;
  embeddedStatus: EmbeddedLogStatus;
  startEmbedded: EmbeddedLogStatus;
  stopEmbedded: EmbeddedLogStatus;
}
