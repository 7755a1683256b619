// Target file entries: length and SHA-256 + SHA-512 of the bytes (TUF 4.5 "targets"), and path safety checks.
import { createHash } from 'node:crypto';
import { TargetFile } from '@tufjs/models';
import { TufError } from './errors';

export function assertTargetPath(targetPath: string): void {
  const parts = targetPath.split('/');
  if (targetPath === '' || targetPath.startsWith('/') || targetPath.includes('\\') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new TufError('TARGET_PATH_INVALID', `"${targetPath}" is not a valid target path: use relative "/"-separated names without "." or ".." parts.`, {
      details: { path: targetPath },
    });
  }
}

export function targetFileFromBytes(targetPath: string, bytes: Uint8Array): TargetFile {
  assertTargetPath(targetPath);
  return new TargetFile({
    path: targetPath,
    length: bytes.byteLength,
    hashes: {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sha512: createHash('sha512').update(bytes).digest('hex'),
    },
  });
}
