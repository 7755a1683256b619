// Writes the published repository as clients fetch it with consistent snapshots (TUF 5.x): N.root.json,
// N.targets.json, N.<role>.json, N.snapshot.json, timestamp.json, root.json, targets/<hash>.<name>.
// Versioned files are created exclusively: a published version is never overwritten.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TargetFile } from '@tufjs/models';
import { TufError } from './errors';

export function versionedName(role: string, version: number): string {
  return `${version}.${role}.json`;
}

export function assertAbsent(file: string): void {
  if (fs.existsSync(file)) {
    throw new TufError('FILE_EXISTS', `${file} already exists: that version was published before; nothing was written.`, { details: { file } });
  }
}

export function writeExclusive(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  createExclusive(file, data);
}

/** writeExclusive into a directory that exists. */
function createExclusive(file: string, data: string | Uint8Array): void {
  try {
    fs.writeFileSync(file, data, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new TufError('FILE_EXISTS', `${file} already exists; published files are never overwritten.`, { cause: e, details: { file } });
    }
    throw e;
  }
}

/** Replaces an unversioned file (timestamp.json, root.json) atomically: readers see the old or the new file. */
export function writeReplace(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** Hash-prefixed file names of a target, one per listed hash (`dir/<hash>.<base>`, as TUF 5.7.3 clients ask). */
export function targetFileNames(target: TargetFile): string[] {
  const { dir, base } = path.posix.parse(target.path);
  return Object.values(target.hashes).map((h) => (dir ? `${dir}/${h}.${base}` : `${h}.${base}`));
}

/** One staged blob (named by its SHA-256) to write under the hash-prefixed names not yet published. */
export interface TargetCopy {
  path: string;
  blob: string;
  names: string[];
}

/** Names of the files in `base`/`rel` (`rel` "/"-separated; none if it does not exist), each directory listed once. */
function directoryListing(base: string): (rel: string) => Set<string> {
  const cache = new Map<string, Set<string>>();
  return (rel) => {
    let names = cache.get(rel);
    if (!names) {
      const dir = path.join(base, ...rel.split('/'));
      names = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
      cache.set(rel, names);
    }
    return names;
  };
}

/** "a/b/c" -> ["a/b", "c"]; "c" -> ["", "c"]. */
function splitName(name: string): [string, string] {
  const i = name.lastIndexOf('/');
  return i < 0 ? ['', name] : [name.slice(0, i), name.slice(i + 1)];
}

/**
 * Which target files a publish must write: every hash-prefixed name of `targets` not already in `targetsDir`,
 * from the staged blob of the target's bytes; TARGET_NOT_FOUND if a name is missing and the bytes are not staged.
 * One directory listing per directory, not a stat per file, so 100,000 targets cost a few hundred listings.
 */
export function planTargetCopies(targetsDir: string, blobsDir: string, targets: Iterable<TargetFile>): TargetCopy[] {
  const published = directoryListing(targetsDir);
  const blobs = directoryListing(blobsDir)('');
  const planned = new Set<string>();
  const copies: TargetCopy[] = [];
  for (const target of targets) {
    const names = targetFileNames(target).filter((n) => {
      const [dir, base] = splitName(n);
      return !planned.has(n) && !published(dir).has(base);
    });
    if (names.length === 0) continue;
    const blob = target.hashes['sha256'];
    if (blob === undefined || !blobs.has(blob)) {
      throw new TufError('TARGET_NOT_FOUND', `The bytes of target "${target.path}" are neither staged nor published; add the target again.`, {
        details: { path: target.path },
      });
    }
    for (const n of names) planned.add(n);
    copies.push({ path: target.path, blob, names });
  }
  return copies;
}

/** Writes each planned copy (exclusively: a published file is never overwritten); returns the files written. */
export function copyTargets(targetsDir: string, blobsDir: string, copies: readonly TargetCopy[]): string[] {
  const written: string[] = [];
  const made = new Set<string>();
  for (const copy of copies) {
    const bytes = fs.readFileSync(path.join(blobsDir, copy.blob));
    for (const name of copy.names) {
      const file = path.join(targetsDir, ...name.split('/'));
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      createExclusive(file, bytes);
      written.push(file);
    }
  }
  return written;
}
