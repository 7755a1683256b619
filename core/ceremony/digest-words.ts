// A transcript digest as words, for reading aloud to witnesses: the first 16 bytes (128 bits), one word a byte.
import { fromHex } from '../bytes';
import { FINGERPRINT_WORDS } from '../keys/wordlist';

export function digestWords(hexDigest: string, bytes = 16): string {
  return Array.from(fromHex(hexDigest).subarray(0, bytes), (b) => FINGERPRINT_WORDS[b]!).join(' ');
}
