// The embedded log's identity: its key (given with --log-key, or a rehearsal P-256 key made in DIR/log/ on first
// start and reused after) and its fixed parameters (tree ID, hostname -> checkpoint origin), kept in log.json.
//
// The rehearsal key is encrypted PKCS#8 under a random passphrase stored beside it, both mode 0600, as the
// rehearsal TSA does (app/servers/tsa/rehearsal-chain.ts): a rehearsal needs no human secret, and whoever can read
// DIR can take the key anyway; one code path for key files. ECDSA P-256 is what Rekor uses for its log key.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { RootsmithError } from '../../../core/errors';
import type { Signer } from '../../../core/keys';
import { rehearsalKey } from '../rehearsal-key';
import { openServiceKey } from '../service-key';
import type { ServeContext } from '../service-host';

export const LOG_FILES = {
  params: 'log.json',
  tiles: 'tlog',
  index: 'entries.idx',
} as const;

const paramsSchema = z.strictObject({
  /** Rekor's tree ID: a positive 63-bit integer, decimal (GET /api/v1/log "treeID"). */
  treeId: z.string().regex(/^[1-9][0-9]{0,18}$/),
  /** The checkpoint key name and first half of the origin "<hostname> - <treeID>", as Rekor writes it. */
  hostname: z.string().regex(/^[^\s+]+$/),
  /** When the log was made, whole seconds (trusted_root.json tlogs[].publicKey.validFor.start; stable across restarts). */
  createdAt: z.iso.datetime().optional(),
});
export type LogParams = z.infer<typeof paramsSchema>;

export interface LogIdentity {
  signer: Signer;
  params: LogParams;
  rehearsal: boolean;
  close(): void;
}

/** When the log was made (log.json createdAt, or the file's time for a log.json written without it). */
export function logCreatedAt(dir: string, params: LogParams): Date {
  if (params.createdAt) return new Date(params.createdAt);
  const m = fs.statSync(path.join(dir, LOG_FILES.params)).mtimeMs;
  return new Date(Math.floor(m / 1000) * 1000);
}

/** The hostname in the origin and signature lines: sigstore-js finds the trusted log whose baseUrl matches it. */
export const DEFAULT_LOG_HOSTNAME = '127.0.0.1';

function loadParams(dir: string, now: Date): LogParams {
  const file = path.join(dir, LOG_FILES.params);
  if (!fs.existsSync(file)) {
    // A 63-bit positive tree ID, as Trillian's are.
    const id = (randomBytes(8).readBigUInt64BE() >> 1n) | 1n;
    // Whole seconds: integratedTime is whole seconds, and the first entry must not predate the key's validity.
    const createdAt = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
    const params: LogParams = { treeId: id.toString(), hostname: DEFAULT_LOG_HOSTNAME, createdAt };
    fs.writeFileSync(file, `${JSON.stringify(params, null, 2)}\n`, { flag: 'wx', mode: 0o644 });
    return params;
  }
  const parsed = paramsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new RootsmithError('LOG_CONFIG_INVALID', `${file} is not a valid log parameter file.`);
  return parsed.data;
}

/** Opens (or on first start creates) the log's key and parameters in `dir` (DIR/log). */
export async function openLogIdentity(ctx: ServeContext, dir: string): Promise<LogIdentity> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const params = loadParams(dir, ctx.clock.now());
  const keyRef = ctx.options['log-key'];
  if (keyRef === undefined) {
    const { signer, created } = await rehearsalKey(dir, 'rehearsal-log-key', 'ecdsa-p256');
    if (created) ctx.log(`made a rehearsal log key (ECDSA P-256) in ${dir}`);
    return { signer, params, rehearsal: true, close: () => undefined };
  }
  const signer = await openServiceKey(ctx, keyRef, 'log');
  if (signer.algorithm !== 'ecdsa-p256') {
    signer.close();
    // Sigstore clients find the checkpoint key by SHA-256(DER SPKI)[:4] (Rekor v1); C2SP derives Ed25519 key IDs
    // differently, so only the key type Rekor itself uses is accepted here.
    throw new RootsmithError('LOG_KEY_UNSUPPORTED', `The log key ${keyRef} is ${signer.algorithm}; the log signs with ECDSA P-256, as Rekor does.`);
  }
  return { signer, params, rehearsal: false, close: () => signer.close() };
}
