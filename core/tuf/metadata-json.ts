// How TUF metadata is parsed from and written to files: key-sorted JSON with an indent of 1 and no trailing
// newline, as the Sigstore tooling (tuf-on-ci) writes it, so diffs of signed metadata stay minimal.
import { canonicalize } from '@tufjs/canonical-json';
import { TufError } from './errors';

export type JSONValue = null | boolean | number | string | JSONValue[] | JSONObject;
export type JSONObject = { [key: string]: JSONValue };

/** Adds `key` as an own data property, as JSON.parse and object literals do (a "__proto__" target path stays a key). */
export function putEntry<T>(out: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** The entry of `map` named `key`, if it is the map's own (never an inherited Object.prototype member). */
export function ownEntry<T>(map: Record<string, T> | undefined, key: string): T | undefined {
  return map !== undefined && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) putEntry(out, k, sortKeys((value as Record<string, unknown>)[k]));
    return out;
  }
  return value;
}

export function formatMetadataJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 1);
}

/** The canonical JSON bytes of `signed` (OLPC canonical JSON, what TUF signatures cover). */
export function canonicalBytes(signed: unknown): Uint8Array {
  return new Uint8Array(Buffer.from(canonicalize(signed), 'utf8'));
}

export function parseJsonObject(bytes: Uint8Array | string, what: string): JSONObject {
  let value: unknown;
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    throw new TufError('METADATA_INVALID', `${what} is not valid JSON.`, { cause: e, details: { what } });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TufError('METADATA_INVALID', `${what} is not a JSON object.`, { details: { what } });
  }
  return value as JSONObject;
}

/**
 * Parses canonical JSON bytes. OLPC canonical JSON leaves control characters (the newlines of PEM keys) raw inside
 * strings, which JSON.parse rejects; since canonical JSON has no whitespace outside strings, every raw control
 * character is inside a string and can be escaped before parsing.
 */
export function parseCanonicalJson(bytes: Uint8Array, what: string): JSONObject {
  // eslint-disable-next-line no-control-regex
  const text = Buffer.from(bytes).toString('utf8').replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return parseJsonObject(text, what);
}
