// Opens the Signer a TUF signing request names: a key on a token logged in through the keys service (its
// session, never a PIN), or a key reference (PKCS#11 URI or key file) opened with its secret for this one call.
import { openSigner, type Signer } from '../../../core/keys';
import type { TufSignerSpec } from '../../contract/tuf';
import type { KeysService } from '../keys-service';

export interface OpenedSigner {
  signer: Signer;
  close(): void;
}

export async function openSpecSigner(spec: TufSignerSpec, keys: KeysService): Promise<OpenedSigner> {
  switch (spec.kind) {
    case 'token': {
      // The session belongs to the keys service (the Keys screen's login); the signer is released after use.
      const signer = keys.session(spec.module, spec.token).signer(spec.label);
      return { signer, close: () => signer.close() };
    }
    case 'ref': {
      const signer = await openSigner(spec.ref, spec.secret);
      return { signer, close: () => signer.close() };
    }
  }
}

/** Runs `use` with the signers open and closes them whatever happens. */
export async function withSigners<T>(specs: TufSignerSpec[], keys: KeysService, use: (signers: Signer[]) => Promise<T>): Promise<T> {
  const opened: OpenedSigner[] = [];
  try {
    for (const spec of specs) opened.push(await openSpecSigner(spec, keys));
    return await use(opened.map((o) => o.signer));
  } finally {
    for (const o of opened.reverse()) o.close();
  }
}
