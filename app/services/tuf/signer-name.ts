// Names the key a signer chose the way a person knows it (its label and token, or its file name, plus its TUF
// key ID) for the "this key may not sign" error, instead of echoing a raw PKCS#11 URI with a module path.
import path from 'node:path';
import { isPkcs11Uri, parsePkcs11Uri } from '../../../core/keys/pkcs11-uri';
import type { Signer } from '../../../core/keys/signer';
import { TufError, tufKeyFromSpki, type SigningRequest } from '../../../core/tuf';
import type { TufSignerSpec } from '../../contract/tuf';

/** "key "alice-root" on token "alice"", "key file bob.key", or the reference when it cannot be read. */
export function signerName(spec: TufSignerSpec): string {
  if (spec.kind === 'token') return `key "${spec.label}" on token "${spec.token}"`;
  if (isPkcs11Uri(spec.ref)) {
    try {
      const uri = parsePkcs11Uri(spec.ref);
      if (uri.object) return `key "${uri.object}"${uri.token ? ` on token "${uri.token}"` : ''}`;
    } catch {
      // An unparsable URI is named as given, below.
    }
    return `key ${spec.ref.split('?')[0]}`;
  }
  return `key file ${path.basename(spec.ref)}`;
}

const shortId = (keyid: string) => keyid.slice(0, 16);

/** KEY_NOT_IN_ROLE rephrased: which key was chosen (label and key ID) and which keys may sign (owner and key ID). */
export async function notInRoleError(req: SigningRequest, spec: TufSignerSpec, signer: Signer, cause: unknown): Promise<TufError> {
  let keyid = '';
  try {
    keyid = tufKeyFromSpki(await signer.publicKeySpki()).keyID;
  } catch {
    // The key ID is a courtesy; the label alone still names the key.
  }
  const allowed = req.signers.map((s) => `${s.owner ?? 'key'} (key ID ${shortId(s.keyid)}…)`).join(', ');
  return new TufError(
    'KEY_NOT_IN_ROLE',
    `The ${signerName(spec)}${keyid ? ` (key ID ${shortId(keyid)}…)` : ''} is not one of the ${req.role} keys, so it may not sign ${req.role} v${req.version}. Choose one of: ${allowed}.`,
    { cause, details: { role: req.role, version: req.version, ...(keyid ? { keyid } : {}) } },
  );
}

/** ONLINE_KEY_MISMATCH rephrased with the key named as the user chose it; any other error is returned unchanged. */
export function onlineKeyError(e: unknown, specs: { snapshot: TufSignerSpec; timestamp: TufSignerSpec }): unknown {
  if (!(e instanceof TufError) || e.code !== 'ONLINE_KEY_MISMATCH') return e;
  const role = e.details?.['role'];
  if (role !== 'snapshot' && role !== 'timestamp') return e;
  return new TufError(
    'ONLINE_KEY_MISMATCH',
    `The ${signerName(specs[role])} given for ${role} is not a ${role} key of this repository's root; give the ${role} key (the roles list shows its owner and key ID).`,
    { cause: e, details: { role } },
  );
}
