// The ceremony service: presets, plan loading, a step-by-step ceremony session (the GUI drives one step at a
// time: start, confirm each step, give the PIN when asked, cancel), transcript verification and the linter.
// The PIN travels only in providePin and is never part of a response.
import { z } from 'zod';

const pathString = z.string().min(1, 'path is empty').max(4096);
const sessionId = z.string().regex(/^[0-9a-f]{32}$/, 'not a ceremony session id');
const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and "-"');
export const lintProfiles = ['root-ca', 'fulcio-intermediate', 'tsa-intermediate', 'tsa-leaf', 'fulcio-leaf'] as const;

export const ceremonySchemas = {
  listPresets: z.object({}).strict(),
  /** `plan`: a preset name (e.g. "root-and-intermediate") or a plan file path. */
  loadPlan: z.object({ plan: pathString }).strict(),
  start: z
    .object({
      plan: pathString,
      /** The ceremony directory; an existing one with a transcript of the same plan is resumed. */
      out: pathString,
      module: pathString.optional(),
      token: z.string().min(1).max(32),
      operator: z.string().min(1).max(200).optional(),
      witnesses: z.array(z.string().min(1).max(200)).max(20).optional(),
      /** Plan inputs: name -> file path. */
      inputs: z.record(name, pathString).optional(),
      /**
       * Conditions the operator acknowledged before starting (e.g. a network interface up during a rehearsal):
       * recorded with the confirmation on every step line of the transcript.
       */
      acknowledgements: z.array(z.string().min(1).max(300).regex(/^[^\r\n]*$/, 'one line of text')).max(10).optional(),
      /** The operator confirmed using a non-empty directory that holds no transcript of this plan (else DIR_NOT_EMPTY). */
      allowUnrelatedFiles: z.boolean().optional(),
    })
    .strict(),
  /**
   * What Start would meet, without starting: each input parsed (subject and SHA-256 for the witnesses), the
   * output directory's state (new, empty, this plan's transcript, another plan's, unrelated files).
   */
  check: z.object({ plan: pathString, out: z.string().max(4096), inputs: z.record(name, z.string().max(4096)).optional() }).strict(),
  /** Ceremony sessions still running in this backend (a reloaded or reopened window finds them here). */
  sessions: z.object({}).strict(),
  getState: z.object({ sessionId }).strict(),
  /** Answers the pending confirmation of `stepId`: accept runs it, decline stops the ceremony (resumable). */
  confirm: z.object({ sessionId, stepId: name, accept: z.boolean() }).strict(),
  providePin: z.object({ sessionId, pin: z.string().min(4, 'PIN must have at least 4 characters').max(255) }).strict(),
  cancel: z.object({ sessionId }).strict(),
  verify: z.object({ dir: pathString }).strict(),
  lint: z.object({ cert: pathString, profile: z.enum(lintProfiles), issuer: pathString.optional() }).strict(),
  /** The transcript of the ceremony in `dir`, decoded line by line (and raw), as far as it has been written. */
  transcript: z.object({ dir: pathString }).strict(),
  /** The certificates the ceremony in `dir` has signed or imported so far, decoded (core/pki viewCertificate). */
  certificates: z.object({ dir: pathString }).strict(),
} as const;

export type CeremonyStepType = 'generate-key' | 'existing-key' | 'import-certificate' | 'certificate' | 'public-key' | 'chain';

export interface PresetSummary {
  name: string;
  title: string;
  file: string;
  steps: number;
  inputs: string[];
}

export interface PlanStepView {
  id: string;
  type: CeremonyStepType;
  title: string;
  /** What the step will do, as shown before it is confirmed. */
  description: string;
  /** The step's parameters as the plan gives them (present when the step type has them). */
  label?: string;
  algorithm?: string;
  profile?: string;
  key?: string;
  csr?: string;
  subjectFrom?: string;
  issuer?: string;
  issuerKey?: string;
  subject?: { commonName: string; organization: string; organizationalUnit?: string; country?: string };
  validity?: { years?: number; days?: number; notBefore?: string };
  pathLen?: number;
  input?: string;
  certificates?: string[];
  output?: string;
}

export interface PlanView {
  name: string;
  title: string;
  description?: string;
  file: string;
  sha256: string;
  inputs: { name: string; description: string; defaultPath?: string }[];
  steps: PlanStepView[];
  /** Subjects (RFC 4514 strings) that are placeholders (an "Example" name): to be changed before a real ceremony. */
  exampleSubjects: string[];
}

