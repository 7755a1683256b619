// Crash-safe, create-exclusive key file writes: the key goes to a temporary file in the same directory (0600,
// exclusive), is fsynced, then hard-linked to its name (link(2) fails with EEXIST, so nothing is ever
// overwritten) and the directory fsynced. An interruption leaves either no key file or a complete one.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { KeyError } from './errors';

/** Temporary files start with this; one left behind by a killed process never holds a key Rootsmith uses. */
export const KEY_TEMP_PREFIX = '.rootsmith-tmp-';

async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `content` to `file` exactly once; KEY_FILE_EXISTS when anything is already there. */
export async function writeKeyFileExclusive(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `${KEY_TEMP_PREFIX}${path.basename(file)}.${randomBytes(6).toString('hex')}`);
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.link(temp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new KeyError('KEY_FILE_EXISTS', `${file} already exists; choose a new file name (key files are never overwritten).`, { cause: e, details: { path: file } });
      }
      throw e;
    }
  } finally {
    await fs.rm(temp, { force: true });
  }
  await fsyncDir(dir);
}
