// Assembles the Rekor v1 LogEntry answer for a logged body: SET signed by the log key (and checked right after
// it is made), and the inclusion proof against a signed checkpoint.
import { toBase64, toHex } from '../../bytes';
import type { Signer } from '../../keys/signer';
import { verifySignature } from '../../keys/spki';
import { TlogError } from '../errors';
import { leafHash } from '../hash';
import { setPayload } from './set';
import type { LogEntryWire } from './wire';

export interface LogEntryInput {
  /** The canonicalized body (the leaf). */
  body: Uint8Array;
  logIndex: number;
  /** Unix seconds. */
  integratedTime: number;
  /** hex SHA-256 of the log key's DER SPKI. */
  logId: string;
  /** The log key and its DER SPKI (to check the SET just made). */
  signer: Signer;
  spki: Uint8Array;
  /** Inclusion of the entry in the tree of `treeSize` whose signed checkpoint is `checkpoint`. */
  proof?: { treeSize: number; rootHash: Uint8Array; hashes: readonly Uint8Array[]; checkpoint: string };
}

/** The LogEntry value (keyed by the entry UUID in answers). */
export async function buildLogEntry(input: LogEntryInput): Promise<LogEntryWire> {
  const payload = setPayload({ body: input.body, integratedTime: input.integratedTime, logID: input.logId, logIndex: input.logIndex });
  const set = await input.signer.sign(payload);
  // Write, then check (CONVENTIONS 13).
  if (!verifySignature(input.spki, payload, set)) throw new TlogError('SIGNATURE_INVALID', 'The signed entry timestamp just made does not verify with the log key.');
  const entry: LogEntryWire = {
    body: toBase64(input.body),
    integratedTime: input.integratedTime,
    logID: input.logId,
    logIndex: input.logIndex,
    verification: { signedEntryTimestamp: toBase64(set) },
  };
  if (input.proof) {
    entry.verification!.inclusionProof = {
      logIndex: input.logIndex,
      rootHash: toHex(input.proof.rootHash),
      treeSize: input.proof.treeSize,
      hashes: input.proof.hashes.map((h) => toHex(h)),
      checkpoint: input.proof.checkpoint,
    };
  }
  return entry;
}

/** The entry UUID: the hex leaf hash, prefixed by the 16-hex tree ID when one is given (Rekor "EntryID"). */
export function entryUuid(body: Uint8Array, treeIdHex?: string): string {
  return `${treeIdHex ?? ''}${toHex(leafHash(body))}`;
}
