// The stack service: the embedded private Sigstore (log, TSA, CA, test OIDC issuer, TUF mirror) started from the
// GUI, its URLs, health and live counts, and a rehearsal that signs a file with the real client and verifies it.
import { z } from 'zod';

export const stackServiceNames = ['log', 'tsa', 'ca', 'oidc', 'tuf'] as const;

export const stackSchemas = {
  status: z.object({}).strict(),
  start: z
    .object({
      dataDir: z.string().min(1).max(4096).optional(),
      services: z.array(z.enum(stackServiceNames)).min(1).optional(),
    })
    .strict(),
  stop: z.object({}).strict(),
  rehearse: z
    .object({
      fileName: z.string().min(1).max(255),
      /** The file's bytes, base64; at most 8 MiB. */
      contentBase64: z.string().max(12 * 1024 * 1024),
      email: z.string().email('an email address').max(254),
    })
    .strict(),
} as const;

export interface StackServiceStatus {
  name: (typeof stackServiceNames)[number];
  url: string;
  healthy: boolean;
  stats: Record<string, number>;
}

export interface StackStatus {
  running: boolean;
  dataDir: string | null;
  services: StackServiceStatus[];
  /** Everything `rootsmith serve` would print on its JSON line (ctlog, tufRoot, trustedRoot...). */
  announced: Record<string, string>;
}

export interface RehearsalView {
  fileName: string;
  verified: { identity: string; issuer: string };
  digest?: { algorithm: string; hex: string };
  certificate?: {
    subject: string;
    issuer: string;
    serialHex: string;
    notBefore: string;
    notAfter: string;
    sans: { type: string; value: string }[];
    oidcIssuer?: string;
    keyDescription: string;
    sha256: string;
  };
  tlogEntries: { logIndex: string; logIdHex: string; integratedTime: string; kind: string; version: string; inclusionProof: boolean; inclusionPromise: boolean; treeSize?: string }[];
  timestamps: { genTime: string; policyOid: string; serialHex: string; tsaName?: string }[];
  bundleJson: string;
}

export interface StackResponses {
  status: StackStatus;
  start: StackStatus;
  stop: StackStatus;
  rehearse: RehearsalView;
}
