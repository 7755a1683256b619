// Reads a file a person named (a signing request, a signature, a target, a trusted root) and turns the file
// system's ENOENT/EISDIR/EACCES into typed errors that say which file and what to give instead.
import fs from 'node:fs';
import { TufError } from '../../../core/tuf';

/** `what` names the file's purpose for the message, e.g. "The signing request". */
export function readInputFile(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new TufError('FILE_NOT_FOUND', `${what} ${file} does not exist; check the path.`, { cause: e, details: { file } });
    }
    if (code === 'EISDIR') {
      throw new TufError('FILE_UNREADABLE', `${what} ${file} is a directory; give the file itself.`, { cause: e, details: { file } });
    }
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
    throw new TufError('FILE_UNREADABLE', `${what} ${file} cannot be read (${why}).`, { cause: e, details: { file } });
  }
}
