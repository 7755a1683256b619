// The stack service: the embedded private Sigstore (log, TSA, CA, test OIDC issuer, TUF mirror) started from the
// GUI, its URLs, health and live counts, and a rehearsal that signs a file with the real client and verifies it.
import { z } from 'zod';
import { pinSchema } from './keys';

export const stackServiceNames = ['log', 'tsa', 'ca', 'oidc', 'tuf'] as const;

const keyRef = z.string().min(1, 'key reference is empty').max(4096);
const filePath = z.string().min(1, 'path is empty').max(4096);
const oid = z.string().regex(/^[0-2](\.(0|[1-9][0-9]*))+$/, 'must be an object identifier such as 1.3.6.1.4.1.57264.2');
const url = z.string().url('must be an http(s) URL').max(2048).refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

interface CeremonyKeys {
  logKey?: string | undefined;
  tsaKey?: string | undefined;
  tsaChain?: string | undefined;
  caKey?: string | undefined;
  caChain?: string | undefined;
  ctlogKey?: string | undefined;
  pin?: string | undefined;
  passphrase?: string | undefined;
}

/** Keys come with their chains, and with the secret that opens them (a PIN for pkcs11: URIs, else a passphrase). */
function checkCeremonyKeys(r: CeremonyKeys, ctx: z.RefinementCtx<CeremonyKeys>): void {
  const pair = (key: 'tsaKey' | 'caKey', chain: 'tsaChain' | 'caChain', what: string) => {
    if (r[key] !== undefined && r[chain] === undefined) ctx.addIssue({ code: 'custom', path: [chain], message: `give the ${what} chain file with its key` });
    if (r[key] === undefined && r[chain] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `give the ${what} key with its chain file` });
  };
  pair('tsaKey', 'tsaChain', 'TSA');
  pair('caKey', 'caChain', 'CA');
  const keys = [r.logKey, r.tsaKey, r.caKey, r.ctlogKey].filter((k): k is string => k !== undefined);
  if (r.pin === undefined && keys.some((k) => k.startsWith('pkcs11:'))) ctx.addIssue({ code: 'custom', path: ['pin'], message: 'enter the token PIN: a key is on a PKCS#11 token' });
  if (r.passphrase === undefined && keys.some((k) => !k.startsWith('pkcs11:'))) ctx.addIssue({ code: 'custom', path: ['passphrase'], message: 'enter the passphrase of the key files' });
}

export const stackSchemas = {
  status: z.object({}).strict(),
  start: z
    .object({
      dataDir: z.string().min(1).max(4096).optional(),
      services: z.array(z.enum(stackServiceNames)).min(1).optional(),
      // Ceremony keys, as `rootsmith serve` takes them (--log-key, --tsa-key...); each one left out: a rehearsal key.
      logKey: keyRef.optional(),
      tsaKey: keyRef.optional(),
      tsaChain: filePath.optional(),
      tsaPolicy: oid.optional(),
      caKey: keyRef.optional(),
      caChain: filePath.optional(),
      ctlogKey: keyRef.optional(),
      oidcIssuer: url.optional(),
      /** The token's user PIN for PKCS#11 keys; used while the services start, never kept or echoed. */
      pin: pinSchema.optional(),
      /** The passphrase of key files; used while the services start, never kept or echoed. */
      passphrase: z.string().min(1, 'passphrase is empty').max(1024).optional(),
    })
    .strict()
    .superRefine(checkCeremonyKeys),
  stop: z.object({}).strict(),
  rehearse: z
    .object({
      fileName: z.string().min(1).max(255),
      /** The file's bytes, base64; at most 8 MiB. */
      contentBase64: z.string().max(12 * 1024 * 1024),
      email: z.string().email('this is not an email address; the test OIDC issuer vouches for an email identity such as alice@example.com').max(254),
    })
    .strict(),
} as const;

/** One key a running service signs with: a ceremony key (its reference, never its PIN) or a rehearsal key. */
export interface StackKeyUse {
  /** What the key signs, e.g. "timestamps". */
  use: string;
  ceremony: boolean;
  /** The key reference (PKCS#11 URI or key file) for a ceremony key. */
  ref?: string;
  /** The chain file given with it (TSA, CA). */
  chain?: string;
}

export interface StackServiceStatus {
  name: (typeof stackServiceNames)[number];
  url: string;
  healthy: boolean;
  stats: Record<string, number>;
  keys: StackKeyUse[];
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
