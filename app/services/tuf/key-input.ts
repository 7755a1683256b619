// Turns a public key given in the contract (PEM + owner) into a TUF key, and warns about keys tuf-js cannot use:
// tuf-js 4 verifies every ECDSA signature with SHA-256, so ecdsa-sha2-nistp384 metadata fails in its clients.
import type { Key } from '@tufjs/models';
import { fromPem } from '../../../core/bytes';
import { tufKeyFromSpki, keyLabel, TufError } from '../../../core/tuf';
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

export function p384Warnings(role: string, keys: Key[]): string[] {
  return keys
    .filter((k) => k.scheme === 'ecdsa-sha2-nistp384')
    .map(
      (k) =>
        `${role}: key ${keyLabel(k)} is ECDSA P-384. tuf-js clients (npm, sigstore-js) check every ECDSA signature with SHA-256 and will reject its signatures; prefer P-256 or Ed25519 for TUF keys.`,
    );
}
