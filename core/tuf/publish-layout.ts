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

/** Copies a target's bytes under each of its hash-prefixed names; existing names already hold these bytes. */
export function publishTarget(targetsDir: string, target: TargetFile, bytes: Uint8Array): string[] {
  const written: string[] = [];
  for (const name of targetFileNames(target)) {
    const file = path.join(targetsDir, ...name.split('/'));
    if (fs.existsSync(file)) continue;
    writeExclusive(file, bytes);
    written.push(file);
  }
  return written;
}