/** One plan input as Start would read it. */
export interface InputCheck {
  name: string;
  /** Absolute path, when the input names one. */
  file?: string;
  /** SHA-256 of the file's bytes (recorded on the begin line). */
  fileSha256?: string;
  /** Set when the input is a certificate that was parsed: what the witnesses compare. */
  certificate?: { subject: string; issuer: string; sha256: string; notAfter: string };
  /** Why Start would refuse this input. */
  problem?: { code: string; message: string };
}

export type DirState = 'unset' | 'new' | 'empty' | 'resume' | 'complete' | 'other-plan' | 'unrelated' | 'not-a-directory';

export interface CeremonyCheck {
  inputs: InputCheck[];
  dir: { path: string; state: DirState; message: string; files?: string[] };
}

export type SessionStatus = 'running' | 'awaiting-confirmation' | 'awaiting-pin' | 'complete' | 'failed' | 'cancelled';
export type StepStatus = 'pending' | 'running' | 'done' | 'already-done' | 'failed' | 'declined';

export interface CeremonySessionState {
  sessionId: string;
  status: SessionStatus;
  plan: { name: string; title: string };
  dir: string;
  token: string;
  steps: { id: string; type: CeremonyStepType; title: string; status: StepStatus; action?: string; outputs?: string[] }[];
  /** Set while status is awaiting-confirmation. */
  pending?: { stepId: string; index: number; total: number; title: string; description: string };
  /** Who is in the room for this session (recorded on each line it writes). */
  operator?: string;
  witnesses?: string[];
  /** Set while status is awaiting-pin after a wrong PIN. */
  pinError?: { code: string; message: string };
  /** Progress lines, oldest first. */
  log: string[];
  result?: { digest: string; digestWords: string; outputs: string[]; resumed: boolean; alreadyComplete: boolean; signedBy?: string };
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

export interface VerifyReport {
  ok: boolean;
  dir: string;
  lines: number;
  complete: boolean;
  digest: string | null;
  digestWords: string | null;
  steps: string[];
  outputs: string[];
  signatures: { line: number; keyLabel: string; digest: string }[];
  problems: { line: number; code: string; message: string }[];
}

export interface LintReport {
  ok: boolean;
  file: string;
  profile: (typeof lintProfiles)[number];
  findings: { rule: string; severity: 'error' | 'warning'; field: string; message: string; source: string }[];
}

/** One transcript line as a person reads it: when, what, which step, which files (raw JSON in `raw`). */
export interface TranscriptLineView {
  seq: number;
  time: string;
  kind: 'begin' | 'step' | 'ack' | 'note' | 'end' | 'digest-signature';
  step?: string;
  action: string;
  operator?: string;
  witnesses?: string[];
  outputs: { file: string; sha256: string }[];
  /** Set on a line that generated, adopted or found a key. */
  key?: { label: string; algorithm: string; uri?: string; spkiSha256: string; words: string };
  /** Set on a line that signed or imported a certificate. */
  certificate?: { subject: string; issuer: string; sha256: string; words: string };
  /** How the step was confirmed (and what the operator acknowledged). */
  confirmation?: string;
  hash: string;
  raw: string;
}

export interface CeremonyTranscriptView {
  dir: string;
  lines: TranscriptLineView[];
  /** Hash of the last line, or null when the transcript is empty or absent. */
  digest: string | null;
  /** Whether every line chains to the one before it. */
  chainOk: boolean;
}

/** A certificate of the ceremony, decoded (RFC 5280 4.1, 4.2.1). */
export interface CeremonyCertificateView {
  step: string;
  file: string;
  subject: string;
  issuer: string;
  selfIssued: boolean;
  serialHex: string;
  notBefore: string;
  notAfter: string;
  publicKey: string;
  signatureAlgorithm: string;
  basicConstraints?: { critical: boolean; ca: boolean; pathLen?: number };
  keyUsage?: { critical: boolean; usages: string[] };
  extKeyUsage?: { critical: boolean; usages: { oid: string; name: string }[] };
  subjectKeyIdHex?: string;
  authorityKeyIdHex?: string;
  /** SHA-256 of the DER certificate, and its first 8 bytes as words. */
  fingerprint: { sha256Hex: string; words: string };
  pem: string;
}

export interface CeremonyResponses {
  listPresets: { presets: PresetSummary[] };
  loadPlan: PlanView;
  start: CeremonySessionState;
  check: CeremonyCheck;
  sessions: { sessions: CeremonySessionState[] };
  getState: CeremonySessionState;
  confirm: CeremonySessionState;
  providePin: CeremonySessionState;
  cancel: CeremonySessionState;
  verify: VerifyReport;
  lint: LintReport;
  transcript: CeremonyTranscriptView;
  certificates: { dir: string; certificates: CeremonyCertificateView[] };
}
