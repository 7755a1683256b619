// The repository's own settings file (`rootsmith-tuf.json`): format version and expiry periods per role.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { TufError } from './errors';
import { DEFAULT_EXPIRY_DAYS, type ExpiryPolicy } from './expiry';
import { formatMetadataJson, parseJsonObject } from './metadata-json';

const days = z.number().int().min(1).max(36500);

export const repoConfigSchema = z.strictObject({
  type: z.literal('rootsmith/tuf-repository'),
  formatVersion: z.literal(1),
  expiryDays: z.strictObject({ root: days, targets: days, snapshot: days, timestamp: days, delegated: days }),
});

export type RepoConfig = z.infer<typeof repoConfigSchema>;

export function newRepoConfig(expiry: Partial<ExpiryPolicy> = {}): RepoConfig {
  return { type: 'rootsmith/tuf-repository', formatVersion: 1, expiryDays: { ...DEFAULT_EXPIRY_DAYS, ...expiry } };
}

export function loadRepoConfig(file: string): RepoConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const dir = path.dirname(file);
    throw new TufError(
      'REPO_NOT_FOUND',
      `No TUF repository in ${dir}: ${path.basename(file)} is missing. Name the repository's directory (rootsmith tuf VERB ... DIR, or --repo DIR), or create one with rootsmith tuf init DIR.`,
      { cause: e, details: { file, dir } },
    );
  }
  const parsed = repoConfigSchema.safeParse(parseJsonObject(text, file));
  if (!parsed.success) {
    throw new TufError('METADATA_INVALID', `${file} is not a valid repository config: ${parsed.error.issues[0]?.message ?? ''}`, {
      details: { file },
    });
  }
  return parsed.data;
}

export function saveRepoConfig(file: string, config: RepoConfig): void {
  fs.writeFileSync(file, formatMetadataJson(config));
}
