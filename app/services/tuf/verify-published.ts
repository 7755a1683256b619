// `rootsmith tuf verify`: Rootsmith's own checks at the reference time, then (when that time is now) the real
// tuf-js client updating from the same first root and fetching every target. The report says which engine
// checked what; any failure names the engine, role, version and reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../../core/clock';
import { errorInfo } from '../../../core/errors';
import { verifyWithClient } from '../../../core/tuf';
import { listenLoopback, type Listening } from '../../servers/listen';
import { openSource, type RepoSource } from './repo-source';
import { verifyRepositoryAt, type TrustedVersions } from './verify-repository';
import type { ClientEngineResult, VerifyFailure, VerifyReport } from './verify-types';

export interface VerifyPublishedOptions {
  firstRoot: Uint8Array;
  /** A published directory or a mirror URL. */
  repo: string;
  /** Reference time; default: now. */
  at?: Date;
  clock: Clock;
  /** A directory that remembers what was trusted (versions, the tuf-js cache) so replays are caught next time. */
  stateDir?: string;
  /** Only these targets (default: every target of every role). */
  targets?: string[];
  /** How long each download from a mirror URL may take, for both engines (default 15 s). */
  timeoutMs?: number;
}

/** A reference time within a minute of the clock counts as "now", where the tuf-js client can check too. */
const NOW_TOLERANCE_MS = 60_000;

function readTrusted(stateDir: string | undefined): TrustedVersions {
  if (!stateDir) return {};
  try {
    return JSON.parse(fs.readFileSync(path.join(stateDir, 'trusted-versions.json'), 'utf8')) as TrustedVersions;
  } catch {
    return {};
  }
}

/** Serves a directory to the client as a mirror would, through the same lookups our engine used (root_history too). */
function serveSource(source: RepoSource): Promise<Listening> {
  return listenLoopback((req, res) => {
    void (async () => {
      let bytes: Uint8Array | null = null;
      try {
        const p = decodeURIComponent(new URL(req.url ?? '/', 'http://mirror').pathname);
        bytes = p.startsWith('/targets/') ? await source.target(p.slice('/targets/'.length)) : await source.metadata(p.slice(1));
      } catch {
        bytes = null;
      }
      if (!bytes) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
    })();
  });
}

async function runClient(options: VerifyPublishedOptions, failures: VerifyFailure[]): Promise<ClientEngineResult> {
  const source = openSource(options.repo, options.timeoutMs);
  const workDir = options.stateDir ? path.join(options.stateDir, 'tuf-js') : fs.mkdtempSync(path.join(os.tmpdir(), 'rs-tufjs-'));
  const mirror = source.kind === 'dir' ? await serveSource(source) : null;
  const base = mirror ? mirror.url : options.repo.replace(/\/+$/, '');
  try {
    const out = await verifyWithClient({ trustedRoot: options.firstRoot, metadataBaseUrl: base, targetBaseUrl: `${base}/targets`, workDir, ...(options.targets ? { targets: options.targets } : {}), ...(options.timeoutMs ? { fetchTimeoutMs: options.timeoutMs } : {}) });
    return { ran: true, ok: true, versions: out.versions, targets: out.targets.map((t) => ({ path: t.path, length: t.length, sha256: t.sha256 })) };
  } catch (e) {
    const info = errorInfo(e);
    // tuf-js names the file it rejected ("Final root.json is expired", "... timestamp.json ..."): report that role.
    const named = info.details?.['role'];
    const role = typeof named === 'string' ? named : (/\b(?:\d+\.)?([A-Za-z0-9][\w.-]*?)\.json\b/.exec(info.message)?.[1] ?? null);
    failures.push({ engine: 'tuf-js', code: info.code, role, version: null, message: info.message });
    return { ran: true, ok: false };
  } finally {
    await mirror?.close();
    if (!options.stateDir) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

export async function verifyPublished(options: VerifyPublishedOptions): Promise<VerifyReport> {
  const now = options.clock.now();
  const at = options.at ?? now;
  const source = openSource(options.repo, options.timeoutMs);
  const trusted = readTrusted(options.stateDir);
  const own = await verifyRepositoryAt(source, options.firstRoot, at, trusted, options.targets);
  const failures = [...own.failures];
  let tufJs: ClientEngineResult;
  if (Math.abs(at.getTime() - now.getTime()) > NOW_TOLERANCE_MS) {
    tufJs = { ran: false, reason: `tuf-js cannot verify at a reference time (${at.toISOString()}); Rootsmith's own checks covered every role and target.` };
  } else {
    tufJs = await runClient(options, failures);
  }
  const ok = failures.length === 0;
  if (ok && options.stateDir) {
    fs.mkdirSync(options.stateDir, { recursive: true });
    fs.writeFileSync(path.join(options.stateDir, 'trusted-versions.json'), JSON.stringify({ ...trusted, ...own.versions }, null, 1));
  }
  return {
    ok,
    repo: source.describe,
    at: at.toISOString(),
    rootChain: own.rootChain,
    roles: own.roles,
    targets: own.targets,
    failures,
    engines: {
      rootsmith: { checked: 'root chain (TUF 5.3), timestamp, snapshot, targets and delegations (5.4-5.6): signatures against thresholds, versions, hashes, expiry at the reference time; every target file\'s length and hashes (5.7)' },
      tufJs,
    },
  };
}
