// An exclusive lock on a services data directory for the whole life of the stack that uses it: two stacks on one
// directory would each append to their own view of the log (a split view that loses accepted entries).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../core/clock';
import { RootsmithError } from '../../core/errors';

export type DataDirLockErrorCode = 'DATA_DIR_IN_USE' | 'DATA_DIR_LOCK_FAILED';
export class DataDirLockError extends RootsmithError<DataDirLockErrorCode> {}

export const LOCK_FILE = 'serve.lock';

/** What the lock file holds: who holds the directory, and a token so only the holder releases it. */
export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  /** e.g. "rootsmith serve" or "the Rootsmith app". */
  by: string;
  token: string;
}

export interface DataDirLock {
  file: string;
  holder: LockHolder;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

export interface LockOptions {
  clock: Clock;
  /** Who is taking the lock, for the message another process gets. */
  by: string;
  /** Told when a stale lock (its process is gone) is taken over. */
  notice(message: string): void;
}

function code(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

function parseHolder(text: string): LockHolder | null {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isInteger(v.pid) || typeof v.hostname !== 'string' || typeof v.startedAt !== 'string' || typeof v.token !== 'string') return null;
    return { pid: v.pid!, hostname: v.hostname, startedAt: v.startedAt, by: typeof v.by === 'string' ? v.by : 'rootsmith serve', token: v.token };
  } catch {
    return null;
  }
}

/** True unless the holder's process is known to be gone: on another host it cannot be checked, so it counts as alive. */
function alive(holder: LockHolder): boolean {
  if (holder.hostname !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return code(e) !== 'ESRCH';
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (code(e) === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Takes the lock file of `dataDir` (create-exclusive) or throws DATA_DIR_IN_USE naming the live holder. A lock
 * whose process is gone from this host (killed, crashed) is taken over, and `notice` says so.
 */
export function lockDataDir(dataDir: string, options: LockOptions): DataDirLock {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_FILE);
  const token = randomBytes(8).toString('hex');
  const holder: LockHolder = { pid: process.pid, hostname: os.hostname(), startedAt: options.clock.now().toISOString(), by: options.by, token };
  const failed = (e: unknown) => new DataDirLockError('DATA_DIR_LOCK_FAILED', `Cannot lock ${dir}: ${(e as Error).message}`, { cause: e });
  for (let attempt = 0; attempt < 5; attempt++) {
    // The full content goes to a private file first, then is hard-linked to the lock name: link() fails with
    // EEXIST atomically, so another process never reads a half-written lock.
    const tmp = path.join(dir, `.${LOCK_FILE}.${process.pid}.${token}`);
    try {
      fs.writeFileSync(tmp, `${JSON.stringify(holder)}\n`, { flag: 'wx' });
      try {
        fs.linkSync(tmp, file);
        return held(file, holder);
      } catch (e) {
        if (code(e) !== 'EEXIST') throw e;
      }
    } catch (e) {
      throw failed(e);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    let text: string | null;
    try {
      text = readText(file);
    } catch (e) {
      throw failed(e);
    }
    if (text === null) continue; // released in the meantime: try again
    const other = parseHolder(text);
    if (other && alive(other)) {
      const where = other.hostname === os.hostname() ? '' : ` on ${other.hostname}`;
      throw new DataDirLockError(
        'DATA_DIR_IN_USE',
        `${dir} is in use by ${other.by} (pid ${other.pid}${where}, since ${other.startedAt}); stop it first. ` +
          `Two services on one data directory would fork its transparency log. (If that process is not Rootsmith, delete ${file}.)`,
        { details: { pid: other.pid, hostname: other.hostname, since: other.startedAt, lockFile: file } },
      );
    }
    if (takeOver(file, text)) {
      options.notice(
        other
          ? `${dir} was locked by pid ${other.pid} (since ${other.startedAt}), which is no longer running; taking the lock over.`
          : `${file} was unreadable; taking the lock over.`,
      );
    }
  }
  throw new DataDirLockError('DATA_DIR_LOCK_FAILED', `Cannot lock ${dir}: other processes keep taking and dropping ${file}; try again.`);
}

/**
 * Moves a stale lock aside, unless another process replaced it meanwhile (then it is put back): two processes
 * taking over the same stale lock must not remove each other's fresh one.
 */
function takeOver(file: string, staleText: string): boolean {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(file, aside);
  } catch (e) {
    if (code(e) === 'ENOENT') return false;
    throw new DataDirLockError('DATA_DIR_LOCK_FAILED', `Cannot take over the stale lock ${file}: ${(e as Error).message}`, { cause: e });
  }
  try {
    if (fs.readFileSync(aside, 'utf8') === staleText) return true;
    try {
      fs.linkSync(aside, file);
    } catch {
      // someone else locked meanwhile; theirs stays
    }
    return false;
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

function held(file: string, holder: LockHolder): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (parseHolder(fs.readFileSync(file, 'utf8'))?.token === holder.token) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  // A process that ends without stopping its stack (process.exit, an uncaught error) still frees the directory.
  process.on('exit', release);
  return { file, holder, release };
}
