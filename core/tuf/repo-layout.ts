// Where a repository's working directory keeps things: its config, the staged (being signed) metadata and
// target bytes, and `published/`, the last published state in the exact layout clients fetch (TUF 5.x).
import * as path from 'node:path';
import { TufError } from './errors';

export const TOP_LEVEL_ROLES = ['root', 'targets', 'snapshot', 'timestamp'] as const;
export type TopLevelRole = (typeof TOP_LEVEL_ROLES)[number];

export interface RepoLayout {
  dir: string;
  config: string;
  /** The signing session directory: staged metadata, signing requests, target bytes. */
  sessionDir: string;
  stagedMetadata: string;
  requests: string;
  blobs: string;
  /** The published repository: serve `metadata/` and `targets/` as the TUF mirror. */
  published: string;
  publishedMetadata: string;
  publishedTargets: string;
}

export function repoLayout(dir: string): RepoLayout {
  const sessionDir = path.join(dir, 'staged');
  const published = path.join(dir, 'published');
  return {
    dir,
    config: path.join(dir, 'rootsmith-tuf.json'),
    sessionDir,
    stagedMetadata: path.join(sessionDir, 'metadata'),
    requests: path.join(sessionDir, 'requests'),
    blobs: path.join(sessionDir, 'blobs'),
    published,
    publishedMetadata: path.join(published, 'metadata'),
    publishedTargets: path.join(published, 'targets'),
  };
}

/** The layout of a session directory alone (what importSignature is given). */
export function sessionLayout(sessionDir: string): { metadata: string; requests: string } {
  return { metadata: path.join(sessionDir, 'metadata'), requests: path.join(sessionDir, 'requests') };
}

export function isTopLevelRole(role: string): role is TopLevelRole {
  return (TOP_LEVEL_ROLES as readonly string[]).includes(role);
}

/** Delegated role names become file names (`N.<name>.json`), so keep them to a safe alphabet. */
export function assertDelegatedRoleName(name: string): void {
  if (isTopLevelRole(name) || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) {
    throw new TufError('ROLE_UNKNOWN', `"${name}" cannot name a delegated role: use letters, digits, ".", "_" or "-", not a top-level role name.`, {
      details: { role: name },
    });
  }
}
