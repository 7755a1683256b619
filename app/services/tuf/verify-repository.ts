// Rootsmith's own check of a published repository at a reference time, in the order of the TUF client workflow
// (spec 5.3 root chain, 5.4 timestamp, 5.5 snapshot, 5.6 targets and delegations, 5.7 target files). tuf-js has
// no reference-time option, so this is what checks a repository "as of" a past time.
import { createHash } from 'node:crypto';
import { parseJsonObject, verifyRootChain, type JSONObject, type RootFile } from '../../../core/tuf';
import type { RepoSource } from './repo-source';
import { countSignatures, rootRoleKeys, type RoleKeys } from './role-signatures';
import type { RoleCheck, RootVersionCheck, TargetCheck, VerifyFailure } from './verify-types';

export interface OwnVerifyResult {
  rootChain: { ok: boolean; versions: RootVersionCheck[] };
  roles: RoleCheck[];
  targets: TargetCheck[];
  failures: VerifyFailure[];
  /** Highest version seen per role (for a rollback state file). */
  versions: Record<string, number>;
}

/** Versions trusted from an earlier run (`--state`): anything lower is a rollback (TUF 5.4.3, 5.5.5, 5.6.5). */
export type TrustedVersions = Record<string, number>;

class Stop extends Error {}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

export async function verifyRepositoryAt(
  source: RepoSource,
  firstRoot: Uint8Array,
  at: Date,
  trusted: TrustedVersions = {},
  only?: readonly string[],
): Promise<OwnVerifyResult> {
  const failures: VerifyFailure[] = [];
  const roles: RoleCheck[] = [];
  const targets: TargetCheck[] = [];
  const versions: Record<string, number> = {};
  const fail = (code: string, role: string | null, version: number | null, message: string): void => {
    failures.push({ engine: 'rootsmith', code, role, version, message });
  };
  const expired = (role: string, version: number | null, expires: unknown): boolean => {
    const t = typeof expires === 'string' ? Date.parse(expires) : NaN;
    if (Number.isNaN(t)) {
      fail('METADATA_INVALID', role, version, `${role} v${version} has no valid expiry date.`);
      return true;
    }
    if (t <= at.getTime()) {
      fail('EXPIRED', role, version, `${role} v${version} expired at ${String(expires)} (checked at ${at.toISOString()}).`);
      return true;
    }
    return false;
  };
  const parse = (bytes: Uint8Array, name: string, role: string): JSONObject => {
    try {
      const md = parseJsonObject(bytes, name);
      if (typeof md['signed'] !== 'object' || !Array.isArray(md['signatures'])) throw new Error('no "signed" or "signatures"');
      return md;
    } catch (e) {
      fail('METADATA_INVALID', role, null, `${name} is not TUF metadata: ${(e as Error).message}`);
      throw new Stop();
    }
  };
  const rollback = (role: string, version: number): void => {
    const seen = trusted[role];
    if (seen !== undefined && version < seen) {
      fail('ROLLBACK', role, version, `${role} v${version} is older than v${seen}, which was trusted before: a replayed older version.`);
    }
    versions[role] = Math.max(version, seen ?? 0);
  };

  // TUF 5.3: the root chain, version by version from the trusted first root.
  const files: RootFile[] = [{ name: 'trusted root', bytes: firstRoot }];
  let firstVersion = 1;
  try {
    firstVersion = num((parseJsonObject(firstRoot, 'trusted root')['signed'] as JSONObject)['version']) ?? 1;
  } catch {
    /* reported by verifyRootChain */
  }
  for (let v = firstVersion + 1; v < firstVersion + 10_000; v++) {
    const bytes = await source.metadata(`${v}.root.json`);
    if (!bytes) break;
    files.push({ name: `${v}.root.json`, bytes });
  }
  const chain = verifyRootChain(files);
  const count = (c: { validOwners: string[]; threshold: number }) => ({ valid: c.validOwners.length, threshold: c.threshold, signedBy: c.validOwners });
  const chainVersions: RootVersionCheck[] = chain.versions.map((r) => ({
    version: r.version,
    name: r.name,
    expires: r.expires,
    byPrevious: r.byPrevious ? count(r.byPrevious) : null,
    bySelf: count(r.bySelf),
    ok: r.errors.length === 0,
    errors: r.errors,
  }));
  for (const e of chain.errors) fail('ROOT_CHAIN_INVALID', 'root', e.version, `${e.name}: ${e.reason}`);
  const result = (): OwnVerifyResult => ({ rootChain: { ok: chain.ok, versions: chainVersions }, roles, targets, failures, versions });
  if (!chain.ok) return result();
  const rootJson = parseJsonObject(files[files.length - 1]!.bytes, 'root');
  const root = rootJson['signed'] as JSONObject;
  const rootVersion = num(root['version'])!;
  const rootExpired = expired('root', rootVersion, root['expires']);
  rollback('root', rootVersion);
  roles.push({ role: 'root', version: rootVersion, expires: String(root['expires']), signatures: chainVersions[chainVersions.length - 1]!.bySelf, ok: !rootExpired });
  const consistent = root['consistent_snapshot'] === true;

  const load = async (role: string, version: number | null): Promise<{ name: string; bytes: Uint8Array }> => {
    const names = role === 'timestamp' ? ['timestamp.json'] : [...(consistent && version !== null ? [`${version}.${role}.json`] : []), `${role}.json`];
    for (const name of names) {
      const bytes = await source.metadata(name);
      if (bytes) return { name, bytes };
    }
    fail('METADATA_MISSING', role, version, `${role}${version !== null ? ` v${version}` : ''} is missing from ${source.describe} (looked for ${names.join(', ')}).`);
    throw new Stop();
  };
  /** Checks one role's file: hashes and length pinned by its parent, signatures, version, expiry. */
  const check = async (role: string, keys: RoleKeys, meta: JSONObject | null, parent: string): Promise<JSONObject> => {
    const expectVersion = meta ? num(meta['version']) : null;
    const { name, bytes } = await load(role, expectVersion);
    if (meta && typeof meta['length'] === 'number' && meta['length'] !== bytes.length) {
      fail('METADATA_MISMATCH', role, expectVersion, `${name} is ${bytes.length} bytes but ${parent} says ${String(meta['length'])} (TUF 5.5.2/5.6.2).`);
      throw new Stop();
    }
    for (const [alg, want] of Object.entries((meta?.['hashes'] as Record<string, string> | undefined) ?? {})) {
      if (alg !== 'sha256' && alg !== 'sha512') continue;
      if (createHash(alg).update(bytes).digest('hex') !== want) {
        fail('METADATA_MISMATCH', role, expectVersion, `${name} does not match the ${alg} in ${parent}: it was altered or replaced.`);
        throw new Stop();
      }
    }
    const md = parse(bytes, name, role);
    const signed = md['signed'] as JSONObject;
    const version = num(signed['version']);
    const expires = typeof signed['expires'] === 'string' ? signed['expires'] : null;
    const sigs = countSignatures(md, keys);
    const entry: RoleCheck = { role, version, expires, signatures: sigs, ok: true };
    roles.push(entry);
    const expectedType = role === 'timestamp' || role === 'snapshot' ? role : 'targets';
    if (signed['_type'] !== expectedType) {
      entry.ok = false;
      fail('METADATA_INVALID', role, version, `${name} is of type "${String(signed['_type'])}", not ${expectedType}.`);
      throw new Stop();
    }
    if (sigs.valid < sigs.threshold) {
      entry.ok = false;
      fail('BAD_SIGNATURE', role, version, `${role} v${version} has ${sigs.valid} valid signatures of the ${sigs.threshold} required${sigs.signedBy.length ? ` (valid: ${sigs.signedBy.join(', ')})` : ''}.`);
      throw new Stop();
    }
    if (expectVersion !== null && version !== expectVersion) {
      entry.ok = false;
      const code = version !== null && version < expectVersion ? 'ROLLBACK' : 'METADATA_MISMATCH';
      fail(code, role, version, `${name} is ${role} v${version} but ${parent} lists v${expectVersion}${code === 'ROLLBACK' ? ': an older version was replayed' : ''}.`);
      throw new Stop();
    }
    if (version !== null) rollback(role, version);
    if (expired(role, version, expires)) entry.ok = false;
    return signed;
  };

  try {
    const timestamp = await check('timestamp', rootRoleKeys(root, 'timestamp')!, null, 'root');
    const snapMeta = ((timestamp['meta'] as JSONObject | undefined)?.['snapshot.json'] as JSONObject | undefined) ?? null;
    if (!snapMeta) {
      fail('METADATA_INVALID', 'timestamp', num(timestamp['version']), 'timestamp lists no snapshot.json.');
      return result();
    }
    const snapshot = await check('snapshot', rootRoleKeys(root, 'snapshot')!, snapMeta, `timestamp v${String(timestamp['version'])}`);
    const snapFiles = (snapshot['meta'] as Record<string, JSONObject> | undefined) ?? {};
    const snapName = `snapshot v${String(snapshot['version'])}`;
    const metaOf = (role: string): JSONObject => {
      const m = snapFiles[`${role}.json`];
      if (!m) {
        fail('METADATA_MISSING', role, null, `${snapName} does not list ${role}.json (TUF 5.6.1).`);
        throw new Stop();
      }
      return m;
    };
    const queue: { role: string; keys: RoleKeys; parent: string }[] = [{ role: 'targets', keys: rootRoleKeys(root, 'targets')!, parent: snapName }];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next.role)) continue;
      seen.add(next.role);
      const signed = await check(next.role, next.keys, metaOf(next.role), next.parent);
      for (const [p, t] of Object.entries((signed['targets'] as Record<string, JSONObject> | undefined) ?? {})) {
        if (only && !only.includes(p)) continue;
        targets.push(await checkTarget(source, next.role, num(signed['version']), p, t, fail));
      }
      const del = signed['delegations'] as JSONObject | undefined;
      for (const r of (del?.['roles'] as JSONObject[] | undefined) ?? []) {
        const keys: RoleKeys = { keyids: (r['keyids'] as string[]) ?? [], threshold: Number(r['threshold']), keys: (del!['keys'] as Record<string, JSONObject>) ?? {} };
        queue.push({ role: String(r['name']), keys, parent: `${next.role} v${String(signed['version'])}` });
      }
    }
    for (const p of only ?? []) {
      if (!targets.some((t) => t.path === p)) fail('TARGET_NOT_FOUND', 'targets', null, `no role lists a target "${p}".`);
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return result();
}

