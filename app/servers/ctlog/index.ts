// Opens the embedded CT log (DIR/ctlog/: tiles, extra_data, its rehearsal P-256 key) and serves its RFC 6962 API
// on its own loopback port. Started by the CA service, which submits its precertificates to it in process.
import fs from 'node:fs';
import path from 'node:path';
import { CtLog } from '../../../core/ca';
import type { Clock } from '../../../core/clock';
import { spkiToPem } from '../../../core/keys';
import { listenLoopback, type Listening } from '../listen';
import type { Signer } from '../../../core/keys/signer';
import { rehearsalKey } from '../rehearsal-key';
import { ctRoutes } from './routes';

export const ctlogDir = (dataDir: string) => path.join(dataDir, 'ctlog');
/** The CT log's public key (PEM SPKI), rewritten at each start, for trusted_root.json's ctlogs entry. */
export const ctlogPublicKeyFile = (dataDir: string) => path.join(ctlogDir(dataDir), 'ctlog-public-key.pem');

export interface RunningCtLog {
  ctLog: CtLog;
  /** The log's base URL (what trusted_root.json's ctlogs[].baseUrl holds); the API is under /ct/v1/. */
  url: string;
  listening: Listening;
  /** DER SPKI of the log key (logId = SHA-256 of it). */
  publicKeySpki: Uint8Array;
}

/**
 * Starts the CT log with `key` (e.g. the CT log key a ceremony made on the HSM) or, without one, a rehearsal key
 * made in DATA/ctlog on first start. A log directory keeps the key it was made with: another key is refused.
 */
export async function startCtLog(
  dataDir: string,
  roots: readonly Uint8Array[],
  clock: Clock,
  log: (m: string) => void,
  port = 0,
  key?: Signer,
): Promise<RunningCtLog> {
  const dir = ctlogDir(dataDir);
  let signer = key;
  if (!signer) {
    const made = await rehearsalKey(dir, 'rehearsal-ctlog-key', 'ecdsa-p256');
    if (made.created) log(`made a rehearsal CT log key in ${dir}`);
    signer = made.signer;
  }
  const ctLog = await CtLog.open(path.join(dir, 'log'), { signer, clock, roots });
  fs.writeFileSync(ctlogPublicKeyFile(dataDir), spkiToPem(ctLog.publicKeySpki), { mode: 0o644 });
  const listening = await listenLoopback(ctRoutes({ ctLog, roots, log }), port);
  log(`CT log (${ctLog.size} entries) listening on ${listening.url}`);
  return { ctLog, url: listening.url, listening, publicKeySpki: ctLog.publicKeySpki };
}
