// Turns a public key given in the contract (PEM + owner) into a TUF key, and warns when a root or targets key is
// also an online (snapshot/timestamp) key. Unusable keys (P-384, duplicates) are refused by core/tuf itself.
import type { Key } from '@tufjs/models';
import { fromPem } from '../../../core/bytes';
import { tufKeyFromSpki, TufError, type TufRepository } from '../../../core/tuf';
import { finalRoot } from '../../../core/tuf/repo-state';
import { sharedOnlineKeyWarnings } from '../../../core/tuf/role-key-policy';
import { keysOf } from '../../../core/tuf/role-keys';
import type { TufKeyInput } from '../../contract/tuf';

export function tufKeyFromInput(input: TufKeyInput): Key {
  let spki: Uint8Array;
  try {
    spki = fromPem(input.publicKeyPem, 'PUBLIC KEY');
  } catch (e) {
    throw new TufError('KEY_UNSUPPORTED', `The public key${input.owner ? ` of ${input.owner}` : ''} is not a PEM "PUBLIC KEY".`, { cause: e });
  }
  return tufKeyFromSpki(spki, {
    ...(input.owner !== undefined ? { owner: input.owner } : {}),
    ...(input.onlineUri !== undefined ? { onlineUri: input.onlineUri } : {}),
  });
}

/** Root or targets keys of the repository's final root that are also online keys (only `key`'s, when given). */
export function onlineKeyWarnings(repo: TufRepository, key?: Key): string[] {
  const root = finalRoot(repo.state())?.signed;
  if (!root) return [];
  const byRole = Object.fromEntries(Object.entries(root.roles).map(([role, r]) => [role, keysOf(r.keyIDs, root.keys)]));
  return sharedOnlineKeyWarnings(byRole, key);
}
