// Typed errors of the transparency log domain (Merkle proofs, checkpoints, signed notes, tile storage).
// Tests and transports rely on the stable `code`; messages say what was wrong and never carry secrets.
import { RootsmithError } from '../errors';

export type TlogErrorCode =
  | 'PROOF_INVALID' // a proof is malformed (wrong length, element not 32 bytes)
  | 'ROOT_MISMATCH' // a proof is well formed but does not lead to the expected root
  | 'HASH_INVALID' // a leaf or root hash is not 32 bytes
  | 'INDEX_OUT_OF_RANGE' // a leaf index is not inside the tree
  | 'SIZE_INVALID' // a tree size is negative, too large, or the sizes are in the wrong order
  | 'ENTRY_INVALID' // an entry cannot be logged (e.g. longer than the 65535 bytes a bundle can hold)
  | 'NOTE_INVALID' // a signed note is not well formed (C2SP signed-note)
  | 'CHECKPOINT_INVALID' // a note's text is not a checkpoint (C2SP tlog-checkpoint)
  | 'ORIGIN_MISMATCH' // a checkpoint names another log
  | 'SIGNATURE_INVALID' // a signature by a known key does not verify
  | 'KEY_UNKNOWN' // no signature in the note is by a trusted key
  | 'KEY_UNSUPPORTED' // the key's algorithm cannot sign notes here
  | 'STORAGE_CORRUPT' // what is on disk contradicts the checkpoint
  | 'STORAGE_IO'; // the file system failed

export class TlogError extends RootsmithError<TlogErrorCode> {}
