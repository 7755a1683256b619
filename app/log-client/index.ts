// The Rekor v1 client and, re-exported for its users, core's pure entry view and verification.
export { RekorClient, type FetchLike, type UuidEntry } from './rekor-client';
export { LogClientError, type LogClientErrorCode } from './errors';
export { viewLogEntry, viewCheckpoint, type EntryView, type BodyView, type ProofView, type CheckpointView } from '../../core/tlog/entry-view';
export { verifyEntry, type EntryVerification, type EntryCheck, type EntryCheckName } from '../../core/tlog/verify-entry';
export type { LogEntryWire, LogInfoWire, ConsistencyProofWire, InclusionProofWire } from '../../core/tlog/rekor/wire';
export { summarizeEntry, summarizeVerifier, entryIdentities, entryText, type EntrySummary, type BodySummary, type VerifierSummary } from './entry-json';
export { pollLog, loadMonitorState, saveMonitorState, type MonitorState, type PollOutcome, type IdentityMatch } from './monitor';
export { judgeCheckpoint, trustCheckpoint, isAlarm, type MonitorVerdict, type TrustedCheckpoint } from '../../core/tlog/monitor';
