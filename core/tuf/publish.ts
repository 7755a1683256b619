// Publishing: refuses until every offline role meets its threshold(s) as clients will check them, then signs
// snapshot and timestamp online and writes the new versions (targets first, timestamp last) into `published/`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../clock';
import type { Signer } from '../keys/signer';
import { TufError } from './errors';
import { expiresIn, tufTime } from './expiry';
import { metadataToJSON } from './metadata-codec';
import { formatMetadataJson } from './metadata-json';
import { buildOnlineRoles } from './online-roles';
import { assertAbsent, copyTargets, planTargetCopies, versionedName, writeExclusive, writeReplace } from './publish-layout';
import type { RepoConfig } from './repo-config';
import type { RepoLayout } from './repo-layout';
import { finalDelegatedNames, finalRoot, finalTargets, finalDelegated, loadState, stagedMetadataOf, stagedRoleNames, type RepoState } from './repo-state';
import { publishThresholdStatus, type ThresholdStatus } from './threshold-status';

export interface PublishResult {
  /** Version of every role in the published repository after this call. */
  versions: Record<string, number>;
  /** Files written, relative to the published directory. */
  written: string[];
}

export interface OnlineExpiry {
  snapshot?: Date;
  timestamp?: Date;
}

function describeMissing(s: ThresholdStatus): string {
  const parts: string[] = [];
  if (!s.met) parts.push(`${s.have} of ${s.need} signatures from ${s.by} keys (waiting for ${s.waitingFor.join(', ')})`);
  if (s.previous && !s.previous.met) {
    parts.push(`${s.previous.have} of ${s.previous.need} from ${s.previous.by} keys (waiting for ${s.previous.waitingFor.join(', ')})`);
  }
  return `${s.role} v${s.version} has ${parts.join(' and ')}`;
}

/** THRESHOLD_NOT_MET naming each role and who is missing, if any offline role falls short (TUF 5.3.4, 5.6.3). */
export function assertThresholdsMet(state: RepoState): ThresholdStatus[] {
  const statuses = publishThresholdStatus(state);
  const short = statuses.filter((s) => !s.allMet);
  if (short.length > 0) {
    throw new TufError('THRESHOLD_NOT_MET', `Cannot publish: ${short.map(describeMissing).join('; ')}.`, {
      details: { roles: short.map((s) => ({ role: s.role, version: s.version, have: s.have, need: s.need, waitingFor: s.waitingFor, previous: s.previous ?? null })) },
    });
  }
  return statuses;
}

function snapshotMeta(state: RepoState): Record<string, number> {
  const targets = finalTargets(state);
  if (!targets) throw new TufError('REPO_NOT_FOUND', 'The repository has no targets metadata.');
  const meta: Record<string, number> = { 'targets.json': targets.signed.version };
  for (const name of finalDelegatedNames(state)) {
    const md = finalDelegated(state, name);
    if (!md) throw new TufError('ROLE_UNKNOWN', `Delegated role "${name}" has no metadata.`, { details: { role: name } });
    meta[`${name}.json`] = md.signed.version;
  }
  return meta;
}

async function writeOnline(
  layout: RepoLayout,
  config: RepoConfig,
  clock: Clock,
  state: RepoState,
  signers: { snapshot: Signer; timestamp: Signer },
  expiry: OnlineExpiry,
  before: (written: string[]) => void,
): Promise<PublishResult> {
  const root = finalRoot(state)!.signed;
  const meta = snapshotMeta(state);
  const versions = { snapshot: (state.published.snapshot?.signed.version ?? 0) + 1, timestamp: (state.published.timestamp?.signed.version ?? 0) + 1 };
  const online = await buildOnlineRoles(
    root,
    meta,
    versions,
    {
      snapshot: expiry.snapshot ? tufTime(expiry.snapshot) : expiresIn(clock, config.expiryDays.snapshot),
      timestamp: expiry.timestamp ? tufTime(expiry.timestamp) : expiresIn(clock, config.expiryDays.timestamp),
    },
    signers,
  );
  const snapshotFile = path.join(layout.publishedMetadata, versionedName('snapshot', versions.snapshot));
  assertAbsent(snapshotFile);
  const written: string[] = [];
  before(written);
  writeExclusive(snapshotFile, online.snapshotText);
  writeReplace(path.join(layout.publishedMetadata, 'timestamp.json'), online.timestampText);
  written.push(path.relative(layout.published, snapshotFile), 'metadata/timestamp.json');
  const roleVersions: Record<string, number> = { root: root.version, ...versions };
  for (const [file, v] of Object.entries(meta)) roleVersions[file.replace(/\.json$/, '')] = v;
  return { versions: roleVersions, written };
}

export async function publishRepository(
  layout: RepoLayout,
  config: RepoConfig,
  clock: Clock,
  signers: { snapshot: Signer; timestamp: Signer },
): Promise<PublishResult> {
  const state = loadState(layout);
  const staged = stagedRoleNames(state);
  if (staged.length === 0) {
    throw new TufError(
      'NOTHING_STAGED',
      'Nothing is staged to publish: every change is already published. To give snapshot and timestamp a fresh expiry, refresh the online roles instead (rootsmith tuf refresh-online).',
    );
  }
  assertThresholdsMet(state);
  const files: { file: string; text: string }[] = [];
  for (const role of staged) {
    const md = stagedMetadataOf(state, role)!;
    files.push({ file: path.join(layout.publishedMetadata, versionedName(role, md.signed.version)), text: formatMetadataJson(metadataToJSON(md)) });
  }
  // Delegated roles before targets, root last among the offline roles; timestamp is written last of all.
  files.sort((a, b) => rank(a.file) - rank(b.file));
  for (const f of files) assertAbsent(f.file);
  const stagedTargets = [...(state.staged.targets ? [state.staged.targets] : []), ...state.staged.delegated.values()];
  const copies = planTargetCopies(
    layout.publishedTargets,
    layout.blobs,
    stagedTargets.flatMap((t) => Object.values(t.signed.targets)),
  );
  const result = await writeOnline(layout, config, clock, state, signers, {}, (written) => {
    for (const file of copyTargets(layout.publishedTargets, layout.blobs, copies)) written.push(path.relative(layout.published, file));
    for (const f of files) {
      writeExclusive(f.file, f.text);
      written.push(path.relative(layout.published, f.file));
    }
    if (state.staged.root) writeReplace(path.join(layout.publishedMetadata, 'root.json'), formatMetadataJson(metadataToJSON(state.staged.root)));
  });
  fs.rmSync(layout.sessionDir, { recursive: true, force: true });
  return result;
}

function rank(file: string): number {
  if (file.endsWith('.root.json')) return 2;
  if (file.endsWith('.targets.json')) return 1;
  return 0;
}

/** New snapshot and timestamp over the published state only (staged changes are left alone). */
export async function refreshOnlineRoles(
  layout: RepoLayout,
  config: RepoConfig,
  clock: Clock,
  signers: { snapshot: Signer; timestamp: Signer },
  expiry: OnlineExpiry,
): Promise<PublishResult> {
  const published = loadState(layout).published;
  if (!published.timestamp) throw new TufError('NOTHING_STAGED', 'The repository was never published: publish it first.');
  const state: RepoState = { published, staged: { delegated: new Map() } };
  return writeOnline(layout, config, clock, state, signers, expiry, () => undefined);
}
