// Opening a signed note: signature checks per C2SP signed-note "Signatures" (unknown keys ignored, a failing
// known key rejects the note, at least one known key must verify).
import { bytesEqual } from '../bytes';
import { TlogError } from './errors';
import type { NoteVerifier } from './note-keys';
import { parseSignedNote, type NoteSignature } from './signed-note';

export interface OpenedNote {
  text: string;
  /** Every signature in the note, known or not. */
  signatures: NoteSignature[];
  /** Names of the trusted keys whose signatures verified. */
  verifiedBy: string[];
}

/** Parses `envelope` and checks its signatures against `verifiers`. Throws NOTE_INVALID, SIGNATURE_INVALID, KEY_UNKNOWN. */
export function openSignedNote(envelope: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const note = parseSignedNote(envelope);
  const textBytes = new TextEncoder().encode(note.text);
  const verifiedBy: string[] = [];
  for (const sig of note.signatures) {
    // A key is known only when both its name and its key ID match.
    const known = verifiers.find((v) => v.name === sig.name && bytesEqual(v.keyId, sig.keyId));
    if (!known) continue;
    if (!known.verify(textBytes, sig.signature)) {
      throw new TlogError('SIGNATURE_INVALID', `The signature by "${sig.name}" does not verify.`, { details: { name: sig.name } });
    }
    if (!verifiedBy.includes(known.name)) verifiedBy.push(known.name);
  }
  if (verifiedBy.length === 0) {
    throw new TlogError('KEY_UNKNOWN', 'The note carries no signature by a trusted key.', {
      details: { signers: note.signatures.map((s) => s.name) },
    });
  }
  return { text: note.text, signatures: note.signatures, verifiedBy };
}
