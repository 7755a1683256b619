// Where `rootsmith tuf verify` reads a published repository from: a directory (our `published/` layout, a bare
// metadata dir, or the Sigstore root-signing layout with unversioned names) or a mirror URL (`<url>/N.root.json`).
import fs from 'node:fs';
import path from 'node:path';
import { TufError } from '../../../core/tuf';

export interface RepoSource {
  /** What is being verified, for messages. */
  describe: string;
  kind: 'dir' | 'url';
  /** Metadata file by name (e.g. `3.root.json`, `timestamp.json`); null when absent. */
  metadata(name: string): Promise<Uint8Array | null>;
  /** A target file by its path relative to the targets dir (`<hash>.<name>` or `<name>`); null when absent. */
  target(rel: string): Promise<Uint8Array | null>;
  /** For a directory: the metadata and targets dirs (to serve to the tuf-js client). */
  dirs?: { metadata: string; targets: string };
}

function readIfFile(file: string): Uint8Array | null {
  try {
    return fs.statSync(file).isFile() ? new Uint8Array(fs.readFileSync(file)) : null;
  } catch {
    return null;
  }
}

/** Safe join: a name from metadata must not climb out of its directory. */
function inside(base: string, rel: string): string | null {
  const file = path.resolve(base, rel);
  return file.startsWith(path.resolve(base) + path.sep) ? file : null;
}

export function dirSource(dir: string): RepoSource {
  let base = path.resolve(dir);
  // A Rootsmith working directory: verify what it published.
  if (fs.existsSync(path.join(base, 'rootsmith-tuf.json'))) base = path.join(base, 'published');
  const metadataDir = fs.existsSync(path.join(base, 'metadata')) ? path.join(base, 'metadata') : base;
  const targetsDir = path.join(metadataDir === base ? path.dirname(base) : base, 'targets');
  const history = path.join(metadataDir, 'root_history');
  return {
    describe: base,
    kind: 'dir',
    dirs: { metadata: metadataDir, targets: targetsDir },
    metadata: async (name) => {
      const file = inside(metadataDir, name);
      const found = file ? readIfFile(file) : null;
      if (found || !/^\d+\.root\.json$/.test(name)) return found;
      const old = inside(history, name);
      return old ? readIfFile(old) : null;
    },
    target: async (rel) => {
      const file = inside(targetsDir, rel);
      return file ? readIfFile(file) : null;
    },
  };
}

/** A mirror that accepts the connection but never answers must not hang the verification. */
const FETCH_TIMEOUT_MS = 15_000;

/** Why fetch failed, from undici's cause (e.g. ECONNREFUSED, ENOTFOUND, "bad port"), not its bare "fetch failed". */
function networkReason(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown; errors?: { code?: unknown }[] } }).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return 'unknown host';
  if (typeof code === 'string') return code;
  return typeof cause?.message === 'string' ? cause.message : 'network error';
}

async function fetchBytes(url: string, timeoutMs: number): Promise<Uint8Array | null> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (res.status === 404) return null;
    if (!res.ok) throw new TufError('DOWNLOAD_FAILED', `GET ${url} answered HTTP ${res.status}; check the mirror URL and that the mirror is serving.`, { details: { url, status: res.status } });
    return new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    if (e instanceof TufError) throw e;
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    const why = timedOut ? `no answer within ${timeoutMs / 1000} s` : `could not connect (${networkReason(e)})`;
    throw new TufError('DOWNLOAD_FAILED', `Cannot fetch ${url}: ${why}. Check the URL and that the mirror (e.g. rootsmith tuf serve) is running.`, { cause: e, details: { url } });
  }
}

/** `timeoutMs`: how long one file may take to arrive (default 15 s). */
export function urlSource(url: string, timeoutMs = FETCH_TIMEOUT_MS): RepoSource {
  const base = url.replace(/\/+$/, '');
  const enc = (rel: string) => rel.split('/').map(encodeURIComponent).join('/');
  return {
    describe: base,
    kind: 'url',
    metadata: (name) => fetchBytes(`${base}/${enc(name)}`, timeoutMs),
    target: (rel) => fetchBytes(`${base}/targets/${enc(rel)}`, timeoutMs),
  };
}

export function openSource(repo: string, timeoutMs?: number): RepoSource {
  return /^https?:\/\//.test(repo) ? urlSource(repo, timeoutMs) : dirSource(repo);
}
