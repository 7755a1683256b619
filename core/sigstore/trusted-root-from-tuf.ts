// Fetches trusted_root.json through TUF (the way Sigstore clients get it): a mirror URL and an initial root.
import { getTrustedRoot } from '@sigstore/tuf';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { SigstoreError } from './errors';

export async function trustedRootFromTuf(options: { mirrorURL: string; rootPath: string; cachePath: string }): Promise<unknown> {
  try {
    const root = await getTrustedRoot({ mirrorURL: options.mirrorURL, rootPath: options.rootPath, cachePath: options.cachePath, forceCache: false });
    return TrustedRoot.toJSON(root);
  } catch (e) {
    throw new SigstoreError('TRUSTED_ROOT_UNAVAILABLE', `The trusted root could not be fetched through TUF from ${options.mirrorURL}: ${e instanceof Error ? e.message : String(e)}.`, { cause: e });
  }
}
