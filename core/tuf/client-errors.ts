// Maps what the tuf-js client throws to Rootsmith's typed TUF errors, so a failed client check says why:
// EXPIRED, ROLLBACK, BAD_SIGNATURE, TARGET_MISMATCH, METADATA_MISMATCH, DOWNLOAD_FAILED or CLIENT_ERROR.
import { TufError, type TufErrorCode } from './errors';

/** Class names of the tuf-js / @tufjs/models errors (their classes are not all exported, names are stable). */
function errorClass(e: unknown): string {
  return e instanceof Error ? e.constructor.name : '';
}

export function mapClientError(e: unknown, phase: 'refresh' | 'target', subject: string): TufError {
  if (e instanceof TufError) return e;
  const message = e instanceof Error ? e.message : String(e);
  let code: TufErrorCode;
  switch (errorClass(e)) {
    case 'ExpiredMetadataError':
      code = 'EXPIRED';
      break;
    case 'EqualVersionError':
      code = 'ROLLBACK';
      break;
    case 'BadVersionError':
      // TUF 5.4.3 / 5.5.5: a version lower than the trusted one is a rollback; other version errors are mismatches.
      code = /less than|equal to/.test(message) ? 'ROLLBACK' : 'METADATA_MISMATCH';
      break;
    case 'UnsignedMetadataError':
      code = 'BAD_SIGNATURE';
      break;
    case 'LengthOrHashMismatchError':
    case 'DownloadLengthMismatchError':
      code = phase === 'target' ? 'TARGET_MISMATCH' : 'METADATA_MISMATCH';
      break;
    case 'DownloadHTTPError':
    case 'DownloadError':
      code = 'DOWNLOAD_FAILED';
      break;
    default:
      code = 'CLIENT_ERROR';
  }
  return new TufError(code, `The TUF client rejected ${subject}: ${message}`, { cause: e, details: { phase, subject } });
}
