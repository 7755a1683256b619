// Runs a validated ceremony plan step by step: confirm, do, record. The same engine serves the CLI and the GUI
// through CeremonyUi. Every step's result is appended (fsynced) to the hash-chained transcript before the next
// step starts, so re-running the plan after a crash resumes at the first unfinished step (see resume.ts).
import fs from 'node:fs';
import path from 'node:path';
import { bytesEqual, fromHex, sha256, toBase64, toHex } from '../bytes';
import type { Clock } from '../clock';
import { errorInfo } from '../errors';
import { fingerprint, spkiToPem } from '../keys/spki';
import { digestWords } from './digest-words';
import { writeFingerprints } from './fingerprints';
import { CeremonyError } from './errors';
import type { LoadedPlan } from './plan-load';
import type { PlanStep, StepType } from './plan-schema';
import { checkInputs, checkKeyStore, checkOutputConflicts, inputDigests, needsKeyStore } from './preflight';
import { prepareResume } from './resume';
import { handlerFor } from './steps';
import { pemLines } from './steps/pem-lines';
import type { CeremonyState, KeyStore, StepEnv } from './steps/types';
import { Transcript } from './transcript';
import type { TranscriptEntry, TranscriptFields } from './transcript-entry';

export const TRANSCRIPT_FILE = 'transcript.jsonl';

export interface StepView {
  id: string;
  type: StepType;
  title: string;
  /** 0-based position in the plan. */
  index: number;
  total: number;
}

export type CeremonyEvent =
  | { type: 'begin'; resumed: boolean; completed: string[]; transcript: string }
  | { type: 'step-skipped'; step: StepView; reason: 'already-done' }
  | { type: 'step-start'; step: StepView; description: string }
  | { type: 'step-done'; step: StepView; action: string; outputs: string[] }
  | { type: 'key-found'; stepId: string; label: string }
  | { type: 'end'; digest: string; words: string; signedBy?: string };

/** How a front end takes part: confirmations, the PIN (asked once, when first needed), progress. */
export interface CeremonyUi {
  confirm(step: StepView, description: string): Promise<boolean>;
  pin(): Promise<string>;
  progress(event: CeremonyEvent): void;
}

export interface CeremonyOptions {
  plan: LoadedPlan;
  /** The ceremony directory: every output and the transcript. */
  dir: string;
  /** Plan inputs as absolute paths (resolveInputs). */
  inputs: Record<string, string>;
  ui: CeremonyUi;
  /**
   * Opens the key store, at most once per run, when the first step needs it. Call `pin` for the PIN (it asks
   * the user then); a store that is already logged in need not call it.
   */
  openKeyStore(pin: () => Promise<string>): Promise<KeyStore>;
  clock: Clock;
  operator?: string;
  witnesses?: string[];
  /** How confirmations are given, recorded on each step line (default "confirmed by the operator"). */
  confirmation?: string;
  /**
   * Conditions the operator acknowledged before this run (e.g. a network interface up during a rehearsal): each
   * is written once, as its own `ack` line, right after the ceremony begins or resumes.
   */
  acknowledgements?: string[];
  /** Called after a step's line is on disk (the CLI's test seam to stop at an exact point). */
  afterStep?(stepId: string): Promise<void>;
  /**
   * Open the key store (asking for the PIN) and check it before the ceremony begins or resumes and before step 1
   * is confirmed: module, token, PIN, labels taken, existing keys, imports against their keys (the CLI). Without
   * it the store opens when the first step needs it, after that step is confirmed (the GUI wizard).
   */
  openKeyStoreFirst?: boolean;
  /** Where new keys are made, for the step descriptions (default: a token). */
  keyLocation?: 'token' | 'files';
}

export interface CeremonyResult {
  dir: string;
  transcript: string;
  resumed: boolean;
  /** True when the transcript was already complete and nothing was done. */
  alreadyComplete: boolean;
  steps: { id: string; type: StepType; status: 'done' | 'already-done'; action: string; outputs: string[] }[];
  /** Hash of the `end` line: the digest read aloud (and signed when the plan says so). */
  digest: string;
  digestWords: string;
  signedBy?: string;
  outputs: string[];
}

export function stepTitle(step: PlanStep): string {
  return step.title ?? `${step.type} ${step.id}`;
}

