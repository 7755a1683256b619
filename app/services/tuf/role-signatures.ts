// Counts the distinct keys of a role whose signature verifies over the canonical `signed` (TUF 5.4.2, 5.5.3,
// 5.6.3): used by the reference-time verifier for every role, delegated roles included.
import { Key } from '@tufjs/models';
import { canonicalBytes, keyLabel, verifyTufSignature, type JSONObject } from '../../../core/tuf';
import type { SignatureCount } from './verify-types';

export interface RoleKeys {
  keyids: string[];
  threshold: number;
  /** keyid -> key object (raw JSON), from root.keys or delegations.keys. */
  keys: Record<string, JSONObject>;
}

export function countSignatures(md: JSONObject, role: RoleKeys): SignatureCount {
  const bytes = canonicalBytes(md['signed']);
  const sigs = new Map<string, string>();
  for (const s of (md['signatures'] as JSONObject[] | undefined) ?? []) {
    if (typeof s['keyid'] === 'string' && typeof s['sig'] === 'string' && s['sig'] !== '') sigs.set(s['keyid'], s['sig']);
  }
  const signedBy: string[] = [];
  for (const id of new Set(role.keyids)) {
    const json = role.keys[id];
    const sig = sigs.get(id);
    if (!json || !sig) continue;
    let key: Key;
    try {
      key = Key.fromJSON(id, json);
    } catch {
      continue;
    }
    if (verifyTufSignature(key, bytes, sig)) signedBy.push(keyLabel(key));
  }
  return { valid: signedBy.length, threshold: role.threshold, signedBy };
}

/** The keys and threshold of a top-level role in root's `signed`. */
export function rootRoleKeys(rootSigned: JSONObject, role: string): RoleKeys | null {
  const r = (rootSigned['roles'] as JSONObject | undefined)?.[role] as JSONObject | undefined;
  if (!r) return null;
  return { keyids: (r['keyids'] as string[]) ?? [], threshold: Number(r['threshold']), keys: (rootSigned['keys'] as Record<string, JSONObject>) ?? {} };
}
