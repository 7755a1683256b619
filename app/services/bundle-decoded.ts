// A Sigstore bundle decoded for people in the contract's shape (the view a rehearsal shows), from core's bundle view.
import { viewBundle, type BundleView } from '../../core/sigstore/bundle-view';
import type { DecodedBundle } from '../contract/bundle';

export function decodeBundle(bundle: unknown): DecodedBundle {
  return decodedFromView(viewBundle(bundle), bundle);
}

/** The same, from core's view already made of this bundle. */
export function decodedFromView(view: BundleView, bundle: unknown): DecodedBundle {
  const out: DecodedBundle = {
    tlogEntries: view.tlogEntries,
    timestamps: view.timestamps,
    bundleJson: JSON.stringify(bundle, null, 2),
  };
  if (view.digest) out.digest = view.digest;
  const signer = view.signer;
  if (signer.kind === 'certificate') {
    out.certificate = {
      subject: signer.subject,
      issuer: signer.issuer,
      serialHex: signer.serialHex,
      notBefore: signer.notBefore.toISOString(),
      notAfter: signer.notAfter.toISOString(),
      sans: signer.sans,
      keyDescription: signer.keyDescription,
      sha256: signer.sha256,
      ...(signer.oidcIssuer ? { oidcIssuer: signer.oidcIssuer } : {}),
    };
  }
  return out;
}