export async function runCeremony(opts: CeremonyOptions): Promise<CeremonyResult> {
  const { plan: loaded, dir, ui, clock } = opts;
  const plan = loaded.plan;
  checkCeremonyDir(dir);
  const transcriptFile = path.join(dir, TRANSCRIPT_FILE);
  const newTranscript = !fs.existsSync(transcriptFile);
  const transcript = Transcript.open(transcriptFile, clock);
  const people = { ...(opts.operator ? { operator: opts.operator } : {}), ...(opts.witnesses?.length ? { witnesses: opts.witnesses } : {}) };
  const state: CeremonyState = { keys: new Map(), certs: new Map() };
  const recorded = new Set<string>();
  let store: KeyStore | undefined;
  const restoredKeys: { stepId: string; line: number }[] = [];
  // Key-found notes wait until the begin/resume line is written, so the transcript reads in order.
  const foundNotes: { stepId: string; label: string; fields: TranscriptFields }[] = [];
  let started = false;
  const flushFound = (): void => {
    for (const f of foundNotes.splice(0)) {
      transcript.append(f.fields);
      ui.progress({ type: 'key-found', stepId: f.stepId, label: f.label });
    }
  };

  const keyStore = async (): Promise<KeyStore> => {
    if (store) return store;
    // The PIN is asked for here, when first needed, and lives only in the store's login call.
    store = await opts.openKeyStore(() => ui.pin());
    // Keys recorded by an earlier run must still be on the token and be the same keys: "found", never regenerated.
    for (const { stepId, line } of restoredKeys) {
      const want = state.keys.get(stepId)!;
      const got = await store.findKey(want.label);
      if (!got || !bytesEqual(got.spki, want.spki)) {
        throw new CeremonyError('KEY_MISMATCH', `The key "${want.label}" recorded on transcript line ${line} is ${got ? 'no longer the same key' : 'no longer'} on ${store.description}; refusing to continue.`, { details: { label: want.label, line } });
      }
      foundNotes.push({ stepId, label: want.label, fields: { kind: 'note', step: stepId, action: `Found the key "${want.label}" on ${store.description}, matching the record on line ${line}`, ...people, data: { spkiSha256: toHex(sha256(got.spki)) } } });
    }
    if (started) flushFound();
    return store;
  };

  try {
    const resume = prepareResume(transcript, dir, loaded);
    resume.recorded.forEach((f) => recorded.add(f));
    const fresh = transcript.entries.length === 0;
    const env: StepEnv = { plan, dir, inputs: opts.inputs, clock, state, keyStore, recorded, resuming: !fresh, keyLocation: opts.keyLocation ?? 'token' };
    const total = plan.steps.length;
    const view = (step: PlanStep, index: number): StepView => ({ id: step.id, type: step.type, title: stepTitle(step), index, total });
    const results: CeremonyResult['steps'] = [];

    // What earlier runs did, rebuilt from the transcript before anything new happens.
    for (const step of plan.steps) {
      const done = resume.completed.get(step.id);
      if (!done) continue;
      handlerFor(step).restore(step, done, env);
      if (step.type === 'generate-key' || step.type === 'existing-key') restoredKeys.push({ stepId: step.id, line: done.seq });
    }

    // Preflight: nothing is recorded and nothing confirmed until these pass (preflight.ts). A refused fresh
    // ceremony leaves no transcript behind, so the next attempt starts fresh too.
    let inputNotes: TranscriptFields[];
    try {
      inputNotes = checkInputs(plan, transcript.entries, opts.inputs, resume);
      if (!resume.endLine) checkOutputConflicts(plan, dir, resume, fresh);
      if (opts.openKeyStoreFirst && needsKeyStore(plan, resume)) await checkKeyStore(plan, env, await keyStore(), resume, fresh);
    } catch (e) {
      if (newTranscript && transcript.entries.length === 0) fs.rmSync(transcriptFile, { force: true });
      throw e;
    }

    if (fresh) {
      transcript.append({
        kind: 'begin',
        action: `Ceremony "${plan.title}" begins`,
        ...people,
        inputs: { plan: plan.name, planSha256: loaded.sha256, ...(loaded.file ? { planFile: path.basename(loaded.file) } : {}), inputs: inputDigests(opts.inputs) },
        data: { steps: plan.steps.map((s) => s.id) },
      });
    } else if (!resume.endLine) {
      transcript.append({ kind: 'note', action: `Ceremony resumed: ${resume.completed.size} of ${total} steps were already done`, ...people });
    }
    started = true;
    if (!resume.endLine) for (const note of inputNotes) transcript.append({ ...note, ...people });
    flushFound();
    for (const ack of opts.acknowledgements ?? []) transcript.append({ kind: 'ack', action: `The operator acknowledged: ${ack}`, ...people });
    ui.progress({ type: 'begin', resumed: resume.completed.size > 0 || resume.endLine !== undefined, completed: [...resume.completed.keys()], transcript: transcript.file });

    for (const [index, step] of plan.steps.entries()) {
      const done = resume.completed.get(step.id);
      const handler = handlerFor(step);
      if (done) {
        results.push({ id: step.id, type: step.type, status: 'already-done', action: done.action, outputs: (done.outputs ?? []).map((o) => o.file) });
        ui.progress({ type: 'step-skipped', step: view(step, index), reason: 'already-done' });
        continue;
      }
      const description = handler.describe(step, env);
      ui.progress({ type: 'step-start', step: view(step, index), description });
      if (!(await ui.confirm(view(step, index), description))) {
        // A pause, not a verdict on the step: nothing of it was done, and resume (resume.ts) reads only `step`
        // lines, so the next run starts at this very step. `data.stopped` lets a reader tell this note apart.
        transcript.append({ kind: 'note', step: step.id, action: `The operator stopped the ceremony before step "${step.id}" ran; nothing of that step was done, and running the ceremony again resumes there`, ...people, data: { stopped: 'before-step' } });
        throw new CeremonyError('CONFIRMATION_REFUSED', `The ceremony stopped before step "${step.id}" (the operator did not proceed); nothing of that step was done. Run it again to resume at this step.`, { details: { step: step.id } });
      }
      let outcome;
      try {
        outcome = await handler.run(step, env);
      } catch (e) {
        const info = errorInfo(e);
        transcript.append({ kind: 'note', step: step.id, action: `Step "${step.id}" failed: ${info.message} [${info.code}]`, ...people });
        throw e;
      }
      transcript.append({
        kind: 'step',
        step: step.id,
        action: outcome.action,
        ...people,
        inputs: outcome.inputs,
        outputs: outcome.outputs,
        data: { ...outcome.data, confirmation: opts.confirmation ?? 'confirmed by the operator' },
      });
      outcome.outputs.forEach((o) => recorded.add(o.file));
      results.push({ id: step.id, type: step.type, status: 'done', action: outcome.action, outputs: outcome.outputs.map((o) => o.file) });
      ui.progress({ type: 'step-done', step: view(step, index), action: outcome.action, outputs: outcome.outputs.map((o) => o.file) });
      if (opts.afterStep) await opts.afterStep(step.id);
    }

    let endLine = resume.endLine;
    if (!endLine) {
      const fingerprints = writeFingerprints(dir, plan, state, recorded);
      recorded.add(fingerprints.file);
      endLine = transcript.append({ kind: 'end', action: `Ceremony "${plan.title}" complete`, ...people, outputs: [fingerprints], data: { outputs: [...recorded].sort() } });
    }
    let signedBy: string | undefined;
    if (plan.signDigestWith !== undefined) {
      signedBy = plan.signDigestWith;
      if (!resume.digestSigned) await signDigest(endLine, plan.signDigestWith);
    }
    const words = digestWords(endLine.hash);
    ui.progress({ type: 'end', digest: endLine.hash, words, ...(signedBy ? { signedBy } : {}) });
    return {
      dir,
      transcript: transcript.file,
      resumed: resume.completed.size > 0,
      alreadyComplete: resume.endLine !== undefined && (plan.signDigestWith === undefined || resume.digestSigned),
      steps: results,
      digest: endLine.hash,
      digestWords: words,
      ...(signedBy ? { signedBy } : {}),
      outputs: [...recorded].sort(),
    };
  } finally {
    store?.close();
  }

  async function signDigest(endLine: TranscriptEntry, keyStep: string): Promise<void> {
    const key = state.keys.get(keyStep)!;
    const signer = await (await keyStore()).signer(key.label);
    const signature = await signer.sign(fromHex(endLine.hash));
    transcript.append({
      kind: 'digest-signature',
      step: keyStep,
      action: `Signed the transcript digest with "${key.label}"`,
      ...people,
      data: { digest: endLine.hash, signature: toBase64(signature), keyLabel: key.label, spkiSha256: fingerprint(key.spki).sha256Hex, publicKeyPem: pemLines(spkiToPem(key.spki)) },
    });
  }
}

/** The ceremony directory must be a directory (made when absent); CEREMONY_DIR_INVALID naming the path otherwise. */
function checkCeremonyDir(dir: string): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw e;
  }
  if (stat && !stat.isDirectory()) {
    throw new CeremonyError('CEREMONY_DIR_INVALID', `${dir} is a file; the ceremony directory must be a directory (a new one, or the one holding this ceremony's transcript).`, { details: { path: dir } });
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST') {
      throw new CeremonyError('CEREMONY_DIR_INVALID', `The ceremony directory ${dir} cannot be made: a part of its path is a file, a directory was expected.`, { cause: e, details: { path: dir } });
    }
    throw e;
  }
}
