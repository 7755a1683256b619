// Index arithmetic on RFC 6962 trees. Sizes are plain numbers (safe integers up to 2^53), so bit tricks
// limited to 32 bits are avoided on purpose.
import { TlogError } from './errors';

/** Throws SIZE_INVALID unless `n` is a safe non-negative integer. */
export function requireSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new TlogError('SIZE_INVALID', `The ${what} must be a non-negative integer (got ${String(n)}).`, {
      details: { what, value: String(n) },
    });
  }
}

/** The largest power of two strictly smaller than n (n >= 2): the split point k of RFC 6962 2.1. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True when n is a power of two (n >= 1). */
export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

/**
 * The perfect subtrees (level, index) whose concatenation is D[start:end], largest first; MTH(D[start:end])
 * is their hashes folded from the right when the range is an RFC 6962 subtree (start aligned to its size).
 */
export function perfectSubtrees(start: number, end: number): { level: number; index: number }[] {
  const out: { level: number; index: number }[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    let level = 0;
    while (at % (size * 2) === 0 && at + size * 2 <= end) {
      size *= 2;
      level++;
    }
    out.push({ level, index: at / size });
    at += size;
  }
  return out;
}
