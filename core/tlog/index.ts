// Public API of the embedded transparency log: RFC 6962 hashing and proofs, C2SP signed notes and
// checkpoints, and the durable C2SP tlog-tiles log with its batcher.
export { TlogError, type TlogErrorCode } from './errors';
export { HASH_SIZE, leafHash, nodeHash, emptyRoot, copyHash } from './hash';
export { type HashSource, rangeHash } from './hash-source';
export { generateInclusionProof, verifyInclusion, rootFromInclusionProof } from './inclusion-proof';
export { generateConsistencyProof, verifyConsistency } from './consistency-proof';
export { MemoryTree } from './memory-tree';
export { type NoteSignature, type SignedNote, parseSignedNote, formatSignedNote, isValidKeyName } from './signed-note';
export { type NoteSigner, type NoteVerifier, type NoteKeyAlgorithm, type NoteKeyOptions, createNoteSigner, createNoteVerifier, noteKeyId } from './note-keys';
export { type OpenedNote, openSignedNote } from './note-open';
export { type Checkpoint, formatCheckpoint, parseCheckpoint } from './checkpoint';
export { type SignedCheckpoint, signCheckpoint, openCheckpoint } from './signed-checkpoint';
export { TILE_WIDTH, TILE_HEIGHT, tilePath, entryBundlePath, encodeTileIndex } from './tile-path';
export { MAX_ENTRY_SIZE, encodeEntryBundle, decodeEntryBundle } from './entry-bundle';
export { TileLog, CHECKPOINT_FILE, type TileLogOptions, type AppendResult } from './tile-log';
export { Batcher, type BatchSink, type BatcherOptions, type Added } from './batcher';
export { type InclusionStep, type InclusionWalk, inclusionWalk } from './inclusion-steps';
export { type EntryView, type BodyView, type ProofView, type CheckpointView, viewLogEntry, viewCheckpoint } from './entry-view';
export { type EntryVerification, type EntryCheck, type EntryCheckName, verifyEntry } from './verify-entry';
export { type MonitorVerdict, type TrustedCheckpoint, judgeCheckpoint, trustCheckpoint, isAlarm } from './monitor';
