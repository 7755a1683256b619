// The log monitor's judgement (pure): given the checkpoint it trusted last and a new signed one, check the new
// one's signature and origin and, when the tree grew, the consistency proof (RFC 9162 2.1.4.2). A log that
// shrinks (rollback) or shows two different trees (split view) is reported as such, never as an error to ignore.
import { toHex } from '../bytes';
import { verifyConsistency } from './consistency-proof';
import type { NoteVerifier } from './note-keys';
import { openCheckpoint } from './signed-checkpoint';

/** What the monitor keeps of a checkpoint it has verified. */
export interface TrustedCheckpoint {
  origin: string;
  size: number;
  /** hex root hash. */
  rootHash: string;
}

export type MonitorVerdict =
  | { status: 'consistent'; previous: TrustedCheckpoint; current: TrustedCheckpoint }
  | { status: 'unchanged'; previous: TrustedCheckpoint; current: TrustedCheckpoint }
  | { status: 'rollback'; previous: TrustedCheckpoint; current: TrustedCheckpoint; message: string }
  | {
      status: 'split-view';
      previous: TrustedCheckpoint;
      current: TrustedCheckpoint;
      reason: 'different-root' | 'inconsistent-proof';
      message: string;
    }
  | { status: 'invalid-checkpoint'; previous: TrustedCheckpoint; message: string };

/** True for the verdicts a monitor must shout about (and exit non-zero on). */
export function isAlarm(v: MonitorVerdict): boolean {
  return v.status === 'rollback' || v.status === 'split-view' || v.status === 'invalid-checkpoint';
}

/** Opens a first checkpoint (trust on first use): signature and, when given, origin. Throws like openCheckpoint. */
export function trustCheckpoint(envelope: string, verifiers: readonly NoteVerifier[], origin?: string): TrustedCheckpoint {
  const cp = openCheckpoint(envelope, verifiers, origin).checkpoint;
  return { origin: cp.origin, size: cp.size, rootHash: toHex(cp.rootHash) };
}

/**
 * Judges `envelope` against `previous`. `proof` is the consistency proof from previous.size to the new size
 * (needed only when the tree grew from a non-empty one; fetch it after reading the new size).
 */
export function judgeCheckpoint(
  previous: TrustedCheckpoint,
  envelope: string,
  verifiers: readonly NoteVerifier[],
  proof: readonly Uint8Array[] | undefined,
): MonitorVerdict {
  let current: TrustedCheckpoint;
  try {
    current = trustCheckpoint(envelope, verifiers, previous.origin);
  } catch (e) {
    return { status: 'invalid-checkpoint', previous, message: `The new checkpoint does not verify: ${(e as Error).message}` };
  }
  if (current.size < previous.size) {
    return { status: 'rollback', previous, current, message: `ROLLBACK: the log shrank from ${previous.size} to ${current.size} entries.` };
  }
  if (current.size === previous.size) {
    if (current.rootHash === previous.rootHash) return { status: 'unchanged', previous, current };
    return {
      status: 'split-view',
      previous,
      current,
      reason: 'different-root',
      message: `SPLIT VIEW: two different trees of size ${current.size} (roots ${previous.rootHash} and ${current.rootHash}).`,
    };
  }
  if (previous.size === 0) return { status: 'consistent', previous, current };
  try {
    verifyConsistency(previous.size, current.size, proof ?? [], Buffer.from(previous.rootHash, 'hex'), Buffer.from(current.rootHash, 'hex'));
  } catch (e) {
    return {
      status: 'split-view',
      previous,
      current,
      reason: 'inconsistent-proof',
      message: `SPLIT VIEW: the tree of ${current.size} does not extend the trusted tree of ${previous.size} (${(e as Error).message}).`,
    };
  }
  return { status: 'consistent', previous, current };
}
