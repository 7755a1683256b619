// What a role's key list must satisfy before Rootsmith stages it: each key once, a threshold its distinct keys
// can meet, online roles at threshold 1, and only key types every Sigstore TUF client can verify.
import type { Key } from '@tufjs/models';
import { toHex } from '../bytes';
import { TufError } from './errors';
import { keyLabel, spkiOfTufKey } from './tuf-key';

/** Rootsmith signs snapshot and timestamp at publish with one online key each (online-roles.ts). */
export const ONLINE_ROLES: readonly string[] = ['snapshot', 'timestamp'];

/** The public key itself (DER SPKI as hex): two key IDs can name one key when only their annotations differ. */
function spkiId(key: Key): string {
  return toHex(spkiOfTufKey(key));
}

/**
 * How many different keys can sign: distinct public keys, not key IDs, because one key listed under two IDs
 * (e.g. two owner annotations) still makes only one signature (TUF 5.4 "distinct keys" towards a threshold).
 */
export function distinctKeyCount(keys: readonly Key[]): number {
  return new Set(keys.map(spkiId)).size;
}

/** KEY_DUPLICATE when one public key appears twice among the keys given for `role`. */
export function assertNoDuplicateKeys(role: string, keys: readonly Key[]): void {
  const seen = new Map<string, Key>();
  for (const key of keys) {
    const id = spkiId(key);
    const first = seen.get(id);
    if (first) {
      const names = keyLabel(first) === keyLabel(key) ? keyLabel(key) : `${keyLabel(first)} and ${keyLabel(key)}`;
      throw new TufError(
        'KEY_DUPLICATE',
        `${role} was given the same public key twice (${names}); one key makes one signature, so list each key once and give ${role} another holder's key instead.`,
        { details: { role, keyid: key.keyID } },
      );
    }
    seen.set(id, key);
  }
}

/** KEY_DUPLICATE when `key` is already one of `role`'s keys (possibly under another key ID). */
export function assertNotAlreadyInRole(role: string, key: Key, roleKeys: readonly Key[]): void {
  const id = spkiId(key);
  const same = roleKeys.find((k) => spkiId(k) === id);
  if (same) {
    throw new TufError('KEY_DUPLICATE', `This public key is already a ${role} key (${keyLabel(same)}); a key counts once towards a threshold.`, {
      details: { role, keyid: same.keyID },
    });
  }
}

/**
 * THRESHOLD_UNREACHABLE when `role` would need more signatures than it has distinct keys, or when an online role
 * would need more than the one signature Rootsmith's online key makes. `after` names the change, e.g. "After removing alice, ".
 */
export function assertThresholdReachable(role: string, threshold: number, keys: readonly Key[], after = ''): void {
  if (ONLINE_ROLES.includes(role) && threshold !== 1) {
    throw new TufError(
      'THRESHOLD_UNREACHABLE',
      `${role} is an online role: Rootsmith signs it at every publish and refresh with one online key, so its threshold must stay 1 (asked for ${threshold}).`,
      { details: { role, threshold, keys: distinctKeyCount(keys) } },
    );
  }
  const distinct = distinctKeyCount(keys);
  if (threshold > distinct) {
    throw new TufError(
      'THRESHOLD_UNREACHABLE',
      `${after}${role} would need ${threshold} signature${threshold === 1 ? '' : 's'} but would have only ${distinct} distinct key${distinct === 1 ? '' : 's'}, so it could never be signed. ${distinct === 0 ? `Give ${role} a key first.` : `Add keys to ${role} or lower its threshold to at most ${distinct}.`}`,
      { details: { role, threshold, keys: distinct } },
    );
  }
}

/**
 * KEY_UNSUPPORTED for ECDSA P-384 keys: tuf-js (the client of sigstore-js and npm) verifies every ECDSA
 * signature with SHA-256, so it rejects P-384 signatures made correctly with SHA-384, and a trust root signed
 * with one would fail in those clients after the ceremony. Refused before anything is staged.
 */
export function assertClientSupportedKeys(role: string, keys: readonly Key[]): void {
  const bad = keys.find((k) => k.scheme === 'ecdsa-sha2-nistp384');
  if (bad) {
    throw new TufError(
      'KEY_UNSUPPORTED',
      `${role}: key ${keyLabel(bad)} is ECDSA P-384, which tuf-js clients (sigstore-js, npm) cannot verify: they check every ECDSA signature with SHA-256. Use an ECDSA P-256 or Ed25519 key for TUF roles (e.g. rootsmith keys generate --curve p256).`,
      { details: { role, keyid: bad.keyID, scheme: bad.scheme } },
    );
  }
}

/**
 * Warnings for root or targets keys that are also snapshot/timestamp keys: an online key lives on a server that
 * signs unattended, so whoever takes that server would also hold the offline role's authority.
 */
export function sharedOnlineKeyWarnings(roleKeys: Record<string, readonly Key[]>, only?: Key): string[] {
  const onlineBy = new Map<string, string[]>();
  for (const role of ONLINE_ROLES) {
    for (const k of roleKeys[role] ?? []) onlineBy.set(spkiId(k), [...(onlineBy.get(spkiId(k)) ?? []), role]);
  }
  const onlyId = only ? spkiId(only) : undefined;
  const warnings: string[] = [];
  for (const role of ['root', 'targets']) {
    for (const k of roleKeys[role] ?? []) {
      const id = spkiId(k);
      const online = onlineBy.get(id);
      if (!online || (onlyId !== undefined && id !== onlyId)) continue;
      warnings.push(
        `${role}: key ${keyLabel(k)} is also the ${online.join(' and ')} key. Online keys sign unattended on a server; whoever takes that server could then also sign ${role}. Use a separate offline key for ${role}.`,
      );
    }
  }
  return warnings;
}
