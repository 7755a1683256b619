// PKCS#11 URIs (RFC 7512): parse and format the reference that names a token object, e.g.
// `pkcs11:token=Root;object=root-2026;id=%01%02;type=private?module-path=/usr/lib/softhsm/libsofthsm2.so`.
import { KeyError } from './errors';

export type Pkcs11ObjectType = 'public' | 'private' | 'cert' | 'secret-key' | 'data';

/** The attributes of a PKCS#11 URI, decoded. A PIN value is deliberately not representable. */
export interface Pkcs11Uri {
  // Path component (RFC 7512 2.3).
  token?: string;
  manufacturer?: string;
  model?: string;
  serial?: string;
  slotDescription?: string;
  slotManufacturer?: string;
  slotId?: number;
  libraryManufacturer?: string;
  libraryDescription?: string;
  libraryVersion?: string;
  object?: string;
  /** CKA_ID bytes. */
  id?: Uint8Array;
  type?: Pkcs11ObjectType;
  // Query component (RFC 7512 2.3).
  modulePath?: string;
  moduleName?: string;
  /** Where to read the PIN from (a file path or URI); the PIN itself never travels in a URI. */
  pinSource?: string;
  /** Vendor-specific path attributes (`x-...`), decoded. */
  vendor?: Record<string, string>;
  /** Vendor-specific query attributes (`x-...`), decoded. */
  vendorQuery?: Record<string, string>;
}

type StringKey = Exclude<keyof Pkcs11Uri, 'slotId' | 'id' | 'type' | 'vendor' | 'vendorQuery'>;

// Path attributes in the order formatPkcs11Uri writes them.
const PATH_STRINGS: [string, StringKey][] = [
  ['token', 'token'],
  ['manufacturer', 'manufacturer'],
  ['model', 'model'],
  ['serial', 'serial'],
  ['slot-description', 'slotDescription'],
  ['slot-manufacturer', 'slotManufacturer'],
  ['library-manufacturer', 'libraryManufacturer'],
  ['library-description', 'libraryDescription'],
  ['library-version', 'libraryVersion'],
  ['object', 'object'],
];
const QUERY_STRINGS: [string, StringKey][] = [
  ['module-path', 'modulePath'],
  ['module-name', 'moduleName'],
  ['pin-source', 'pinSource'],
];
const OBJECT_TYPES: readonly Pkcs11ObjectType[] = ['public', 'private', 'cert', 'secret-key', 'data'];

// RFC 7512 2.3: pk11-res-avail = ":" / "[" / "]" / "@" / "!" / "$" / "'" / "(" / ")" / "*" / "+" / "," / "=";
// the path may also hold "&", the query "/" / "?" / "|"; everything else is percent-encoded.
const UNRESERVED = /[A-Za-z0-9\-._~]/;
const RES_AVAIL = ":[]@!$'()*+,=";
const PATH_EXTRA = '&';
const QUERY_EXTRA = '/?|';

function invalid(message: string, details?: Record<string, unknown>): KeyError {
  return new KeyError('URI_INVALID', message, details ? { details } : undefined);
}

function allowedRaw(ch: string, extra: string): boolean {
  return UNRESERVED.test(ch) || RES_AVAIL.includes(ch) || extra.includes(ch);
}

function percentDecode(text: string, extra: string, attr: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw invalid(`Bad percent-encoding in "${attr}".`, { attribute: attr });
      out.push(parseInt(hex, 16));
      i += 2;
    } else if (allowedRaw(ch, extra)) {
      out.push(ch.charCodeAt(0));
    } else {
      throw invalid(`Character "${ch}" in "${attr}" must be percent-encoded (RFC 7512 2.3).`, { attribute: attr });
    }
  }
  return new Uint8Array(out);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeString(bytes: Uint8Array, attr: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw invalid(`"${attr}" is not valid UTF-8.`, { attribute: attr });
  }
}

