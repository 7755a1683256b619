// Paths the ceremony and keys commands take, checked up front so the user reads what was expected at which
// path (FILE_NOT_FOUND, NOT_A_FILE, NOT_A_DIRECTORY, NOT_A_CERTIFICATE), never errno or parser text.
import fs from 'node:fs';
import path from 'node:path';
import { pemToChain } from '../../../core/pki/chain';
import { viewCertificate } from '../../../core/pki/cert-view';
import { CommandFailed } from '../output';

function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

/** The first existing part of `p` (itself or an ancestor) that is not a directory, if any. */
function fileInTheWay(p: string): string | undefined {
  for (let dir = path.resolve(p); ; dir = path.dirname(dir)) {
    const s = statOf(dir);
    if (s) return s.isDirectory() ? undefined : dir;
    if (dir === path.dirname(dir)) return undefined;
  }
}

/** A certificate file (PEM) that `what` (e.g. "the certificate to lint") names. */
export function requireCertificateFile(file: string, what: string): void {
  const s = statOf(file);
  if (!s) throw new CommandFailed({ code: 'FILE_NOT_FOUND', message: `No file at ${file} (${what}).`, details: { path: file } });
  if (!s.isFile()) throw new CommandFailed({ code: 'NOT_A_FILE', message: `${file} is a directory; ${what} must be a certificate file (PEM).`, details: { path: file } });
  try {
    viewCertificate(pemToChain(fs.readFileSync(file, 'utf8'))[0]!);
  } catch {
    throw new CommandFailed({ code: 'NOT_A_CERTIFICATE', message: `${file} holds no readable certificate: ${what} must be a PEM file with a "-----BEGIN CERTIFICATE-----" block.`, details: { path: file } });
  }
}

/** An existing ceremony directory: one holding transcript.jsonl. */
export function requireCeremonyDir(dir: string, transcriptFile: string): void {
  const s = statOf(dir);
  if (!s) throw new CommandFailed({ code: 'FILE_NOT_FOUND', message: `No ceremony directory at ${dir}.`, details: { path: dir } });
  if (!s.isDirectory()) {
    throw new CommandFailed({ code: 'NOT_A_DIRECTORY', message: `${dir} is a file; give the ceremony directory (the one holding ${transcriptFile}).`, details: { path: dir } });
  }
  if (!statOf(path.join(dir, transcriptFile))?.isFile()) {
    throw new CommandFailed({ code: 'FILE_NOT_FOUND', message: `${dir} holds no ${transcriptFile}: it is not a ceremony directory, or its ceremony never began.`, details: { path: dir } });
  }
}

/** A directory to use or create (`flag` names the option): NOT_A_DIRECTORY when a file is in the way. */
export function requireDirectoryPath(dir: string, flag: string): void {
  const blocker = fileInTheWay(dir);
  if (blocker === undefined) return;
  const message = blocker === path.resolve(dir) ? `${flag} ${dir} is a file; a directory was expected.` : `${flag} ${dir} cannot be a directory: ${blocker} is a file.`;
  throw new CommandFailed({ code: 'NOT_A_DIRECTORY', message, details: { path: dir } });
}
