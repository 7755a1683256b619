// Loads and saves a repository's two states: the last published metadata (read back from `published/metadata`
// by following timestamp -> snapshot -> targets as a client would) and the staged metadata being signed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MetadataKind, type Metadata, type Root, type Snapshot, type Targets, type Timestamp } from '@tufjs/models';
import { TufError } from './errors';
import { metadataFromJSON, metadataToJSON } from './metadata-codec';
import { formatMetadataJson, parseJsonObject } from './metadata-json';
import type { RepoLayout } from './repo-layout';

export interface PublishedState {
  root?: Metadata<Root>;
  timestamp?: Metadata<Timestamp>;
  snapshot?: Metadata<Snapshot>;
  targets?: Metadata<Targets>;
  delegated: Map<string, Metadata<Targets>>;
}

export interface StagedState {
  root?: Metadata<Root>;
  targets?: Metadata<Targets>;
  delegated: Map<string, Metadata<Targets>>;
}

export interface RepoState {
  published: PublishedState;
  staged: StagedState;
}

type Kind = MetadataKind.Root | MetadataKind.Targets | MetadataKind.Snapshot | MetadataKind.Timestamp;

export function readMetadata(file: string, kind: MetadataKind.Root): Metadata<Root>;
export function readMetadata(file: string, kind: MetadataKind.Targets): Metadata<Targets>;
export function readMetadata(file: string, kind: MetadataKind.Snapshot): Metadata<Snapshot>;
export function readMetadata(file: string, kind: MetadataKind.Timestamp): Metadata<Timestamp>;
export function readMetadata(file: string, kind: Kind): Metadata<Root | Targets | Snapshot | Timestamp> {
  const json = parseJsonObject(fs.readFileSync(file), file);
  try {
    // The overloads need a literal kind; each branch is the same call.
    switch (kind) {
      case MetadataKind.Root:
        return metadataFromJSON(MetadataKind.Root, json);
      case MetadataKind.Targets:
        return metadataFromJSON(MetadataKind.Targets, json);
      case MetadataKind.Snapshot:
        return metadataFromJSON(MetadataKind.Snapshot, json);
      case MetadataKind.Timestamp:
        return metadataFromJSON(MetadataKind.Timestamp, json);
    }
  } catch (e) {
    throw new TufError('METADATA_INVALID', `${file} is not valid ${kind} metadata: ${(e as Error).message}`, { cause: e, details: { file } });
  }
}

export function loadPublished(layout: RepoLayout): PublishedState {
  const dir = layout.publishedMetadata;
  const state: PublishedState = { delegated: new Map() };
  if (!fs.existsSync(path.join(dir, 'root.json'))) return state;
  state.root = readMetadata(path.join(dir, 'root.json'), MetadataKind.Root);
  if (!fs.existsSync(path.join(dir, 'timestamp.json'))) return state;
  state.timestamp = readMetadata(path.join(dir, 'timestamp.json'), MetadataKind.Timestamp);
  state.snapshot = readMetadata(path.join(dir, `${state.timestamp.signed.snapshotMeta.version}.snapshot.json`), MetadataKind.Snapshot);
  for (const [file, meta] of Object.entries(state.snapshot.signed.meta)) {
    const role = file.replace(/\.json$/, '');
    const md = readMetadata(path.join(dir, `${meta.version}.${role}.json`), MetadataKind.Targets);
    if (role === 'targets') state.targets = md;
    else state.delegated.set(role, md);
  }
  return state;
}

export function loadStaged(layout: RepoLayout): StagedState {
  const state: StagedState = { delegated: new Map() };
  if (!fs.existsSync(layout.stagedMetadata)) return state;
  for (const file of fs.readdirSync(layout.stagedMetadata).sort()) {
    if (!file.endsWith('.json')) continue;
    const role = file.slice(0, -'.json'.length);
    const full = path.join(layout.stagedMetadata, file);
    if (role === 'root') state.root = readMetadata(full, MetadataKind.Root);
    else if (role === 'targets') state.targets = readMetadata(full, MetadataKind.Targets);
    else state.delegated.set(role, readMetadata(full, MetadataKind.Targets));
  }
  return state;
}

export function loadState(layout: RepoLayout): RepoState {
  return { published: loadPublished(layout), staged: loadStaged(layout) };
}

export function stagedMetadataFile(metadataDir: string, role: string): string {
  return path.join(metadataDir, `${role}.json`);
}

export function saveStagedMetadata(metadataDir: string, role: string, md: Metadata<Root | Targets>): void {
  fs.mkdirSync(metadataDir, { recursive: true });
  fs.writeFileSync(stagedMetadataFile(metadataDir, role), formatMetadataJson(metadataToJSON(md)));
}

/** The root clients will trust once the staged changes are published. */
export function finalRoot(state: RepoState): Metadata<Root> | undefined {
  return state.staged.root ?? state.published.root;
}

export function finalTargets(state: RepoState): Metadata<Targets> | undefined {
  return state.staged.targets ?? state.published.targets;
}

export function finalDelegated(state: RepoState, role: string): Metadata<Targets> | undefined {
  return state.staged.delegated.get(role) ?? state.published.delegated.get(role);
}

/** Names of the delegated roles the final top-level targets delegates to, in delegation order. */
export function finalDelegatedNames(state: RepoState): string[] {
  return Object.keys(finalTargets(state)?.signed.delegations?.roles ?? {});
}

export function stagedRoleNames(state: RepoState): string[] {
  const names: string[] = [];
  if (state.staged.root) names.push('root');
  if (state.staged.targets) names.push('targets');
  names.push(...state.staged.delegated.keys());
  return names;
}

export function stagedMetadataOf(state: RepoState, role: string): Metadata<Root | Targets> | undefined {
  if (role === 'root') return state.staged.root;
  if (role === 'targets') return state.staged.targets;
  return state.staged.delegated.get(role);
}
