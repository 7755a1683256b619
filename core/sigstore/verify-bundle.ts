// Verifies a Sigstore bundle against a trusted root (JSON, from a file or fetched through TUF) with the real
// @sigstore/verify, checking the signer's identity and issuer, and explains any failure.
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier, type VerificationPolicy } from '@sigstore/verify';
import { SigstoreError } from './errors';
import { explainVerificationFailure } from './explain-failure';

export interface BundleVerification {
  /** The identity (SAN) of the signing certificate, when the bundle was signed with a certificate. */
  identity?: string;
  issuer?: string;
  tlogEntries: { logIndex: string; integratedTime: string }[];
  timestamps: number;
}

export interface VerifyBundleOptions {
  bundle: unknown;
  /** The artifact; omit for DSSE bundles whose payload is inside the envelope. */
  artifact?: Uint8Array;
  trustedRoot: unknown;
  /** Required SAN (email or URI) and OIDC issuer of the signing certificate. */
  identity?: string;
  issuer?: string;
  /** Defaults follow the sigstore client: one tlog entry, one SCT, no timestamp authority required. */
  tlogThreshold?: number;
  ctlogThreshold?: number;
  timestampThreshold?: number;
}

export function verifyBundle(options: VerifyBundleOptions): BundleVerification {
  let bundle: ReturnType<typeof bundleFromJSON>;
  try {
    bundle = bundleFromJSON(options.bundle);
  } catch (e) {
    throw new SigstoreError('BUNDLE_INVALID', `This is not a Sigstore bundle: ${e instanceof Error ? e.message : String(e)}.`, { cause: e });
  }
  let trust: ReturnType<typeof toTrustMaterial>;
  try {
    trust = toTrustMaterial(TrustedRoot.fromJSON(options.trustedRoot));
  } catch (e) {
    throw new SigstoreError('TRUSTED_ROOT_INVALID', `The trusted root cannot be used: ${e instanceof Error ? e.message : String(e)}.`, { cause: e });
  }
  const verifier = new Verifier(trust, {
    tlogThreshold: options.tlogThreshold ?? 1,
    ctlogThreshold: options.ctlogThreshold ?? 1,
    timestampThreshold: options.timestampThreshold ?? 0,
  });
  const policy: VerificationPolicy = {};
  if (options.identity) policy.subjectAlternativeName = options.identity;
  if (options.issuer) policy.extensions = { issuer: options.issuer };
  const entity = toSignedEntity(bundle, options.artifact ? Buffer.from(options.artifact) : undefined);
  let signer: ReturnType<Verifier['verify']>;
  try {
    signer = verifier.verify(entity, policy);
  } catch (e) {
    throw explainVerificationFailure(e);
  }
  const result: BundleVerification = {
    tlogEntries: entity.tlogEntries.map((t) => ({ logIndex: String(t.logIndex), integratedTime: String(t.integratedTime) })),
    timestamps: entity.timestamps.length,
  };
  if (signer.identity?.subjectAlternativeName) result.identity = signer.identity.subjectAlternativeName;
  if (signer.identity?.extensions?.issuer) result.issuer = signer.identity.extensions.issuer;
  return result;
}
