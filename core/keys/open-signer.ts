// The one way the rest of Rootsmith turns a key reference into a Signer: a PKCS#11 URI (RFC 7512) for a token
// key, otherwise a path to an encrypted PKCS#8 software key file.
import { KeyError } from './errors';
import { DEFAULT_MODULE_PATH, openPkcs11Module, type TokenSelector } from './pkcs11-module';
import { isPkcs11Uri, parsePkcs11Uri } from './pkcs11-uri';
import type { Signer } from './signer';
import { loadSoftwareKey } from './software-signer';

export interface OpenSignerOptions {
  /** PKCS#11 library when the URI has no module-path (default: SoftHSM2). */
  modulePath?: string;
  /** SoftHSM2 only: the softhsm2.conf to initialise the library with. */
  softhsm2Conf?: string;
}

export type ClosableSigner = Signer & { close(): void };

/**
 * Opens the key named by `ref`. For a `pkcs11:` URI `secret` is the user PIN; the module comes from the URI's
 * module-path, else `opts.modulePath`, else SoftHSM2; the token from token/serial/manufacturer/model/slot-id
 * (the only initialised token when none is given); the key from object= and/or id=. A pin-source in the URI is
 * left to the caller, which reads it and passes the PIN as `secret`. For anything else `ref` is a key file
 * path and `secret` its passphrase. Close the signer to log out and release the library.
 */
export async function openSigner(ref: string, secret: string, opts: OpenSignerOptions = {}): Promise<ClosableSigner> {
  if (!isPkcs11Uri(ref)) return loadSoftwareKey(ref, secret);
  const uri = parsePkcs11Uri(ref);
  if (uri.object === undefined && uri.id === undefined) {
    throw new KeyError('URI_INVALID', 'The PKCS#11 URI must name the key with object= (its label) or id=.');
  }
  const selector: TokenSelector = {
    ...(uri.token !== undefined ? { label: uri.token } : {}),
    ...(uri.serial !== undefined ? { serial: uri.serial } : {}),
    ...(uri.manufacturer !== undefined ? { manufacturer: uri.manufacturer } : {}),
    ...(uri.model !== undefined ? { model: uri.model } : {}),
    ...(uri.slotId !== undefined ? { slotId: uri.slotId } : {}),
  };
  const module = openPkcs11Module(
    uri.modulePath ?? opts.modulePath ?? DEFAULT_MODULE_PATH,
    opts.softhsm2Conf !== undefined ? { softhsm2Conf: opts.softhsm2Conf } : {},
  );
  try {
    const session = await module.openSession(selector, secret);
    const signer = session.signer(ref);
    let closed = false;
    return {
      ref: signer.ref,
      algorithm: signer.algorithm,
      publicKeySpki: () => signer.publicKeySpki(),
      sign: (data, hash) => signer.sign(data, hash),
      close(): void {
        if (closed) return;
        closed = true;
        module.close(); // Closes the session and its signer too.
      },
    };
  } catch (e) {
    module.close();
    throw e;
  }
}
