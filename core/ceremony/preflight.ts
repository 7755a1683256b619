// Checks made before a ceremony begins (or resumes) and before the operator confirms anything: outputs in the
// way, inputs that differ from what the transcript recorded, and (once the key store is open) key labels taken,
// existing keys missing, imported certificates that do not match their keys. A refusal here leaves no trace.
import fs from 'node:fs';
import { sha256, toHex } from '../bytes';
import { CeremonyError } from './errors';
import { FINGERPRINTS_FILE } from './fingerprints';
import type { Plan, PlanStep } from './plan-schema';
import type { ResumePoint } from './resume';
import { labelTaken } from './steps/generate-key';
import { checkImportAgainstKeys, readImportedCertificate } from './steps/import-certificate';
import { outputPath } from './steps/outputs';
import type { KeyStore, StepEnv } from './steps/types';
import type { TranscriptEntry, TranscriptFields } from './transcript-entry';

function outputOf(step: PlanStep): string | undefined {
  return step.type === 'generate-key' || step.type === 'existing-key' ? undefined : step.output;
}

/**
 * Steps not yet done. Only the first of them can have left anything behind (a crash mid-step): steps run in
 * order and each stops the run when it fails, so what exists for a later step did not come from this ceremony.
 */
function pendingSteps(plan: Plan, resume: ResumePoint): { first?: PlanStep; later: PlanStep[] } {
  const pending = plan.steps.filter((s) => !resume.completed.has(s.id));
  return { ...(pending[0] ? { first: pending[0] } : {}), later: pending.slice(1) };
}

/** OUTPUT_EXISTS when files the plan will write are already in `dir` and the transcript does not account for them. */
export function checkOutputConflicts(plan: Plan, dir: string, resume: ResumePoint, fresh: boolean): void {
  const { first, later } = pendingSteps(plan, resume);
  const candidates = (fresh ? plan.steps : later).map(outputOf).filter((f): f is string => f !== undefined);
  // fingerprints.txt is written after the last step: a leftover one is legitimate only when every step is done.
  if (fresh || first !== undefined) candidates.push(FINGERPRINTS_FILE);
  const inTheWay = [...new Set(candidates)].filter((f) => !resume.recorded.has(f) && fs.existsSync(outputPath(dir, f)));
  if (inTheWay.length === 0) return;
  throw new CeremonyError(
    'OUTPUT_EXISTS',
    `${dir} already holds ${inTheWay.join(', ')}, which this ceremony would write but its transcript does not record. Nothing was done: move ${inTheWay.length === 1 ? 'it' : 'them'} away, or choose another ceremony directory, and run again.`,
    { details: { files: inTheWay } },
  );
}

/** SHA-256 of each input file, as the begin line records them. */
export function inputDigests(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([name, file]) => [name, toHex(sha256(fs.readFileSync(file)))]));
}

function consumers(plan: Plan, name: string): PlanStep[] {
  return plan.steps.filter((s) => (s.type === 'import-certificate' && s.input === name) || (s.type === 'certificate' && s.csr === name));
}

/**
 * Inputs of a resumed ceremony against the transcript: an input a completed step used must be the very file it
 * used (INPUT_MISMATCH, saying what was recorded and how to start over); one no step used yet may change, and
 * the returned note lines record that it did.
 */
export function checkInputs(plan: Plan, entries: readonly TranscriptEntry[], inputs: Record<string, string>, resume: ResumePoint): TranscriptFields[] {
  if (entries.length === 0) return [];
  const recorded = new Map<string, { sha256: string; line: number }>();
  const begin = entries[0]!;
  const fromBegin = (begin.inputs?.inputs ?? {}) as Record<string, unknown>;
  for (const [name, digest] of Object.entries(fromBegin)) if (typeof digest === 'string') recorded.set(name, { sha256: digest, line: begin.seq });
  for (const e of entries) {
    const d = e.data ?? {};
    if (e.kind === 'note' && typeof d.inputChanged === 'string' && typeof d.sha256 === 'string') recorded.set(d.inputChanged, { sha256: d.sha256, line: e.seq });
  }
  const notes: TranscriptFields[] = [];
  for (const [name, now] of Object.entries(inputDigests(inputs))) {
    const was = recorded.get(name);
    if (was === undefined || was.sha256 === now) continue;
    const usedBy = consumers(plan, name).find((s) => resume.completed.has(s.id));
    if (usedBy) {
      const line = resume.completed.get(usedBy.id)!;
      const file = typeof line.inputs?.file === 'string' ? ` (${line.inputs.file})` : '';
      throw new CeremonyError(
        'INPUT_MISMATCH',
        `Input "${name}" is now ${inputs[name]} (SHA-256 ${now}), but this ceremony recorded a different file${file} (SHA-256 ${was.sha256}, transcript line ${was.line}) and step "${usedBy.id}" already used it (line ${line.seq}). A ceremony continues only with the inputs it used: give that file again with --input ${name}=PATH, or start over in a new ceremony directory (new key labels, or remove the keys this one made).`,
        { details: { input: name, recordedSha256: was.sha256, givenSha256: now, line: was.line } },
      );
    }
    notes.push({ kind: 'note', action: `Input "${name}" now names ${inputs[name]!} (SHA-256 ${now}); no step had used the file recorded on line ${was.line} yet`, data: { inputChanged: name, sha256: now, previousSha256: was.sha256 } });
  }
  return notes;
}

/**
 * With the key store open, before anything is recorded: generate-key labels not taken (except by the first
 * pending step of a resumed run, which may have made its key before a crash), existing keys present, the store
 * able to make keys, and imported certificates matching the keys they will sign with.
 */
export async function checkKeyStore(plan: Plan, env: StepEnv, store: KeyStore, resume: ResumePoint, fresh: boolean): Promise<void> {
  const pending = plan.steps.filter((s) => !resume.completed.has(s.id));
  const first = pending[0];
  if (pending.some((s) => s.type === 'generate-key')) store.checkCanGenerate?.();
  for (const step of pending) {
    if (step.type === 'generate-key') {
      // Looked up for every pending step, so an unreadable file in the way is named now, before anything starts.
      const found = await store.findKey(step.label);
      if (found && (fresh || step !== first)) throw labelTaken(step.label, store.description);
    }
    if (step.type === 'existing-key' && !(await store.findKey(step.label))) {
      throw new CeremonyError('STEP_FAILED', `Step "${step.id}" needs the existing key "${step.label}", and there is no key with that label on ${store.description}. Nothing was done.`, { details: { label: step.label } });
    }
    if (step.type === 'import-certificate') await checkImportAgainstKeys(step, readImportedCertificate(step, env), env, (label) => store.findKey(label));
  }
}

/** Whether any step still to run, or the digest signature, needs the key store. */
export function needsKeyStore(plan: Plan, resume: ResumePoint): boolean {
  const pending = plan.steps.filter((s) => !resume.completed.has(s.id));
  return pending.some((s) => s.type === 'generate-key' || s.type === 'existing-key' || s.type === 'certificate') || (plan.signDigestWith !== undefined && !resume.digestSigned);
}
