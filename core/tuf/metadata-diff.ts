// What a signer is asked to approve, in words: keys added/removed (with owners), threshold and path changes,
// expiry change, targets added/removed/changed with their hashes, between the published and the staged version.
import type { Key, Root, Targets } from '@tufjs/models';
import { ownEntry } from './metadata-json';
import { keyOwner } from './tuf-key';

export interface KeyRef {
  keyid: string;
  owner: string | null;
}

export interface RoleChange {
  role: string;
  keysAdded: KeyRef[];
  keysRemoved: KeyRef[];
  threshold: { from: number | null; to: number | null };
  paths?: { from: string[] | null; to: string[] | null };
}

export interface TargetInfo {
  length: number;
  hashes: Record<string, string>;
}

export interface TargetChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  from: TargetInfo | null;
  to: TargetInfo | null;
}

export interface MetadataDiff {
  version: { from: number | null; to: number };
  expires: { from: string | null; to: string };
  roles: RoleChange[];
  targets: TargetChange[];
  /** One line per change, for people. */
  summary: string[];
}

interface RoleView {
  keyIds: string[];
  threshold: number;
  paths?: string[];
}

const ref = (keys: Record<string, Key>, id: string): KeyRef => ({ keyid: id, owner: keys[id] ? (keyOwner(keys[id]) ?? null) : null });
const label = (r: KeyRef): string => r.owner ?? r.keyid.slice(0, 8);

function diffRoles(
  from: Record<string, RoleView>,
  fromKeys: Record<string, Key>,
  to: Record<string, RoleView>,
  toKeys: Record<string, Key>,
  summary: string[],
): RoleChange[] {
  const out: RoleChange[] = [];
  for (const role of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const a = from[role];
    const b = to[role];
    const added = (b?.keyIds ?? []).filter((id) => !a?.keyIds.includes(id)).map((id) => ref(toKeys, id));
    const removed = (a?.keyIds ?? []).filter((id) => !b?.keyIds.includes(id)).map((id) => ref(fromKeys, id));
    const thresholdChanged = a?.threshold !== b?.threshold;
    const pathsChanged = JSON.stringify(a?.paths ?? null) !== JSON.stringify(b?.paths ?? null);
    if (!added.length && !removed.length && !thresholdChanged && !pathsChanged) continue;
    const change: RoleChange = { role, keysAdded: added, keysRemoved: removed, threshold: { from: a?.threshold ?? null, to: b?.threshold ?? null } };
    if (!a) summary.push(`role ${role} added`);
    if (!b) summary.push(`role ${role} removed`);
    for (const k of added) summary.push(`${role}: key added ${label(k)} (${k.keyid})`);
    for (const k of removed) summary.push(`${role}: key removed ${label(k)} (${k.keyid})`);
    if (thresholdChanged) summary.push(`${role}: threshold ${a?.threshold ?? '-'} -> ${b?.threshold ?? '-'}`);
    if (pathsChanged) {
      change.paths = { from: a?.paths ?? null, to: b?.paths ?? null };
      summary.push(`${role}: paths ${JSON.stringify(a?.paths ?? [])} -> ${JSON.stringify(b?.paths ?? [])}`);
    }
    out.push(change);
  }
  return out;
}

function header(from: Root | Targets | undefined, to: Root | Targets, summary: string[]): Pick<MetadataDiff, 'version' | 'expires'> {
  summary.push(`version ${from?.version ?? '(new)'} -> ${to.version}`);
  if (from?.expires !== to.expires) summary.push(`expires ${from?.expires ?? '(new)'} -> ${to.expires}`);
  return { version: { from: from?.version ?? null, to: to.version }, expires: { from: from?.expires ?? null, to: to.expires } };
}

export function diffRoot(from: Root | undefined, to: Root): MetadataDiff {
  const summary: string[] = [];
  const head = header(from, to, summary);
  const view = (r: Root | undefined): Record<string, RoleView> =>
    Object.fromEntries(Object.entries(r?.roles ?? {}).map(([n, x]) => [n, { keyIds: x.keyIDs, threshold: x.threshold }]));
  const roles = diffRoles(view(from), from?.keys ?? {}, view(to), to.keys, summary);
  if ((from?.consistentSnapshot ?? null) !== to.consistentSnapshot) summary.push(`consistent_snapshot -> ${to.consistentSnapshot}`);
  return { ...head, roles, targets: [], summary };
}

export function diffTargets(from: Targets | undefined, to: Targets): MetadataDiff {
  const summary: string[] = [];
  const head = header(from, to, summary);
  const view = (t: Targets | undefined): Record<string, RoleView> =>
    Object.fromEntries(
      Object.entries(t?.delegations?.roles ?? {}).map(([n, x]) => [n, { keyIds: x.keyIDs, threshold: x.threshold, ...(x.paths ? { paths: x.paths } : {}) }]),
    );
  const roles = diffRoles(view(from), from?.delegations?.keys ?? {}, view(to), to.delegations?.keys ?? {}, summary);
  const targets: TargetChange[] = [];
  const info = (t: { length: number; hashes: Record<string, string> } | undefined): TargetInfo | null =>
    t ? { length: t.length, hashes: { ...t.hashes } } : null;
  for (const p of new Set([...Object.keys(from?.targets ?? {}), ...Object.keys(to.targets)])) {
    const a = info(ownEntry(from?.targets, p));
    const b = info(ownEntry(to.targets, p));
    if (a && b && JSON.stringify(a) === JSON.stringify(b)) continue;
    const change = !a ? 'added' : !b ? 'removed' : 'changed';
    targets.push({ path: p, change, from: a, to: b });
    const h = (x: TargetInfo | null): string => (x ? `${x.length} bytes sha256:${x.hashes['sha256'] ?? '?'}` : '');
    summary.push(change === 'changed' ? `target changed ${p}: ${h(a)} -> ${h(b)}` : `target ${change} ${p}: ${h(a ?? b)}`);
  }
  return { ...head, roles, targets, summary };
}

