// Maps what the tuf-js client throws to Rootsmith's typed TUF errors, so a failed client check says why:
// EXPIRED, ROLLBACK, BAD_SIGNATURE, TARGET_MISMATCH, METADATA_MISMATCH, DOWNLOAD_FAILED or CLIENT_ERROR.
// tuf-js wraps snapshot and targets failures in a RuntimeError whose text holds the real one
// ("Unable to load targets error Error: targets was signed by 0/1 keys"): that inner text is what is mapped.
import { TufError, type TufErrorCode } from './errors';

/** Class names of the tuf-js / @tufjs/models errors (their classes are not all exported, names are stable). */
function errorClass(e: unknown): string {
  return e instanceof Error ? e.constructor.name : '';
}

function codeOfClass(name: string, message: string, phase: 'refresh' | 'target'): TufErrorCode | undefined {
  switch (name) {
    case 'ExpiredMetadataError':
      return 'EXPIRED';
    case 'EqualVersionError':
      return 'ROLLBACK';
    case 'BadVersionError':
      // TUF 5.4.3 / 5.5.5: a version lower than the trusted one is a rollback; other version errors are mismatches.
      return /less than|equal to/.test(message) ? 'ROLLBACK' : 'METADATA_MISMATCH';
    case 'UnsignedMetadataError':
      return 'BAD_SIGNATURE';
    case 'LengthOrHashMismatchError':
    case 'DownloadLengthMismatchError':
      return phase === 'target' ? 'TARGET_MISMATCH' : 'METADATA_MISMATCH';
    case 'DownloadHTTPError':
    case 'DownloadError':
      return 'DOWNLOAD_FAILED';
    default:
      return undefined;
  }
}

/** The code of an error known only by its text (the inner error of a tuf-js RuntimeError). */
function codeOfText(text: string, phase: 'refresh' | 'target'): TufErrorCode {
  if (/was signed by \d+\/\d+ keys|failed to verify .* signature/.test(text)) return 'BAD_SIGNATURE';
  if (/is expired/.test(text)) return 'EXPIRED';
  if (/less than|equal to/.test(text)) return 'ROLLBACK';
  if (/length|hash/i.test(text)) return phase === 'target' ? 'TARGET_MISMATCH' : 'METADATA_MISMATCH';
  if (/[Vv]ersion|Missing .*in .*snapshot|Expected '/.test(text)) return 'METADATA_MISMATCH';
  if (/download|fetch|HTTP|ECONNREFUSED|ENOTFOUND/i.test(text)) return 'DOWNLOAD_FAILED';
  return 'CLIENT_ERROR';
}

/** tuf-js's terse texts as sentences, e.g. "targets was signed by 0/1 keys". */
function readable(text: string): string {
  const signed = /^(\S+) was signed by (\d+)\/(\d+) keys$/.exec(text);
  if (signed) {
    const [, role, have, need] = signed;
    return `${role} carries valid signatures from ${have} of the ${need} keys its threshold requires (a signature is missing, was made over other bytes, or by a key type the client cannot check)`;
  }
  if (text === 'fetch failed') return 'the repository could not be reached (connection refused or no answer)';
  // make-fetch-happen's words for a mirror that accepted but did not answer, or refused the connection.
  const timedOut = /^network timeout at: (\S+)$/.exec(text);
  if (timedOut) return `${timedOut[1]} did not answer in time (check that the mirror is running and not stuck)`;
  const refused = /^request to (\S+) failed, reason: connect ECONNREFUSED/.exec(text);
  if (refused) return `nothing accepts connections at ${refused[1]} (connection refused; check the URL and that the mirror is running)`;
  return text;
}

export function mapClientError(e: unknown, phase: 'refresh' | 'target', subject: string): TufError {
  if (e instanceof TufError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const wrapped = /^Unable to load (snapshot metadata|targets) error (?:\w*Error: )?([\s\S]*)$/.exec(message);
  const inner = wrapped ? wrapped[2]!.trim() : message;
  const code = (wrapped ? undefined : codeOfClass(errorClass(e), message, phase)) ?? codeOfText(inner, phase);
  const role = /^(\S+?)(?:\.json)? (?:was signed by|is expired)/.exec(inner)?.[1] ?? (wrapped?.[1] === 'snapshot metadata' ? 'snapshot' : undefined);
  return new TufError(code, `The TUF client rejected ${subject}: ${readable(inner)}.`, {
    cause: e,
    details: { phase, subject, ...(role ? { role } : {}) },
  });
}
