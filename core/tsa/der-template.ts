// Minimal DER framing (X.690 8.1, 10) for the timestamp hot path: tag + definite length around bytes, and the
// four primitive values a token varies by (INTEGER, OCTET STRING, GeneralizedTime, the concatenation of parts).
//
// WHY this module exists although Rootsmith never hand-rolls ASN.1 DER (CONVENTIONS 6): building each token
// through @peculiar/asn1-schema re-encoded the whole certificate chain, names and attributes on every request
// (about 4 ms a token, ~80x the cost of the ECDSA signature itself), which kept the TSA at a few hundred
// tokens per second. Everything constant for a TSA is still encoded by the library, once, in token-template.ts;
// this module only frames the few fields that change per token. With request-fast.ts (its reading
// counterpart) it is the documented exception, and it stays tiny on purpose: no parsing, no choices, no
// defaults. The library remains the reference:
// token-template.test.ts asserts, over thousands of random cases, that the bytes built here are identical
// to the bytes the library builds for the same inputs.

export const TAG = {
  integer: 0x02,
  octetString: 0x04,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
  /** [0] constructed: EXPLICIT [0], or IMPLICIT [0] of a SET/SEQUENCE. */
  context0: 0xa0,
} as const;

/**
 * A TLV not yet encoded: its tag, its parts (encoded bytes or further nodes) and its content length. A token is
 * built as a tree of these and written into one buffer at the end, so the certificates and the nested
 * structures around them are copied once instead of once per nesting level.
 */
export interface DerNode {
  readonly tag: number;
  readonly parts: readonly DerPart[];
  readonly contentLength: number;
}
export type DerPart = Uint8Array | DerNode;

/** X.690 8.1.3: the number of length octets for a definite length (short form below 128, else long form). */
function lengthOctets(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`invalid DER length ${n}`);
  if (n < 0x80) return 1;
  let count = 1;
  for (let v = n; v > 0; v = Math.floor(v / 256)) count++;
  return count;
}

function writeLength(out: Uint8Array, at: number, n: number): number {
  if (n < 0x80) {
    out[at] = n;
    return at + 1;
  }
  const octets = lengthOctets(n) - 1;
  out[at] = 0x80 | octets;
  for (let i = octets, v = n; i > 0; i--, v = Math.floor(v / 256)) out[at + i] = v % 256;
  return at + 1 + octets;
}

/** X.690 8.1.3: definite length, short form below 128, else long form with the minimal number of octets. */
export function derLength(n: number): Uint8Array {
  const out = new Uint8Array(lengthOctets(n));
  writeLength(out, 0, n);
  return out;
}

function encodedLength(part: DerPart): number {
  return part instanceof Uint8Array ? part.byteLength : 1 + lengthOctets(part.contentLength) + part.contentLength;
}

/** One TLV whose contents are the given parts, in order (low tag numbers only: every tag used here is one octet). */
export function node(tag: number, ...parts: readonly DerPart[]): DerNode {
  let contentLength = 0;
  for (const p of parts) contentLength += encodedLength(p);
  return { tag, parts, contentLength };
}

function write(out: Uint8Array, at: number, part: DerPart): number {
  if (part instanceof Uint8Array) {
    out.set(part, at);
    return at + part.byteLength;
  }
  out[at] = part.tag;
  let next = writeLength(out, at + 1, part.contentLength);
  for (const p of part.parts) next = write(out, next, p);
  return next;
}

/** The DER bytes of a node tree, in one allocation. */
export function encodeNode(part: DerNode): Uint8Array {
  const out = new Uint8Array(encodedLength(part));
  write(out, 0, part);
  return out;
}

/** One encoded TLV whose contents are the given parts, in order. */
export function tlv(tag: number, ...parts: readonly DerPart[]): Uint8Array {
  return encodeNode(node(tag, ...parts));
}

/** The same TLV under another tag: IMPLICIT tagging of a constructed value (X.690 8.14.3). */
export function retag(tag: number, encoded: Uint8Array): Uint8Array {
  const out = encoded.slice();
  out[0] = tag;
  return out;
}

/** X.690 8.3: a non-negative INTEGER, minimal two's complement (a leading 0x00 when the top bit is set). */
export function derUnsignedInteger(n: bigint): Uint8Array {
  if (n < 0n) throw new RangeError('negative INTEGER');
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const body = Buffer.from(hex, 'hex');
  return body[0]! & 0x80 ? tlv(TAG.integer, Uint8Array.of(0), body) : tlv(TAG.integer, body);
}

/** An INTEGER whose content octets are given as they are (e.g. a client's nonce, echoed byte for byte). */
export function derIntegerContent(content: Uint8Array): Uint8Array {
  return tlv(TAG.integer, content);
}

/** An OCTET STRING, as a node to build inside a tree without encoding it first. */
export function octetStringNode(bytes: Uint8Array): DerNode {
  return node(TAG.octetString, bytes);
}

/**
 * X.690 11.7: GeneralizedTime in UTC ("Z"), seconds always present, a fraction only when non-zero and without
 * trailing zeros. Milliseconds are the finest a Date holds.
 */
export function derGeneralizedTime(date: Date): Uint8Array {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid date');
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError('GeneralizedTime needs a four-digit year');
  const two = (v: number) => (v < 10 ? `0${v}` : String(v));
  let text = `${String(year).padStart(4, '0')}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}`;
  const milli = date.getUTCMilliseconds();
  if (milli !== 0) text += `.${String(milli).padStart(3, '0').replace(/0+$/, '')}`;
  return tlv(TAG.generalizedTime, Buffer.from(`${text}Z`, 'latin1'));
}
