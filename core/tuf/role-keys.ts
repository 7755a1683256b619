// Which keys may sign a role, and how many must: the authorisations a role's metadata must satisfy once the
// staged changes are published. A new root needs both its own root role and the previous one (TUF 5.3.4).
import type { Key } from '@tufjs/models';
import { TufError } from './errors';
import { isTopLevelRole } from './repo-layout';
import { finalRoot, finalTargets, type RepoState } from './repo-state';

export interface Authorization {
  /** 'new' for the role's own (or delegating) keys; 'previous' for the previous root's root keys. */
  group: 'new' | 'previous';
  /** Which metadata grants it, e.g. "root v3" or "targets v2". */
  by: string;
  threshold: number;
  keys: Key[];
}

/** The keys listed under `keyIds` (each ID once), skipping IDs without a key object. */
export function keysOf(keyIds: readonly string[], keys: Readonly<Record<string, Key>>): Key[] {
  return [...new Set(keyIds)].map((id) => keys[id]).filter((k): k is Key => k !== undefined);
}

export function authorizationsFor(state: RepoState, role: string): Authorization[] {
  const root = finalRoot(state);
  if (!root) throw new TufError('REPO_NOT_FOUND', 'The repository has no root metadata.');
  if (isTopLevelRole(role)) {
    const r = root.signed.roles[role];
    if (!r) throw new TufError('ROLE_UNKNOWN', `Root v${root.signed.version} has no "${role}" role.`, { details: { role } });
    const out: Authorization[] = [{ group: 'new', by: `root v${root.signed.version}`, threshold: r.threshold, keys: keysOf(r.keyIDs, root.signed.keys) }];
    const previous = state.published.root;
    if (role === 'root' && state.staged.root && previous) {
      const p = previous.signed.roles['root']!;
      out.push({ group: 'previous', by: `root v${previous.signed.version}`, threshold: p.threshold, keys: keysOf(p.keyIDs, previous.signed.keys) });
    }
    return out;
  }
  const targets = finalTargets(state);
  const delegation = targets?.signed.delegations;
  const r = delegation?.roles?.[role];
  if (!targets || !delegation || !r) {
    throw new TufError('ROLE_UNKNOWN', `No delegated role "${role}" in the targets metadata.`, { details: { role } });
  }
  return [{ group: 'new', by: `targets v${targets.signed.version}`, threshold: r.threshold, keys: keysOf(r.keyIDs, delegation.keys) }];
}
