// A decoded, read-only view of one Rekor v1 LogEntry (pure, no network): the body by kind with its verifier
// decoded, the inclusion proof with its checkpoint and each step of the path, ready for the CLI and the explorer.
import { fromBase64, fromHex, toHex } from '../bytes';
import { parseCheckpoint } from './checkpoint';
import { leafHash } from './hash';
import { inclusionWalk, type InclusionWalk } from './inclusion-steps';
import { entryBody } from './rekor/bodies';
import { viewVerifierBase64, type VerifierView } from './rekor/verifier-view';
import { uuidLeafHash, type LogEntryWire } from './rekor/wire';
import { parseSignedNote } from './signed-note';

export type BodyView =
  | { kind: 'hashedrekord'; apiVersion: string; hashAlgorithm: string; artifactHash: string; signature: string; verifier: VerifierView }
  | {
      kind: 'dsse';
      apiVersion: string;
      envelopeHash: string;
      payloadHash: string;
      signatures: { signature: string; verifier: VerifierView }[];
    }
  | { kind: 'other'; reason: string; kindName?: string; apiVersion?: string };

export interface CheckpointView {
  envelope: string;
  origin?: string;
  size?: number;
  rootHash?: string;
  signatures: { name: string; keyId: string }[];
  /** Why the checkpoint text does not parse, when it does not. */
  error?: string;
}

export interface ProofView {
  logIndex: number;
  treeSize: number;
  rootHash: string;
  hashes: string[];
  checkpoint: CheckpointView;
  /** The walk from the leaf to the root, or why it cannot be walked. */
  walk: InclusionWalk | { error: string };
}

export interface EntryView {
  uuid: string;
  logIndex: number;
  integratedTime: number;
  integratedAt: Date;
  logId: string;
  /** The canonicalized body bytes (what the leaf hashes). */
  body: Uint8Array;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  bodyJson: unknown;
  /** hex RFC 6962 leaf hash of the body. */
  leafHash: string;
  /** True when the UUID's last 64 hex digits are the leaf hash. */
  uuidMatchesBody: boolean;
  decoded: BodyView;
  proof?: ProofView;
  /** base64 SET. */
  signedEntryTimestamp?: string;
}

function decodeBody(json: unknown): BodyView {
  const parsed = entryBody.safeParse(json);
  if (!parsed.success) {
    const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    return {
      kind: 'other',
      reason: 'The body is not a hashedrekord or dsse v0.0.1 entry this tool decodes.',
      ...(typeof o['kind'] === 'string' ? { kindName: o['kind'] } : {}),
      ...(typeof o['apiVersion'] === 'string' ? { apiVersion: o['apiVersion'] } : {}),
    };
  }
  const b = parsed.data;
  switch (b.kind) {
    case 'hashedrekord':
      return {
        kind: 'hashedrekord',
        apiVersion: b.apiVersion,
        hashAlgorithm: b.spec.data.hash.algorithm,
        artifactHash: b.spec.data.hash.value,
        signature: b.spec.signature.content,
        verifier: viewVerifierBase64(b.spec.signature.publicKey.content),
      };
    case 'dsse':
      return {
        kind: 'dsse',
        apiVersion: b.apiVersion,
        envelopeHash: b.spec.envelopeHash.value,
        payloadHash: b.spec.payloadHash.value,
        signatures: b.spec.signatures.map((s) => ({ signature: s.signature, verifier: viewVerifierBase64(s.verifier) })),
      };
  }
}

export function viewCheckpoint(envelope: string): CheckpointView {
  try {
    const note = parseSignedNote(envelope);
    const cp = parseCheckpoint(note.text);
    return {
      envelope,
      origin: cp.origin,
      size: cp.size,
      rootHash: toHex(cp.rootHash),
      signatures: note.signatures.map((s) => ({ name: s.name, keyId: toHex(s.keyId) })),
    };
  } catch (e) {
    return { envelope, signatures: [], error: (e as Error).message };
  }
}

/** Decodes `entry` (one value of a Rekor LogEntry answer, keyed by `uuid`). Never throws on bad content. */
export function viewLogEntry(uuid: string, entry: LogEntryWire): EntryView {
  const body = fromBase64(entry.body);
  const lh = leafHash(body);
  let bodyJson: unknown;
  try {
    bodyJson = JSON.parse(new TextDecoder().decode(body));
  } catch {
    bodyJson = undefined;
  }
  const view: EntryView = {
    uuid,
    logIndex: entry.logIndex,
    integratedTime: entry.integratedTime,
    integratedAt: new Date(entry.integratedTime * 1000),
    logId: entry.logID,
    body,
    bodyJson,
    leafHash: toHex(lh),
    uuidMatchesBody: uuidLeafHash(uuid) === toHex(lh),
    decoded: bodyJson === undefined ? { kind: 'other', reason: 'The body is not JSON.' } : decodeBody(bodyJson),
  };
  const set = entry.verification?.signedEntryTimestamp;
  if (set !== undefined) view.signedEntryTimestamp = set;
  const p = entry.verification?.inclusionProof;
  if (p) {
    let walk: ProofView['walk'];
    try {
      walk = inclusionWalk(lh, p.logIndex, p.treeSize, p.hashes.map((h) => fromHex(h)));
    } catch (e) {
      walk = { error: (e as Error).message };
    }
    view.proof = { logIndex: p.logIndex, treeSize: p.treeSize, rootHash: p.rootHash, hashes: p.hashes, checkpoint: viewCheckpoint(p.checkpoint), walk };
  }
  return view;
}
