// Signing and opening checkpoints as signed notes: the log key's name is the origin (tlog-checkpoint
// "Signatures"), and every signature is checked right after it is made.
import { TlogError } from './errors';
import { formatCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint';
import type { NoteSigner, NoteVerifier } from './note-keys';
import { openSignedNote } from './note-open';
import { formatSignedNote, type NoteSignature } from './signed-note';

export interface SignedCheckpoint {
  checkpoint: Checkpoint;
  /** The note text the signatures cover. */
  text: string;
  signatures: NoteSignature[];
  /** The whole signed note, as served at <prefix>/checkpoint. */
  envelope: string;
}

/** Signs `cp` with each signer (the first is normally the log key, named like the origin). */
export async function signCheckpoint(cp: Checkpoint, signers: readonly NoteSigner[]): Promise<SignedCheckpoint> {
  if (signers.length === 0) throw new TlogError('NOTE_INVALID', 'A checkpoint needs at least one signer.');
  const text = formatCheckpoint(cp);
  const bytes = new TextEncoder().encode(text);
  const signatures: NoteSignature[] = [];
  for (const s of signers) signatures.push({ name: s.name, keyId: new Uint8Array(s.keyId), signature: await s.sign(bytes) });
  const envelope = formatSignedNote({ text, signatures });
  // Write, then check (CONVENTIONS 13): each signature must verify with its key before the checkpoint is used.
  for (const s of signers) openSignedNote(envelope, [s.verifier]);
  return { checkpoint: { ...cp, rootHash: new Uint8Array(cp.rootHash), extensions: [...cp.extensions] }, text, signatures, envelope };
}

/**
 * Opens a signed checkpoint: signatures per signed-note, then the text per tlog-checkpoint, then (when given)
 * the origin. Throws NOTE_INVALID, SIGNATURE_INVALID, KEY_UNKNOWN, CHECKPOINT_INVALID or ORIGIN_MISMATCH.
 */
export function openCheckpoint(envelope: string | Uint8Array, verifiers: readonly NoteVerifier[], expectedOrigin?: string): SignedCheckpoint {
  const opened = openSignedNote(envelope, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
    throw new TlogError('ORIGIN_MISMATCH', `The checkpoint is from "${checkpoint.origin}", not "${expectedOrigin}".`, {
      details: { origin: checkpoint.origin, expected: expectedOrigin },
    });
  }
  const text = typeof envelope === 'string' ? envelope : new TextDecoder().decode(envelope);
  return { checkpoint, text: opened.text, signatures: opened.signatures, envelope: text };
}
