// Command-line arguments of `rootsmith tuf` checked before any work: the repository (DIR or --repo DIR, the same
// way on every verb), whole numbers with their limits, and key files (not a directory; a public key cannot sign).
import fs from 'node:fs';
import { isPkcs11Uri } from '../../../core/keys';
import { TufError } from '../../../core/tuf';
import { UsageError } from '../errors';
import { splitOwner } from '../tuf-key-refs';

/** The longest validity period a role may have (the contract's limit): 36500 days, 100 years. */
export const MAX_EXPIRY_DAYS = 36500;

export function wholeNumber(value: string | undefined, what: string, min: number, max?: number): number {
  const n = Number(value);
  const range = max === undefined ? `at least ${min}` : `from ${min} to ${max}`;
  if (value === undefined || value.trim() === '' || !Number.isInteger(n) || n < min) throw new UsageError(`${what} must be a whole number ${range}.`);
  if (max !== undefined && n > max) throw new UsageError(`${what} must be at most ${max}${what === 'expiry days' ? ' (100 years)' : ''}.`);
  return n;
}

/**
 * The repository a verb works on: the positional at `index` (when the verb has one there) or --repo, not both
 * unless they agree; `fallback` when neither (the current directory for edits). Extra positionals are refused.
 */
export function repoArg(opts: { repo?: string | undefined }, pos: readonly string[], index: number, fallback?: string): string {
  const positional = pos[index];
  if (pos.length > index + 1) throw new UsageError(`Unexpected argument "${pos[index + 1]}" (the repository is ${positional}).`);
  if (opts.repo !== undefined && positional !== undefined && opts.repo !== positional) {
    throw new UsageError(`The repository is named twice (${positional} and --repo ${opts.repo}); give it once, as DIR or as --repo DIR.`);
  }
  const dir = opts.repo ?? positional ?? fallback;
  if (dir === undefined || dir === '') throw new UsageError('Name the repository: DIR or --repo DIR.');
  return dir;
}

/** A key reference that names a file must name a file, not a directory (read later by the key resolver). */
export function checkKeyRef(arg: string, flag: string): void {
  const { ref } = splitOwner(arg);
  if (isPkcs11Uri(ref)) return;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(ref);
  } catch {
    return; // the key resolver says it is neither a PKCS#11 URI nor an existing file
  }
  if (stat.isDirectory()) {
    throw new TufError('FILE_UNREADABLE', `${flag} ${ref} is a directory; give a public key PEM file (or a key file or PKCS#11 URI) instead.`, { details: { file: ref } });
  }
}

/** A signing key must be a private key: a PEM public key file is refused before any passphrase is asked for. */
export function checkSigningKeyRef(ref: string, flag: string): void {
  checkKeyRef(ref, flag);
  if (isPkcs11Uri(ref) || !fs.existsSync(ref)) return;
  const text = fs.readFileSync(ref, 'utf8');
  if (text.includes('-----BEGIN PUBLIC KEY-----') || text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new TufError(
      'KEY_UNSUPPORTED',
      `${flag} ${ref} is a public key${text.includes('CERTIFICATE') ? ' certificate' : ''}: it can check signatures but cannot make them. Give the private key instead: its encrypted key file (with --passphrase-env) or its PKCS#11 URI (with --pin-env).`,
      { details: { file: ref } },
    );
  }
}