function percentEncodeString(value: string, extra: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && allowedRaw(ch, extra) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** RFC 7512 2.3 recommends percent-encoding every byte of "id". */
function percentEncodeBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

export function isPkcs11Uri(ref: string): boolean {
  return /^pkcs11:/i.test(ref);
}

function splitAttr(part: string, sep: string): [string, string] {
  const eq = part.indexOf('=');
  if (eq <= 0) throw invalid(`"${part}" is not an attribute=value pair (attributes are separated by "${sep}").`);
  return [part.slice(0, eq), part.slice(eq + 1)];
}

/**
 * Parses an RFC 7512 URI. Refuses (URI_INVALID): another scheme, malformed percent-encoding, characters that
 * must be encoded, repeated or unknown non-vendor attributes, bad slot-id/type, and any `pin-value`: a PIN
 * written into a URI ends up in argv, shell history and logs.
 */
export function parsePkcs11Uri(uri: string): Pkcs11Uri {
  if (!isPkcs11Uri(uri)) throw invalid('A PKCS#11 URI starts with "pkcs11:".');
  const body = uri.slice('pkcs11:'.length);
  const q = body.indexOf('?');
  const pathText = q < 0 ? body : body.slice(0, q);
  const queryText = q < 0 ? '' : body.slice(q + 1);
  if (body.includes('#')) throw invalid('A PKCS#11 URI has no fragment; percent-encode "#" as %23.');
  const result: Pkcs11Uri = {};
  const vendor: Record<string, string> = {};
  const vendorQuery: Record<string, string> = {};
  const seen = new Set<string>();

  const take = (name: string, raw: string, extra: string, component: 'path' | 'query'): void => {
    if (name === 'pin-value') {
      throw invalid('The URI contains a PIN (pin-value); remove it and enter the PIN when asked, or use pin-source.', {
        attribute: 'pin-value',
      });
    }
    if (seen.has(name)) throw invalid(`Attribute "${name}" appears more than once.`, { attribute: name });
    seen.add(name);
    const bytes = percentDecode(raw, extra, name);
    if (name.startsWith('x-')) {
      (component === 'path' ? vendor : vendorQuery)[name] = decodeString(bytes, name);
      return;
    }
    const table = component === 'path' ? PATH_STRINGS : QUERY_STRINGS;
    const str = table.find(([n]) => n === name);
    if (str) {
      result[str[1]] = decodeString(bytes, name);
      return;
    }
    if (component === 'path' && name === 'id') {
      result.id = bytes;
      return;
    }
    if (component === 'path' && name === 'slot-id') {
      const text = decodeString(bytes, name);
      if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) {
        throw invalid('slot-id must be a decimal number.', { attribute: name });
      }
      result.slotId = Number(text);
      return;
    }
    if (component === 'path' && name === 'type') {
      const text = decodeString(bytes, name);
      const type = OBJECT_TYPES.find((t) => t === text);
      if (!type) throw invalid(`type must be one of ${OBJECT_TYPES.join(', ')}.`, { attribute: name });
      result.type = type;
      return;
    }
    throw invalid(`Unknown ${component} attribute "${name}".`, { attribute: name });
  };

  if (pathText !== '') {
    for (const part of pathText.split(';')) {
      const [name, raw] = splitAttr(part, ';');
      take(name, raw, PATH_EXTRA, 'path');
    }
  }
  if (queryText !== '') {
    for (const part of queryText.split('&')) {
      const [name, raw] = splitAttr(part, '&');
      take(name, raw, QUERY_EXTRA, 'query');
    }
  }
  if (Object.keys(vendor).length > 0) result.vendor = vendor;
  if (Object.keys(vendorQuery).length > 0) result.vendorQuery = vendorQuery;
  return result;
}

function vendorName(name: string): string {
  if (!/^x-[a-z0-9-]+$/i.test(name)) throw invalid(`Vendor attribute "${name}" must start with "x-".`);
  return name;
}

/** Formats a URI; every value is percent-encoded as RFC 7512 2.3 requires, `id` byte by byte. */
export function formatPkcs11Uri(uri: Pkcs11Uri): string {
  const path: string[] = [];
  const query: string[] = [];
  for (const [name, key] of PATH_STRINGS) {
    const v = uri[key];
    if (v !== undefined) path.push(`${name}=${percentEncodeString(v, PATH_EXTRA)}`);
    if (name === 'slot-manufacturer' && uri.slotId !== undefined) path.push(`slot-id=${uri.slotId}`);
  }
  if (uri.id !== undefined) path.push(`id=${percentEncodeBytes(uri.id)}`);
  if (uri.type !== undefined) path.push(`type=${uri.type}`);
  for (const [name, key] of QUERY_STRINGS) {
    const v = uri[key];
    if (v !== undefined) query.push(`${name}=${percentEncodeString(v, QUERY_EXTRA)}`);
  }
  for (const [name, v] of Object.entries(uri.vendor ?? {})) path.push(`${vendorName(name)}=${percentEncodeString(v, PATH_EXTRA)}`);
  for (const [name, v] of Object.entries(uri.vendorQuery ?? {})) query.push(`${vendorName(name)}=${percentEncodeString(v, QUERY_EXTRA)}`);
  return `pkcs11:${path.join(';')}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}
