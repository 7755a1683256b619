// The bundle service: verify a Sigstore bundle as a Sigstore client would (artifact, required identity and issuer,
// a trusted root from the Services stack, a file, pasted JSON or TUF) and see it decoded, with the verdict.
import { z } from 'zod';
import type { RehearsalView } from './stack';

const filePath = z.string().min(1, 'path is empty').max(4096);

/** Where the trusted root comes from: the running Services stack, a file, its JSON text, or a TUF mirror. */
export const trustedRootSourceSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('stack') }).strict(),
  z.object({ source: z.literal('file'), path: filePath }).strict(),
  z.object({ source: z.literal('json'), json: z.string().min(1, 'the trusted root is empty').max(4 * 1024 * 1024) }).strict(),
  z.object({ source: z.literal('tuf'), mirrorUrl: z.string().min(1, 'the mirror URL is empty').max(2048), rootPath: filePath }).strict(),
]);

export const bundleSchemas = {
  verify: z
    .object({
      /** The bundle file's text (JSON). */
      bundleJson: z.string().min(1, 'the bundle is empty').max(16 * 1024 * 1024),
      /** The artifact's bytes, base64, at most 8 MiB (as stack.rehearse); or artifactPath for a file of any size. */
      artifactBase64: z.string().max(12 * 1024 * 1024).optional(),
      artifactName: z.string().min(1).max(255).optional(),
      artifactPath: filePath.optional(),
      identity: z.string().min(1, 'give the identity (email or URI) the signature must come from').max(2048),
      issuer: z.string().min(1, 'give the OIDC issuer that vouched for the identity').max(2048),
      trustedRoot: trustedRootSourceSchema,
      timestampThreshold: z.number().int().min(0).max(16).optional(),
    })
    .strict()
    .refine((r) => !(r.artifactBase64 !== undefined && r.artifactPath !== undefined), { message: 'give the artifact as bytes or as a path, not both', path: ['artifactPath'] }),
} as const;

/** A bundle decoded for people: the signing certificate, digest, log entries and timestamps (as a rehearsal shows it). */
export type DecodedBundle = Omit<RehearsalView, 'fileName' | 'verified'>;

/** What @sigstore/verify established, as `rootsmith verify --json` prints it. */
export interface BundleVerification {
  identity?: string;
  issuer?: string;
  tlogEntries: { logIndex: string; integratedTime: string }[];
  timestamps: number;
}

export interface BundleVerifyView {
  verified: boolean;
  /** Set when verified. */
  verification?: BundleVerification;
  /** Why the bundle was refused: a typed code (SIGNATURE_INVALID, IDENTITY_MISMATCH...) and words for people. */
  failure?: { code: string; message: string; details?: Record<string, unknown> };
  /** The identity and issuer that were required. */
  required: { identity: string; issuer: string };
  /** The artifact checked (its name or path), or null when the DSSE payload inside the bundle was checked. */
  artifact: string | null;
  /** Where the trusted root came from, in words. */
  trustedRootFrom: string;
  bundle: DecodedBundle;
}

export interface BundleResponses {
  verify: BundleVerifyView;
}