/** TUF 5.7.3: the file fetched under each listed hash must have the listed length and every listed hash. */
async function checkTarget(
  source: RepoSource,
  role: string,
  version: number | null,
  targetPath: string,
  info: JSONObject,
  fail: (code: string, role: string | null, version: number | null, message: string) => void,
): Promise<TargetCheck> {
  const hashes = (info['hashes'] as Record<string, string> | undefined) ?? {};
  const length = Number(info['length']);
  const dir = targetPath.includes('/') ? targetPath.slice(0, targetPath.lastIndexOf('/') + 1) : '';
  const base = targetPath.slice(dir.length);
  const candidates = [...Object.values(hashes).map((h) => `${dir}${h}.${base}`), targetPath];
  const out: TargetCheck = { path: targetPath, role, length, sha256: hashes['sha256'] ?? null, ok: false };
  let bytes: Uint8Array | null = null;
  for (const c of candidates) {
    bytes = await source.target(c);
    if (bytes) break;
  }
  if (!bytes) {
    fail('TARGET_MISSING', role, version, `target "${targetPath}" (listed by ${role}) is not in the repository.`);
    return out;
  }
  if (bytes.length !== length) {
    fail('TARGET_MISMATCH', role, version, `target "${targetPath}" is ${bytes.length} bytes but ${role} says ${length}: it was modified.`);
    return out;
  }
  for (const [alg, want] of Object.entries(hashes)) {
    if (alg !== 'sha256' && alg !== 'sha512') continue;
    if (createHash(alg).update(bytes).digest('hex') !== want) {
      fail('TARGET_MISMATCH', role, version, `target "${targetPath}" does not match its ${alg} in ${role}: it was modified.`);
      return out;
    }
  }
  out.ok = true;
  return out;
}
