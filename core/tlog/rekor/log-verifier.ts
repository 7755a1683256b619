// Note verifiers for a Rekor v1 log key: Rekor names its checkpoint key with the log's hostname and the key ID
// SHA-256(DER SPKI)[:4] for every key type, so the name is taken from the signature line carrying that key ID.
import { bytesEqual, sha256 } from '../../bytes';
import { createNoteVerifier, type NoteVerifier } from '../note-keys';
import { parseSignedNote } from '../signed-note';

/** Verifiers of `spki` under each name the note's signature lines with its key ID use (empty when none). */
export function rekorNoteVerifiers(envelope: string, spki: Uint8Array): NoteVerifier[] {
  const keyId = sha256(spki).slice(0, 4);
  let names: string[];
  try {
    names = parseSignedNote(envelope)
      .signatures.filter((s) => bytesEqual(s.keyId, keyId))
      .map((s) => s.name);
  } catch {
    return [];
  }
  return [...new Set(names)].map((name) => createNoteVerifier(name, spki, { keyId }));
}
