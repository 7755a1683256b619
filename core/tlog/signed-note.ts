// C2SP signed-note wire format (https://c2sp.org/signed-note): note text, a blank line, then signature lines
// "— <key name> <base64(key ID || signature)>". Parsing and formatting only; keys are in note-keys.ts.
import { toBase64 } from '../bytes';
import { TlogError } from './errors';

export interface NoteSignature {
  /** The key name (C2SP: non-empty, no Unicode spaces, no "+"). */
  name: string;
  /** The 4-byte key ID (big-endian uint32 in the spec). */
  keyId: Uint8Array;
  /** The signature proper, after the key ID. */
  signature: Uint8Array;
}

export interface SignedNote {
  /** The signed text, ending in "\n" (the signatures cover exactly these UTF-8 bytes). */
  text: string;
  signatures: NoteSignature[];
}

const EM_DASH = '\u2014';
/** Verifiers must accept at least 16 signatures (signed-note "Format"); more than this is refused as abuse. */
export const MAX_NOTE_SIGNATURES = 100;
export const MAX_NOTE_BYTES = 1 << 20;

function invalid(message: string, details?: Record<string, unknown>): TlogError {
  return new TlogError('NOTE_INVALID', message, details ? { details } : undefined);
}

/** C2SP signed-note: key names are non-empty and contain neither Unicode spaces nor "+". */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

/** C2SP signed-note: valid UTF-8 (guaranteed for a JS string without lone surrogates), no control characters but "\n". */
function checkCharacters(s: string, what: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(s)) throw invalid(`The ${what} contains a control character other than newline.`);
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)) throw invalid(`The ${what} is not valid Unicode text.`);
}

/** Strict standard base64 (RFC 4648 section 4) with canonical padding; null when `s` is not that. */
function strictBase64(s: string): Uint8Array | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return null;
  const bytes = new Uint8Array(Buffer.from(s, 'base64'));
  return toBase64(bytes) === s ? bytes : null;
}

/** The signature line for one signature (with its newline). */
export function formatSignatureLine(sig: NoteSignature): string {
  if (!isValidKeyName(sig.name)) throw invalid(`"${sig.name}" is not a valid note key name (no spaces or "+").`);
  if (sig.keyId.byteLength !== 4) throw invalid('A note key ID is 4 bytes.');
  const blob = new Uint8Array(4 + sig.signature.byteLength);
  blob.set(sig.keyId, 0);
  blob.set(sig.signature, 4);
  return `${EM_DASH} ${sig.name} ${toBase64(blob)}\n`;
}

/** Serialises a signed note: text (ending in newline), a blank line, one line per signature. */
export function formatSignedNote(note: SignedNote): string {
  checkText(note.text);
  if (note.signatures.length === 0) throw invalid('A signed note needs at least one signature.');
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}

/** Throws NOTE_INVALID unless `text` can be the text of a note. */
export function checkText(text: string): void {
  if (text.length === 0 || !text.endsWith('\n')) throw invalid('Note text must be non-empty and end with a newline.');
  checkCharacters(text, 'note text');
}

/** Parses a signed note; signatures are not verified here (see openSignedNote). Throws NOTE_INVALID. */
export function parseSignedNote(envelope: string | Uint8Array): SignedNote {
  let s: string;
  if (typeof envelope === 'string') {
    s = envelope;
  } else {
    if (envelope.byteLength > MAX_NOTE_BYTES) throw invalid(`The note is larger than ${MAX_NOTE_BYTES} bytes.`);
    try {
      s = new TextDecoder('utf-8', { fatal: true }).decode(envelope);
    } catch (e) {
      throw new TlogError('NOTE_INVALID', 'The note is not valid UTF-8.', { cause: e });
    }
  }
  if (Buffer.byteLength(s, 'utf8') > MAX_NOTE_BYTES) throw invalid(`The note is larger than ${MAX_NOTE_BYTES} bytes.`);
  checkCharacters(s, 'note');
  // The text is separated from the signatures by the LAST empty line (signed-note "Format").
  const split = s.lastIndexOf('\n\n');
  if (split < 0) throw invalid('The note has no blank line before its signatures.');
  const text = s.slice(0, split + 1);
  const block = s.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw invalid('The note has no signature lines, or they do not end with a newline.');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw invalid(`The note has more than ${MAX_NOTE_SIGNATURES} signatures.`);
  const signatures = lines.map((line, i) => {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m) throw invalid(`Signature line ${i + 1} is not "— <name> <base64>".`, { line: i + 1 });
    const name = m[1]!;
    if (!isValidKeyName(name)) throw invalid(`Signature line ${i + 1} has an invalid key name.`, { line: i + 1 });
    const blob = strictBase64(m[2]!);
    if (!blob || blob.byteLength < 5) throw invalid(`Signature line ${i + 1} is not base64 of a key ID and a signature.`, { line: i + 1 });
    return { name, keyId: blob.slice(0, 4), signature: blob.slice(4) };
  });
  checkText(text);
  return { text, signatures };
}
