// A served checkpoint (signed note) as the explorer shows it: parsed, and its signature checked with the log key.
// Key IDs differ between Rekor v1 (SHA-256(SPKI)[:4]) and C2SP notes, so each signature line is tried with the
// key ID it names: what matters is that the log key verifies the signature.
import { parsePemBlocks } from '../../../core/bytes';
import { createNoteVerifier } from '../../../core/tlog/note-keys';
import { openCheckpoint } from '../../../core/tlog/signed-checkpoint';
import { parseSignedNote } from '../../../core/tlog/signed-note';
import { viewCheckpoint } from '../../../core/tlog/entry-view';
import type { CheckpointView } from '../../contract/log';

export function signatureStatus(envelope: string, spki: Uint8Array | undefined): CheckpointView['signature'] {
  if (!spki) return 'unchecked';
  let sigs: { name: string; keyId: Uint8Array }[];
  try {
    sigs = parseSignedNote(envelope).signatures;
  } catch {
    return 'invalid';
  }
  for (const s of sigs) {
    try {
      openCheckpoint(envelope, [createNoteVerifier(s.name, spki, { keyId: s.keyId })]);
      return 'valid';
    } catch {
      // not this line (another witness, or a wrong key): try the next
    }
  }
  return 'invalid';
}

/** Parses a checkpoint envelope; null when it is not a checkpoint. `seenAt` is when it was first seen. */
export function describeCheckpoint(envelope: string, spki: Uint8Array | undefined, seenAt: Date): CheckpointView | null {
  const v = viewCheckpoint(envelope);
  if (v.error !== undefined || v.size === undefined || v.rootHash === undefined || v.origin === undefined) return null;
  return { origin: v.origin, treeSize: v.size, rootHashHex: v.rootHash, text: envelope, seenAt: seenAt.toISOString(), signature: signatureStatus(envelope, spki), source: 'session' };
}

export function spkiFromPem(pem: string): Uint8Array | undefined {
  try {
    return parsePemBlocks(pem).find((b) => b.label === 'PUBLIC KEY')?.der;
  } catch {
    return undefined;
  }
}
