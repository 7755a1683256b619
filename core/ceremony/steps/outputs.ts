// Writing ceremony outputs: create-exclusive ('wx') and fsynced, so nothing is ever overwritten and what the
// transcript records is on disk. Also reads back outputs on resume.
import fs from 'node:fs';
import path from 'node:path';
import { sha256, toHex } from '../../bytes';
import { pemToChain } from '../../pki/chain';
import { CeremonyError } from '../errors';
import type { TranscriptOutput } from '../transcript-entry';

export function outputPath(dir: string, name: string): string {
  return path.join(dir, name);
}

/** Writes `content` to dir/name only if it does not exist yet; OUTPUT_EXISTS otherwise. */
export function writeOutput(dir: string, name: string, content: string): TranscriptOutput {
  let fd: number;
  try {
    fd = fs.openSync(outputPath(dir, name), 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CeremonyError('OUTPUT_EXISTS', `${name} already exists in ${dir}; a ceremony never overwrites its outputs.`, { details: { file: name } });
    }
    throw e;
  }
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { file: name, sha256: toHex(sha256(new TextEncoder().encode(content))) };
}

/** The bytes of an output that exists on disk but that no transcript line records (a crash before the append). */
export function unrecordedOutput(dir: string, name: string, recorded: ReadonlySet<string>): Uint8Array | null {
  if (recorded.has(name)) return null;
  const p = outputPath(dir, name);
  return fs.existsSync(p) ? new Uint8Array(fs.readFileSync(p)) : null;
}

export function recordOf(name: string, bytes: Uint8Array): TranscriptOutput {
  return { file: name, sha256: toHex(sha256(bytes)) };
}

function readOutput(dir: string, name: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(outputPath(dir, name)));
  } catch (e) {
    throw new CeremonyError('OUTPUT_MISSING', `${name}, written by an earlier run of this ceremony, is missing from ${dir}.`, { cause: e, details: { file: name } });
  }
}

/** The certificate an earlier run wrote to dir/name (its first PEM block), for a step's restore on resume. */
export function readCertificateOutput(dir: string, name: string): Uint8Array {
  return pemToChain(new TextDecoder().decode(readOutput(dir, name)))[0]!;
}
