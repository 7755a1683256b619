// What `rootsmith tuf verify` reports: per role, the version, expiry and signatures against the threshold, and
// which engine (Rootsmith's own checks, or the real tuf-js client) checked what.
export type VerifyEngine = 'rootsmith' | 'tuf-js';

export interface SignatureCount {
  valid: number;
  threshold: number;
  signedBy: string[];
}

export interface RootVersionCheck {
  version: number;
  name: string;
  expires: string;
  /** Against the previous root's root role (absent for the trusted first root). */
  byPrevious: SignatureCount | null;
  bySelf: SignatureCount;
  ok: boolean;
  errors: string[];
}

export interface RoleCheck {
  role: string;
  version: number | null;
  expires: string | null;
  signatures: SignatureCount | null;
  ok: boolean;
}

export interface TargetCheck {
  path: string;
  role: string;
  length: number;
  sha256: string | null;
  ok: boolean;
}

export interface VerifyFailure {
  engine: VerifyEngine;
  code: string;
  /** The role and version at fault (null when unknown, e.g. a file that does not parse). */
  role: string | null;
  version: number | null;
  message: string;
}

export interface ClientEngineResult {
  ran: boolean;
  /** Why it did not run (a reference time in the past, an earlier failure...). */
  reason?: string;
  ok?: boolean;
  versions?: Record<string, number>;
  targets?: { path: string; length: number; sha256: string }[];
}

export interface VerifyReport {
  ok: boolean;
  repo: string;
  at: string;
  rootChain: { ok: boolean; versions: RootVersionCheck[] };
  roles: RoleCheck[];
  targets: TargetCheck[];
  failures: VerifyFailure[];
  engines: {
    rootsmith: { checked: string };
    tufJs: ClientEngineResult;
  };
}
