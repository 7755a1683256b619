// The repository at a glance for the GUI and `rootsmith tuf status`: roles with keys, owners, thresholds and
// expiry; staged changes in words; threshold progress per role ("root: 2 of 3, waiting for: alice, carol").
import type { Key, Targets } from '@tufjs/models';
import path from 'node:path';
import { keyOnlineUri, keyOwner, loadSessionRequests, requestFileName, type ThresholdStatus, type TufRepository } from '../../../core/tuf';
import { diffRoot, diffTargets } from '../../../core/tuf/metadata-diff';
import { finalDelegated, finalDelegatedNames, finalRoot, finalTargets, stagedMetadataOf, stagedRoleNames, type RepoState } from '../../../core/tuf/repo-state';
import { publishThresholdStatus } from '../../../core/tuf/threshold-status';
import type { TufKeyView, TufRoleView, TufStagedChange, TufStatus, TufThresholdGroup, TufThresholdProgress } from '../../contract/tuf';

function keyView(key: Key): TufKeyView {
  return { keyid: key.keyID, owner: keyOwner(key) ?? null, scheme: key.scheme, onlineUri: keyOnlineUri(key) ?? null };
}

function keysOf(ids: string[], keys: Record<string, Key>): TufKeyView[] {
  return [...new Set(ids)].map((id) => keys[id]).filter((k): k is Key => k !== undefined).map(keyView);
}

function groupLine(g: TufThresholdGroup): string {
  return `${g.have} of ${g.need}${g.met ? ', threshold met' : `, waiting for: ${g.waitingFor.join(', ')}`}`;
}

export function progressOf(s: ThresholdStatus): TufThresholdProgress {
  const group = (g: TufThresholdGroup): TufThresholdGroup => ({ by: g.by, have: g.have, need: g.need, met: g.met, signedBy: g.signedBy, waitingFor: g.waitingFor });
  const own = group(s);
  const previous = s.previous ? group(s.previous) : undefined;
  const line = `${s.role}: ${groupLine(own)}${previous ? ` (and ${previous.by}: ${groupLine(previous)})` : ''}`;
  return { role: s.role, version: s.version, ...own, ...(previous ? { previous } : {}), allMet: s.allMet, line };
}

function roleViews(state: RepoState): TufRoleView[] {
  const root = finalRoot(state)?.signed;
  if (!root) return [];
  const views: TufRoleView[] = [];
  const published = state.published;
  const pub = { root: published.root, targets: published.targets, snapshot: published.snapshot, timestamp: published.timestamp } as const;
  for (const role of ['root', 'targets', 'snapshot', 'timestamp'] as const) {
    const r = root.roles[role];
    const staged = role === 'root' ? state.staged.root : role === 'targets' ? state.staged.targets : undefined;
    views.push({
      role,
      kind: role === 'snapshot' || role === 'timestamp' ? 'online' : 'offline',
      version: pub[role]?.signed.version ?? null,
      expires: pub[role]?.signed.expires ?? null,
      stagedVersion: staged?.signed.version ?? null,
      stagedExpires: staged?.signed.expires ?? null,
      threshold: r?.threshold ?? 0,
      keys: keysOf(r?.keyIDs ?? [], root.keys),
    });
  }
  const delegations = finalTargets(state)?.signed.delegations;
  for (const name of finalDelegatedNames(state)) {
    const d = delegations?.roles?.[name];
    const staged = state.staged.delegated.get(name);
    const p = published.delegated.get(name);
    views.push({
      role: name,
      kind: 'delegated',
      version: p?.signed.version ?? null,
      expires: p?.signed.expires ?? null,
      stagedVersion: staged?.signed.version ?? null,
      stagedExpires: staged?.signed.expires ?? null,
      threshold: d?.threshold ?? 0,
      keys: keysOf(d?.keyIDs ?? [], delegations?.keys ?? {}),
      paths: d?.paths ?? [],
      terminating: d?.terminating ?? false,
    });
  }
  return views;
}

function stagedChanges(repo: TufRepository, state: RepoState): TufStagedChange[] {
  const requests = new Map(loadSessionRequests(repo.sessionDir).map((r) => [r.role, r.payloadSha256]));
  return stagedRoleNames(state).map((role) => {
    const md = stagedMetadataOf(state, role)!;
    const diff =
      role === 'root'
        ? diffRoot(state.published.root?.signed, state.staged.root!.signed)
        : diffTargets((role === 'targets' ? state.published.targets : state.published.delegated.get(role))?.signed, md.signed as Targets);
    const sha = requests.get(role) ?? null;
    const requestFile = sha === null ? null : path.join(repo.layout.requests, requestFileName(role));
    return { role, version: md.signed.version, expires: md.signed.expires, diff, requestSha256: sha, requestFile };
  });
}

export function repositoryStatus(repo: TufRepository): TufStatus {
  const state = repo.state();
  const staged = stagedRoleNames(state);
  const all = finalRoot(state) ? publishThresholdStatus(state) : [];
  // Staged roles, and any published role a staged change leaves short (e.g. targets after a targets key rotation).
  const thresholds = all.filter((s) => staged.includes(s.role) || !s.allMet).map(progressOf);
  const targets: TufStatus['targets'] = [];
  const listTargets = (role: string, md: ReturnType<typeof finalTargets>): void => {
    for (const t of Object.values(md?.signed.targets ?? {})) {
      targets.push({ path: t.path, role, length: t.length, sha256: t.hashes['sha256'] ?? null, staged: staged.includes(role) });
    }
  };
  listTargets('targets', finalTargets(state));
  for (const name of finalDelegatedNames(state)) listTargets(name, finalDelegated(state, name));
  return {
    dir: repo.layout.dir,
    published: state.published.timestamp !== undefined,
    roles: roleViews(state),
    staged: stagedChanges(repo, state),
    thresholds,
    targets,
    expiryDays: { ...repo.expiryDays },
    readyToPublish: staged.length > 0 && all.every((s) => s.allMet),
  };
}
