// The checkpoint note text (C2SP tlog-checkpoint "Note text"): origin, decimal tree size, base64 root hash,
// then optional non-empty extension lines, each ending in a newline.
import { toBase64 } from '../bytes';
import { TlogError } from './errors';
import { HASH_SIZE } from './hash';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Opaque extension lines, without their newlines (NOT RECOMMENDED by the spec; kept so notes round-trip). */
  extensions: readonly string[];
}

function invalid(message: string): TlogError {
  return new TlogError('CHECKPOINT_INVALID', message);
}

function checkLine(line: string, what: string): void {
  if (line.length === 0) throw invalid(`The checkpoint ${what} is empty.`);
  if (line.includes('\n')) throw invalid(`The checkpoint ${what} contains a newline.`);
}

/** The note text of `cp`. Throws CHECKPOINT_INVALID for an empty origin, a bad size or a root that is not 32 bytes. */
export function formatCheckpoint(cp: Checkpoint): string {
  checkLine(cp.origin, 'origin');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw invalid('The checkpoint tree size must be a non-negative integer.');
  if (cp.rootHash.byteLength !== HASH_SIZE) throw invalid(`The checkpoint root hash must be ${HASH_SIZE} bytes.`);
  cp.extensions.forEach((e) => checkLine(e, 'extension line'));
  return [cp.origin, String(cp.size), toBase64(cp.rootHash), ...cp.extensions].map((l) => `${l}\n`).join('');
}

/** Parses checkpoint note text. Throws CHECKPOINT_INVALID. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw invalid('The checkpoint text does not end with a newline.');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw invalid('A checkpoint has at least three lines: origin, tree size, root hash.');
  lines.forEach((l, i) => checkLine(l, `line ${i + 1}`));
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  // Tree size: ASCII decimal without leading zeroes (tlog-checkpoint 2).
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw invalid('The checkpoint tree size is not a decimal number without leading zeroes.');
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw invalid('The checkpoint tree size is too large.');
  // Root hash: standard base64 of the 32-byte RFC 6962 root (tlog-checkpoint 3); only the canonical encoding is accepted.
  const rootHash = new Uint8Array(Buffer.from(rootLine, 'base64'));
  if (rootHash.byteLength !== HASH_SIZE || toBase64(rootHash) !== rootLine) {
    throw invalid(`The checkpoint root hash is not the base64 of ${HASH_SIZE} bytes.`);
  }
  return { origin, size, rootHash, extensions };
}
