// Key references on the `rootsmith tuf` command line: `[owner=]REF` where REF is a public key PEM file, a
// PKCS#11 URI (public key read from the token, PIN from --pin-env) or an encrypted key file (--passphrase-env).
import fs from 'node:fs';
import { openSigner, spkiToPem, isPkcs11Uri } from '../../core/keys';
import type { TufKeyInput, TufSignerSpec } from '../contract/tuf';
import { UsageError } from './errors';
import { readSecret } from './secrets';

export interface SecretFlags {
  pinEnv?: string | undefined;
  passphraseEnv?: string | undefined;
}

export function splitOwner(arg: string): { owner?: string; ref: string } {
  // An owner never contains ":" or "/", so `pkcs11:token=a;object=b` and paths with "=" stay whole.
  const m = /^([^=:/\\]+)=(.+)$/.exec(arg);
  return m ? { owner: m[1]!, ref: m[2]! } : { ref: arg };
}

async function secretFor(ref: string, flags: SecretFlags): Promise<string> {
  return isPkcs11Uri(ref)
    ? readSecret({ envName: flags.pinEnv, prompt: `PIN for ${ref}: `, flag: '--pin-env' })
    : readSecret({ envName: flags.passphraseEnv, prompt: `Passphrase of ${ref}: `, flag: '--passphrase-env' });
}

/** The public key named by `[owner=]REF`; online keys given as PKCS#11 URIs are annotated with their URI. */
export async function resolveKeyArg(arg: string, flags: SecretFlags, online = false): Promise<TufKeyInput> {
  const { owner, ref } = splitOwner(arg);
  let pem: string;
  if (!isPkcs11Uri(ref)) {
    if (!fs.existsSync(ref)) throw new UsageError(`Key "${ref}" is neither a PKCS#11 URI nor an existing file.`);
    const text = fs.readFileSync(ref, 'utf8');
    if (text.includes('-----BEGIN PUBLIC KEY-----')) {
      pem = text;
      return { publicKeyPem: pem, ...(owner ? { owner } : {}) };
    }
  }
  const signer = await openSigner(ref, await secretFor(ref, flags));
  try {
    pem = spkiToPem(await signer.publicKeySpki());
  } finally {
    signer.close();
  }
  return { publicKeyPem: pem, ...(owner ? { owner } : {}), ...(online && isPkcs11Uri(ref) ? { onlineUri: ref } : {}) };
}

/** A signing key for the service: the reference and its secret for this one call. */
export async function signerSpecFor(ref: string, flags: SecretFlags): Promise<TufSignerSpec> {
  return { kind: 'ref', ref, secret: await secretFor(ref, flags) };
}
