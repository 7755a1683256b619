// Node's filesystem errors (ENOENT, EISDIR, ...) as typed errors that name the path and say what went wrong,
// for the CLI's top-level handler and the service registry: never the raw errno text.
import fs from 'node:fs';
import path from 'node:path';
import { RootsmithError } from '../../core/errors';

export type FileErrorCode = 'FILE_NOT_FOUND' | 'NOT_A_FILE' | 'NOT_A_DIRECTORY' | 'FILE_EXISTS' | 'DIR_NOT_EMPTY' | 'PERMISSION_DENIED' | 'DISK_FULL' | 'READ_ONLY';

export class FileError extends RootsmithError<FileErrorCode> {}

interface SystemError {
  code: string;
  syscall?: string;
  path?: string;
}

const fileSyscalls = new Set([
  'open', 'read', 'write', 'close', 'stat', 'lstat', 'fstat', 'access', 'mkdir', 'mkdtemp', 'rmdir', 'rm', 'unlink', 'rename',
  'copyfile', 'link', 'symlink', 'readlink', 'realpath', 'scandir', 'opendir', 'chmod', 'chown', 'utime', 'fsync', 'ftruncate',
]);

function systemError(e: unknown): SystemError | undefined {
  if (!(e instanceof Error)) return undefined;
  const s = e as Error & Partial<SystemError>;
  // Only file-system calls: a failed spawn, connect or kill is something else, even with ENOENT or EPERM.
  return typeof s.code === 'string' && typeof s.syscall === 'string' && fileSyscalls.has(s.syscall) ? (s as SystemError) : undefined;
}

/** What the program was doing, from the system call: "Cannot read X", "Cannot create the directory X"... */
function doing(syscall: string | undefined, code: string): string {
  switch (syscall) {
    case 'mkdir':
      return 'Cannot create the directory';
    case 'scandir':
    case 'opendir':
      return 'Cannot list the directory';
    case 'rmdir':
    case 'unlink':
    case 'rm':
      return 'Cannot remove';
    case 'rename':
    case 'copyfile':
    case 'link':
    case 'symlink':
    case 'write':
      return 'Cannot write';
    case 'open':
      return code === 'EEXIST' ? 'Cannot create' : 'Cannot open';
    default:
      return 'Cannot read';
  }
}

/** For ENOTDIR: the first part of the path that exists but is not a directory, when one can be found. */
function fileInTheWay(p: string): string | undefined {
  let dir = path.dirname(p);
  const chain: string[] = [];
  while (dir !== path.dirname(dir)) {
    chain.unshift(dir);
    dir = path.dirname(dir);
  }
  for (const d of chain) {
    try {
      if (!fs.statSync(d).isDirectory()) return d;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** An output that is already there: Rootsmith never overwrites one (the same code and words everywhere). */
export function fileExists(p: string, cause?: unknown): FileError {
  const message = `Cannot create ${p}: it already exists, and Rootsmith never overwrites a file; choose another name or move it away.`;
  return new FileError('FILE_EXISTS', message, { ...(cause === undefined ? {} : { cause }), details: { path: p } });
}

/**
 * The FileError for a Node filesystem error, or undefined when `e` is something else. `file` names the path
 * when the error does not (reading a directory fails in `read`, after the open, and Node gives no path then).
 */
export function fileError(e: unknown, file?: string): FileError | undefined {
  if (e instanceof FileError) return e;
  const s = systemError(e);
  if (!s) return undefined;
  const p = s.path ?? file;
  const what = p === undefined ? doing(s.syscall, s.code) : `${doing(s.syscall, s.code)} ${p}`;
  const details = { ...(p === undefined ? {} : { path: p }), ...(s.syscall ? { syscall: s.syscall } : {}) };
  const make = (code: FileErrorCode, message: string) => new FileError(code, message, { cause: e, details });
  switch (s.code) {
    case 'ENOENT':
      return make('FILE_NOT_FOUND', s.syscall === 'mkdir' ? `${what}: its parent directory does not exist.` : `${what}: no such file or directory.`);
    case 'EISDIR':
      return make('NOT_A_FILE', `${what}: it is a directory, a file was expected.`);
    case 'ENOTDIR': {
      const inTheWay = p === undefined ? undefined : fileInTheWay(p);
      if (s.syscall === 'scandir' || s.syscall === 'opendir') return make('NOT_A_DIRECTORY', `${what}: it is a file, a directory was expected.`);
      return make('NOT_A_DIRECTORY', inTheWay ? `${what}: ${inTheWay} is a file, a directory was expected.` : `${what}: a part of the path is a file, a directory was expected.`);
    }
    case 'EEXIST':
      return s.syscall === 'mkdir' || p === undefined ? make('FILE_EXISTS', `${what}: a file with that name is in the way.`) : fileExists(p, e);
    case 'EACCES':
    case 'EPERM':
      return make('PERMISSION_DENIED', `${what}: permission denied.`);
    case 'ENOSPC':
      return make('DISK_FULL', `${what}: the disk is full.`);
    case 'EROFS':
      return make('READ_ONLY', `${what}: the file system is read-only.`);
    default:
      return undefined;
  }
}

/** fs.readFileSync, its failure turned into a FileError naming `file`. */
export function readFileOrFail(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw fileError(e, file) ?? e;
  }
}
