// Resource paths of C2SP tlog-tiles ("Merkle Tree" and "Log entries"): tile/<L>/<N>[.p/<W>] and
// tile/entries/<N>[.p/<W>], with N in zero-padded 3-digit path elements, all but the last prefixed "x".

/** Hashes per full tile (tile height 8). */
export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;

/** tlog-tiles: index 1234067 -> "x001/x234/067". */
export function encodeTileIndex(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bad tile index ${n}`);
  const groups: string[] = [];
  let rest = n;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function withWidth(base: string, width?: number): string {
  if (width === undefined || width === TILE_WIDTH) return base;
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH - 1) throw new RangeError(`bad partial tile width ${width}`);
  return `${base}.p/${width}`;
}

/** Path of the Merkle tile at `level`, `index`; `width` below 256 names the partial tile. */
export function tilePath(level: number, index: number, width?: number): string {
  if (!Number.isInteger(level) || level < 0 || level > 63) throw new RangeError(`bad tile level ${level}`);
  return withWidth(`tile/${level}/${encodeTileIndex(index)}`, width);
}

/** Path of the entry bundle `index`; `width` below 256 names the partial bundle. */
export function entryBundlePath(index: number, width?: number): string {
  return withWidth(`tile/entries/${encodeTileIndex(index)}`, width);
}
