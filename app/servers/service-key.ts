// A service key given on the command line: a PKCS#11 URI (the PIN asked for through --pin-env or a prompt) or an
// encrypted key file (its passphrase through --passphrase-env or a prompt).
import { isPkcs11Uri, openSigner, type ClosableSigner } from '../../core/keys';
import type { ServeContext } from './service-host';

export async function openServiceKey(ctx: ServeContext, keyRef: string, what: string): Promise<ClosableSigner> {
  const pkcs11 = isPkcs11Uri(keyRef);
  const secret = await ctx.secret(pkcs11 ? `PIN for the ${what} key` : `Passphrase for ${keyRef}`, pkcs11 ? ctx.options['pin-env'] : ctx.options['passphrase-env']);
  return openSigner(keyRef, secret);
}
