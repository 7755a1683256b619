// Certificate serial numbers: 160 random bits, positive, at most 20 octets (RFC 5280 4.1.2.2; Fulcio
// certificate-specification: "a unique, positive, 160 bit serial number").
import { randomBytes } from 'node:crypto';

/** A source of random bytes, as a seam so serials are reproducible in tests. */
export type RandomSource = (length: number) => Uint8Array;

export const systemRandom: RandomSource = (n) => new Uint8Array(randomBytes(n));

export const SERIAL_OCTETS = 20;

/**
 * 20 random octets with the top bit cleared (so the INTEGER is positive without a leading 0x00, keeping the
 * encoding at exactly 20 octets) and a non-zero first octet (so DER's minimal encoding does not shorten it).
 * That leaves 159 - ~0.01 bits of entropy, far above the 64 bits RFC 5280 / CA/B practice ask for.
 */
export function randomSerial(random: RandomSource = systemRandom): Uint8Array {
  const s = random(SERIAL_OCTETS).slice(0, SERIAL_OCTETS);
  if (s.length !== SERIAL_OCTETS) throw new RangeError('random source returned too few bytes');
  s[0] = s[0]! & 0x7f;
  if (s[0] === 0) s[0] = 0x01 + (s[1]! % 0x7f);
  return s;
}
