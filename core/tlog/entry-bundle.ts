// Entry bundles (C2SP tlog-tiles "Log entries"): entries concatenated, each prefixed by its length as a
// big-endian uint16, so a logged entry is at most 65535 bytes.
import { TlogError } from './errors';

export const MAX_ENTRY_SIZE = 0xffff;

/** Throws ENTRY_INVALID unless `entry` fits in a bundle. */
export function requireLoggableEntry(entry: Uint8Array): void {
  if (!(entry instanceof Uint8Array)) throw new TlogError('ENTRY_INVALID', 'A log entry must be bytes.');
  if (entry.byteLength > MAX_ENTRY_SIZE) {
    throw new TlogError('ENTRY_INVALID', `A log entry is at most ${MAX_ENTRY_SIZE} bytes (this one has ${entry.byteLength}).`, {
      details: { size: entry.byteLength },
    });
  }
}

export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const e of entries) total += 2 + e.byteLength;
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    requireLoggableEntry(e);
    out[at] = e.byteLength >>> 8;
    out[at + 1] = e.byteLength & 0xff;
    out.set(e, at + 2);
    at += 2 + e.byteLength;
  }
  return out;
}

/** A batch of entries encoded once as bundle records (length, entry) back to back: bundles are slices of it. */
export interface PackedEntries {
  readonly data: Uint8Array;
  /** offsets[k]: where record k (its two length bytes) starts; offsets[count] = data.byteLength. */
  readonly offsets: Float64Array;
  readonly count: number;
}

/** Validates and copies `entries` into one buffer of bundle records (ENTRY_INVALID for a bad entry). */
export function packEntries(entries: readonly Uint8Array[]): PackedEntries {
  let total = 0;
  for (const e of entries) {
    requireLoggableEntry(e);
    total += 2 + e.byteLength;
  }
  const data = new Uint8Array(total);
  const offsets = new Float64Array(entries.length + 1);
  let at = 0;
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    offsets[k] = at;
    data[at] = e.byteLength >>> 8;
    data[at + 1] = e.byteLength & 0xff;
    data.set(e, at + 2);
    at += 2 + e.byteLength;
  }
  offsets[entries.length] = at;
  return { data, offsets, count: entries.length };
}

/** Decodes a bundle; STORAGE_CORRUPT when it is truncated or holds a different number of entries than `expected`. */
export function decodeEntryBundle(bytes: Uint8Array, expected?: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.byteLength) {
    if (at + 2 > bytes.byteLength) break;
    const len = (bytes[at]! << 8) | bytes[at + 1]!;
    if (at + 2 + len > bytes.byteLength) {
      throw new TlogError('STORAGE_CORRUPT', 'An entry bundle is truncated.', { details: { offset: at } });
    }
    out.push(bytes.slice(at + 2, at + 2 + len));
    at += 2 + len;
  }
  if (at !== bytes.byteLength || (expected !== undefined && out.length !== expected)) {
    throw new TlogError('STORAGE_CORRUPT', `An entry bundle holds ${out.length} entries where ${expected ?? 'whole entries'} were expected.`, {
      details: { found: out.length, expected: expected ?? null },
    });
  }
  return out;
}
