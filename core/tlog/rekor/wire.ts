// Rekor v1 REST wire types (rekor openapi.yaml: LogEntry, LogInfo, ConsistencyProof, InclusionProof), as zod
// schemas that are also the types: the embedded server emits them and every client parses them through these.
import { z } from 'zod';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a 64-digit lowercase hex SHA-256');
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const count = z.number().int().nonnegative();

/** openapi InclusionProof: hex hashes, the checkpoint as the signed note text. */
export const inclusionProofWire = z.object({
  logIndex: count,
  rootHash: hex64,
  treeSize: count,
  hashes: z.array(hex64),
  checkpoint: z.string(),
});
export type InclusionProofWire = z.infer<typeof inclusionProofWire>;

/** openapi LogEntry value (the map key is the entry UUID). */
export const logEntryWire = z.object({
  /** base64 of the canonicalized entry body: exactly the bytes whose RFC 6962 leaf hash is in the tree. */
  body: base64,
  integratedTime: count,
  /** hex SHA-256 of the log's DER public key. */
  logID: hex64,
  logIndex: count,
  verification: z
    .object({
      inclusionProof: inclusionProofWire.optional(),
      /** base64 signature over canonical JSON {body, integratedTime, logID, logIndex}. */
      signedEntryTimestamp: base64.optional(),
    })
    .optional(),
  attestation: z.object({ data: z.string().optional() }).optional(),
});
export type LogEntryWire = z.infer<typeof logEntryWire>;

/** A LogEntry answer: { "<uuid>": LogEntry }. */
export const logEntryMapWire = z.record(z.string(), logEntryWire);
export type LogEntryMapWire = z.infer<typeof logEntryMapWire>;

/** openapi LogInfo (GET /api/v1/log). */
export const logInfoWire = z.object({
  rootHash: hex64,
  treeSize: count,
  signedTreeHead: z.string(),
  treeID: z.string(),
  inactiveShards: z.array(z.unknown()).optional(),
});
export type LogInfoWire = z.infer<typeof logInfoWire>;

/** openapi ConsistencyProof (GET /api/v1/log/proof). */
export const consistencyProofWire = z.object({
  rootHash: hex64,
  hashes: z.array(hex64),
});
export type ConsistencyProofWire = z.infer<typeof consistencyProofWire>;

/** An entry UUID: the 64-hex leaf hash, optionally prefixed by the 16-hex tree ID (Rekor "EntryID"). */
export const entryUuidPattern = /^(?:[0-9a-f]{16})?[0-9a-f]{64}$/;

/** The 64-hex leaf-hash part of an entry UUID in either form. */
export function uuidLeafHash(uuid: string): string {
  return uuid.slice(-64);
}
