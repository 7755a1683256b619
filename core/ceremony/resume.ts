// Resuming a ceremony from its transcript: the transcript must be of this very plan (its SHA-256 is on the
// begin line), its chain (checked by Transcript.open) and every output it records must verify, and then each
// step with a `step` line is done; the engine restores their results and carries on at the first step without one.
import { CeremonyError } from './errors';
import type { LoadedPlan } from './plan-load';
import type { Transcript } from './transcript';
import type { TranscriptEntry } from './transcript-entry';
import { checkOutputs } from './transcript-verify';

export interface ResumePoint {
  /** Step id -> the line that recorded it. */
  completed: Map<string, TranscriptEntry>;
  /** Output files the transcript records. */
  recorded: Set<string>;
  /** The `end` line, when the ceremony already finished. */
  endLine?: TranscriptEntry;
  digestSigned: boolean;
}

export function prepareResume(transcript: Transcript, dir: string, loaded: LoadedPlan): ResumePoint {
  const entries = transcript.entries;
  const point: ResumePoint = { completed: new Map(), recorded: new Set(), digestSigned: false };
  if (entries.length === 0) return point;
  const begin = entries[0]!;
  if (begin.kind !== 'begin' || begin.inputs?.planSha256 !== loaded.sha256) {
    throw new CeremonyError(
      'TRANSCRIPT_MISMATCH',
      `The transcript in ${dir} belongs to ${begin.inputs?.plan !== undefined ? `plan "${String(begin.inputs.plan)}"` : 'another plan'} with a different plan file; a ceremony resumes only with the exact plan it began with. Use a new directory for a new plan.`,
      { details: { line: 1 } },
    );
  }
  // Transcript.open already verified the chain; what is left to check is every output it records.
  const p = checkOutputs(dir, entries)[0];
  if (p) {
    throw new CeremonyError(p.code, `Cannot resume: ${p.message}`, { details: { line: p.line } });
  }
  const ids = new Set(loaded.plan.steps.map((s) => s.id));
  for (const e of entries) {
    if (e.kind === 'step' && e.step !== undefined) {
      if (!ids.has(e.step)) throw new CeremonyError('TRANSCRIPT_MISMATCH', `Line ${e.seq} records step "${e.step}", which this plan does not have.`, { details: { line: e.seq } });
      point.completed.set(e.step, e);
    }
    e.outputs?.forEach((o) => point.recorded.add(o.file));
    if (e.kind === 'end') point.endLine = e;
    if (e.kind === 'digest-signature') point.digestSigned = true;
  }
  return point;
}
