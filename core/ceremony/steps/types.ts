// What every ceremony step works with: the KeyStore seam (a PKCS#11 token or software key files), the state
// earlier steps left behind, and the outcome a step reports for its transcript line.
import type { Clock } from '../../clock';
import type { KeyAlgorithm, Signer } from '../../keys/signer';
import type { TranscriptEntry, TranscriptOutput } from '../transcript-entry';
import type { Plan, PlanStep } from '../plan-schema';

export interface KeyRecord {
  label: string;
  algorithm: KeyAlgorithm;
  /** DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  /** RFC 7512 URI or file path: how to name the key later. */
  uri: string;
  /** Read back from the token: false for a key that can never leave it (null when the store cannot say). */
  extractable: boolean | null;
  sensitive: boolean | null;
}

/** Where a ceremony's keys live. The engine does not care whether it is an HSM or software key files. */
export interface KeyStore {
  /** e.g. 'token "ceremony" via /usr/lib/softhsm/libsofthsm2.so'. */
  readonly description: string;
  /** True for an HSM: keys must then read back sensitive and non-extractable. False for rehearsal key files. */
  readonly hardware: boolean;
  findKey(label: string): Promise<KeyRecord | null>;
  /** Generates a non-extractable key pair; KEY_LABEL_EXISTS when the label is taken. */
  generateKey(label: string, algorithm: KeyAlgorithm): Promise<KeyRecord>;
  signer(label: string): Promise<Signer>;
  /** Throws when this store could not make a new key as it is opened (software files: a too short passphrase). */
  checkCanGenerate?(): void;
  close(): void;
}

/** What earlier steps produced, by step id. */
export interface CeremonyState {
  keys: Map<string, KeyRecord>;
  certs: Map<string, { der: Uint8Array; file: string }>;
}

export interface StepEnv {
  plan: Plan;
  /** The ceremony directory (outputs and transcript). */
  dir: string;
  /** Plan inputs resolved to absolute file paths. */
  inputs: Record<string, string>;
  clock: Clock;
  state: CeremonyState;
  /** Opens the key store on first use (this is when the PIN is asked for). */
  keyStore(): Promise<KeyStore>;
  /** Where new keys are made: in a token (non-extractable, the default) or, rehearsing, in encrypted key files. */
  keyLocation?: 'token' | 'files';
  /** True when this run continues a transcript an earlier run began (only then is a found key adopted). */
  resuming: boolean;
  /** Outputs recorded in the transcript so far, by file name. */
  recorded: ReadonlySet<string>;
}

export interface StepOutcome {
  /** What was done, for the transcript and the witnesses. */
  action: string;
  inputs: Record<string, unknown>;
  outputs: TranscriptOutput[];
  data: Record<string, unknown>;
}

export interface StepHandler<S extends PlanStep = PlanStep> {
  /** What the step will do, shown before the operator confirms it. */
  describe(step: S, env: StepEnv): string;
  run(step: S, env: StepEnv): Promise<StepOutcome>;
  /** Rebuilds the state a completed step left, from its transcript line (on resume). */
  restore(step: S, entry: TranscriptEntry, env: StepEnv): void;
}
