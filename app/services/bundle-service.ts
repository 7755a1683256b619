// The bundle service: verifies a Sigstore bundle with core's verifyBundle (the real @sigstore/verify) against a
// trusted root from the Services stack, a file, JSON text or TUF, and returns it decoded with the verdict.
// `rootsmith verify` and the GUI's "Verify a signature" panel both come here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromBase64 } from '../../core/bytes';
import { errorInfo, RootsmithError } from '../../core/errors';
import { SigstoreError, type SigstoreErrorCode } from '../../core/sigstore/errors';
import { trustedRootFromTuf } from '../../core/sigstore/trusted-root-from-tuf';
import { verifyBundle, type VerifyBundleOptions } from '../../core/sigstore/verify-bundle';
import type { RequestOf } from '../contract/api';
import type { BundleVerifyView } from '../contract/bundle';
import { decodeBundle } from './bundle-decoded';
import type { ServiceImpl } from './registry';

type BundleErrorCode = 'STACK_NOT_RUNNING' | 'ARTIFACT_REQUIRED' | 'JSON_INVALID';
class BundleError extends RootsmithError<BundleErrorCode> {}

/** Failures that are about the inputs, not a verdict on the bundle: they are errors, not a refusal. */
const notAVerdict = new Set<SigstoreErrorCode>(['BUNDLE_INVALID', 'TRUSTED_ROOT_INVALID', 'TRUSTED_ROOT_UNAVAILABLE', 'TRUST_MATERIAL_INVALID']);

export interface BundleServiceDeps {
  /** The trusted_root.json file of the running Services stack, or undefined when it does not run. */
  stackTrustedRoot(): Promise<string | undefined>;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BundleError('JSON_INVALID', `${what} is not JSON: ${e instanceof Error ? e.message : String(e)}.`);
  }
}

async function loadTrustedRoot(source: RequestOf<'bundle', 'verify'>['trustedRoot'], deps: BundleServiceDeps): Promise<{ json: unknown; from: string }> {
  switch (source.source) {
    case 'stack': {
      const file = await deps.stackTrustedRoot();
      if (!file) throw new BundleError('STACK_NOT_RUNNING', 'The Services stack is not running, so it has no trusted root to verify with; start it, or choose a trusted_root.json file.');
      return { json: parseJson(fs.readFileSync(file, 'utf8'), `The stack's trusted root ${file}`), from: `the running Services stack (${file})` };
    }
    case 'file': {
      const file = path.resolve(source.path);
      return { json: parseJson(fs.readFileSync(file, 'utf8'), `The trusted root ${file}`), from: file };
    }
    case 'json':
      return { json: parseJson(source.json, 'The trusted root'), from: 'the trusted root given' };
    case 'tuf': {
      const cachePath = fs.mkdtempSync(path.join(os.tmpdir(), 'rootsmith-tuf-cache-'));
      try {
        const json = await trustedRootFromTuf({ mirrorURL: source.mirrorUrl, rootPath: path.resolve(source.rootPath), cachePath });
        return { json, from: `TUF mirror ${source.mirrorUrl}` };
      } finally {
        fs.rmSync(cachePath, { recursive: true, force: true });
      }
    }
  }
}

export function createBundleService(deps: BundleServiceDeps): ServiceImpl<'bundle'> {
  return {
    verify: async (req) => {
      const bundle = parseJson(req.bundleJson, 'The bundle');
      let artifact: Uint8Array | undefined;
      let artifactName: string | null = null;
      if (req.artifactPath !== undefined) {
        artifactName = path.resolve(req.artifactPath);
        artifact = fs.readFileSync(artifactName);
      } else if (req.artifactBase64 !== undefined) {
        artifact = fromBase64(req.artifactBase64);
        artifactName = req.artifactName ?? 'the artifact given';
      }
      // A bundle over the artifact's digest proves nothing without the artifact; a DSSE one carries its payload.
      if (!artifact && typeof bundle === 'object' && bundle !== null && 'messageSignature' in bundle) {
        throw new BundleError('ARTIFACT_REQUIRED', 'This bundle signs an artifact\'s digest, so it can only be checked against that artifact: give the artifact.');
      }
      const trust = await loadTrustedRoot(req.trustedRoot, deps);
      const options: VerifyBundleOptions = { bundle, trustedRoot: trust.json, identity: req.identity, issuer: req.issuer };
      if (artifact) options.artifact = artifact;
      if (req.timestampThreshold !== undefined) options.timestampThreshold = req.timestampThreshold;
      const base = { required: { identity: req.identity, issuer: req.issuer }, artifact: artifactName, trustedRootFrom: trust.from };
      let view: BundleVerifyView;
      try {
        const verification = verifyBundle(options);
        view = { verified: true, verification, ...base, bundle: decodeBundle(bundle) };
      } catch (e) {
        if (!(e instanceof SigstoreError) || notAVerdict.has(e.code)) throw e;
        const info = errorInfo(e);
        view = { verified: false, failure: { code: info.code, message: info.message, ...(info.details ? { details: info.details } : {}) }, ...base, bundle: decodeBundle(bundle) };
      }
      return view;
    },
  };
}
