// A rehearsal of the private Sigstore with the real `sigstore` client: a token from the test OIDC issuer, keyless
// signing against the local CA, log and TSA, then verification through the TUF mirror with identity and issuer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as sigstore from 'sigstore';
import { explainVerificationFailure } from '../../core/sigstore/explain-failure';
import { viewBundle, type BundleView } from '../../core/sigstore/bundle-view';
import { fetchTestToken } from './test-oidc-client';

export interface StackUrls {
  ca: string;
  log: string;
  tsa: string;
  oidc: string;
  tuf: string;
  tufRoot: string;
}

export interface Rehearsal {
  bundle: unknown;
  view: BundleView;
  verified: { identity: string; issuer: string };
}

export async function signAndVerify(urls: StackUrls, artifact: Uint8Array, email: string, progress: (message: string) => void = () => undefined): Promise<Rehearsal> {
  progress(`Getting an identity token for ${email} from the test OIDC issuer…`);
  const identityToken = await fetchTestToken(urls.oidc, email);
  progress('Signing: certificate from the local CA, entry in the local log, timestamp from the local TSA…');
  const bundle = await sigstore.sign(Buffer.from(artifact), { fulcioURL: urls.ca, rekorURL: urls.log, tsaServerURL: urls.tsa, identityToken });
  progress('Verifying through the TUF mirror, as a client would…');
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'rootsmith-rehearsal-tuf-'));
  try {
    const signer = await sigstore.verify(bundle, Buffer.from(artifact), {
      tufMirrorURL: urls.tuf,
      tufRootPath: urls.tufRoot,
      tufCachePath: cache,
      certificateIdentityEmail: email,
      certificateIssuer: urls.oidc,
    });
    progress('Verified.');
    return {
      bundle,
      view: viewBundle(bundle),
      verified: { identity: signer.identity?.subjectAlternativeName ?? '', issuer: signer.identity?.extensions?.issuer ?? '' },
    };
  } catch (e) {
    throw explainVerificationFailure(e);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}
