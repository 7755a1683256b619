// Checks a published repository the way users will: the real tuf-js Updater, starting from a trusted root,
// refreshes (TUF 5.3-5.6) and downloads every target (5.7). HTTP serving is the caller's job (app/servers).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Updater } from 'tuf-js';
import { sha256, toHex } from '../bytes';
import { mapClientError } from './client-errors';
import { TufError } from './errors';
import { parseJsonObject, type JSONObject } from './metadata-json';

export interface ClientVerifyOptions {
  /** Bytes of the root.json the client trusts initially (e.g. version 1 shipped with the client). */
  trustedRoot: Uint8Array;
  /** Base URL of the metadata files (`.../metadata/`). */
  metadataBaseUrl: string;
  /** Base URL of the target files (`.../targets/`). */
  targetBaseUrl: string;
  /** The client's cache directory; reused between calls like a real client's (a cached root wins over trustedRoot). */
  workDir: string;
  /** Only these targets; default: every target of targets and of the delegated roles with `paths`. */
  targets?: string[];
  /** How long one download may wait for the server's answer (tuf-js `fetchTimeout`); default 15 s, not tuf-js's 100 s. */
  fetchTimeoutMs?: number;
}

export interface ClientTarget {
  path: string;
  length: number;
  sha256: string;
  /** Where the client stored the verified file. */
  file: string;
}

export interface ClientVerifyResult {
  /** Version of every role the client trusts after the update. */
  versions: Record<string, number>;
  targets: ClientTarget[];
}

function readSigned(file: string): JSONObject {
  return parseJsonObject(fs.readFileSync(file), file)['signed'] as JSONObject;
}

/** A path a delegation pattern matches, so the client walks into (and verifies) that delegated role. */
function probePath(pattern: string): string {
  return pattern.replace(/\*/g, 'rootsmith-probe').replace(/\?/g, 'p');
}

async function listTargets(updater: Updater, metadataDir: string): Promise<string[]> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = async (role: string): Promise<void> => {
    if (seen.has(role)) return;
    seen.add(role);
    const file = path.join(metadataDir, `${encodeURIComponent(role)}.json`);
    if (!fs.existsSync(file)) return;
    const signed = readSigned(file);
    for (const p of Object.keys((signed['targets'] as JSONObject | undefined) ?? {})) found.add(p);
    const roles = ((signed['delegations'] as JSONObject | undefined)?.['roles'] as JSONObject[] | undefined) ?? [];
    for (const r of roles) {
      const name = r['name'] as string;
      for (const pattern of (r['paths'] as string[] | undefined) ?? []) await updater.getTargetInfo(probePath(pattern));
      await visit(name);
    }
  };
  await visit('targets');
  return [...found].sort();
}

/**
 * A signature failure in a repository whose trusted root lists ECDSA P-384 keys is most likely tuf-js checking
 * those signatures with SHA-256 (it does so for every ECDSA key): say so, as KEY_UNSUPPORTED, with the fix.
 */
function explainP384(error: TufError, metadataDir: string): TufError {
  if (error.code !== 'BAD_SIGNATURE') return error;
  let keys: JSONObject;
  try {
    keys = (readSigned(path.join(metadataDir, 'root.json'))['keys'] as JSONObject | undefined) ?? {};
  } catch {
    return error;
  }
  const p384 = Object.entries(keys).filter(([, k]) => (k as JSONObject)['scheme'] === 'ecdsa-sha2-nistp384').map(([id]) => id.slice(0, 8));
  if (p384.length === 0) return error;
  return new TufError(
    'KEY_UNSUPPORTED',
    `${error.message} The trusted root lists ECDSA P-384 keys (${p384.join(', ')}): tuf-js clients (sigstore-js, npm) check every ECDSA signature with SHA-256 and accept only P-256 and Ed25519 keys. Re-key those roles with P-256 or Ed25519 keys.`,
    { cause: error, details: { ...(error.details ?? {}), p384Keys: p384 } },
  );
}

export async function verifyWithClient(options: ClientVerifyOptions): Promise<ClientVerifyResult> {
  const metadataDir = path.join(options.workDir, 'metadata');
  const targetDir = path.join(options.workDir, 'targets');
  fs.mkdirSync(metadataDir, { recursive: true });
  fs.mkdirSync(targetDir, { recursive: true });
  const rootFile = path.join(metadataDir, 'root.json');
  if (!fs.existsSync(rootFile)) fs.writeFileSync(rootFile, options.trustedRoot);
  let updater: Updater;
  let paths: string[];
  try {
    // The constructor already checks the trusted root's own signatures (TUF 5.2), so it is inside the mapping too.
    updater = new Updater({
      metadataDir,
      metadataBaseUrl: options.metadataBaseUrl,
      targetDir,
      targetBaseUrl: options.targetBaseUrl,
      config: { fetchRetries: 0, fetchTimeout: options.fetchTimeoutMs ?? 15_000 },
    });
    await updater.refresh();
    paths = options.targets ?? (await listTargets(updater, metadataDir));
  } catch (e) {
    throw explainP384(mapClientError(e, 'refresh', 'the repository metadata'), metadataDir);
  }
  const targets: ClientTarget[] = [];
  for (const p of paths) {
    try {
      const info = await updater.getTargetInfo(p);
      if (!info) throw new Error(`no target "${p}" in the trusted metadata`);
      const file = await updater.downloadTarget(info, path.join(targetDir, encodeURIComponent(p)));
      targets.push({ path: p, length: info.length, sha256: toHex(sha256(fs.readFileSync(file))), file });
    } catch (e) {
      throw explainP384(mapClientError(e, 'target', `target "${p}"`), metadataDir);
    }
  }
  const versions: Record<string, number> = {};
  for (const f of fs.readdirSync(metadataDir)) {
    if (f.endsWith('.json')) versions[decodeURIComponent(f.slice(0, -5))] = readSigned(path.join(metadataDir, f))['version'] as number;
  }
  return { versions, targets };
}
