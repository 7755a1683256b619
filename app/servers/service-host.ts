// What `rootsmith serve` runs: each embedded service (log, tsa, ca, oidc, tuf) is started by a ServiceStarter
// on 127.0.0.1 and returns its URL and a way to stop it. Services share one data directory, one clock.
import type { Clock } from '../../core/clock';

export const serviceNames = ['log', 'tsa', 'ca', 'oidc', 'tuf'] as const;
export type ServiceName = (typeof serviceNames)[number];

export interface ServeContext {
  /** The data directory shared by all services; each keeps its files in its own subdirectory. */
  dataDir: string;
  clock: Clock;
  /** The port to listen on; 0 (the default) picks a free one. */
  port: number;
  /** For a service's secondary listener (the CA's CT log): the port it had last time if free, else 0. */
  portFor?(name: string): Promise<number>;
  /** Options given on the command line for this service (e.g. `key`, `chain`, `policy`), already validated. */
  options: Readonly<Record<string, string | undefined>>;
  /** Secrets (PINs, passphrases) asked for at the moment a service needs one, never from argv. */
  secret(purpose: string, envName?: string): Promise<string>;
  /** Progress and operator messages (stderr for the CLI). */
  log(message: string): void;
  /** What the services started before this one contribute to the trust root (the TUF mirror publishes it). */
  trust?: readonly TrustContribution[];
  /** URLs of services already started in this run (e.g. the CA needs the OIDC issuer's URL). */
  urls: Readonly<Partial<Record<ServiceName, string>>>;
  /**
   * Makes the TUF repository the trust root is published through when DATA/tuf holds none, signing it with the
   * caller's keys (the demo: a 3-of-5 root on an HSM). Without it, a rehearsal repository is made.
   */
  createTrustRepository?(repoDir: string, files: Record<string, Uint8Array>): Promise<void>;
  /** Extra fields for the one JSON line printed when everything is ready (e.g. `tufRoot`). */
  announce(fields: Record<string, string>): void;
}

/**
 * What a running service contributes to the private Sigstore's trust material (trusted_root.json and
 * signing_config.json, published through TUF by `rootsmith serve`).
 */
export type TrustContribution =
  | { kind: 'tlog'; baseUrl: string; publicKeySpki: Uint8Array; validFrom: Date; checkpointKeyId?: Uint8Array }
  | { kind: 'ctlog'; baseUrl: string; publicKeySpki: Uint8Array; validFrom: Date }
  | { kind: 'tsa'; url: string; chainDer: Uint8Array[]; validFrom: Date }
  | { kind: 'ca'; url: string; chainDer: Uint8Array[]; validFrom: Date }
  | { kind: 'oidc'; url: string };

export interface RunningService {
  name: ServiceName;
  url: string;
  /** Keys, chains and URLs clients must trust to use this service (none for the TUF mirror). */
  trust?: TrustContribution[];
  /** Live counters for the GUI's Services screen (entries, tokens issued, certificates...). */
  stats(): Record<string, number>;
  close(): Promise<void>;
}

export type ServiceStarter = (ctx: ServeContext) => Promise<RunningService>;
