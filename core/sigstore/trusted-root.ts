// Builds and parses trusted_root.json (sigstore.trustroot.v1.TrustedRoot, media type version 0.1, protobuf JSON
// form): the CAs, transparency logs, CT logs and timestamp authorities a Sigstore client trusts.
import { z } from 'zod';
import { sha256, toBase64 } from '../bytes';
import { algorithmOfSpki } from '../keys/spki';
import type { KeyAlgorithm } from '../keys/signer';
import { viewCertificate } from '../pki/cert-view';
import { nameAttribute } from '../pki/name';
import { OID } from '../pki/oids';
import { SigstoreError } from './errors';
import { timeRange, timeRangeSchema } from './time-range';

export const TRUSTED_ROOT_MEDIA_TYPE = 'application/vnd.dev.sigstore.trustedroot+json;version=0.1';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/** sigstore.common.v1.PublicKeyDetails names our keys map to. */
export const KEY_DETAILS: Record<KeyAlgorithm, string> = {
  'ecdsa-p256': 'PKIX_ECDSA_P256_SHA_256',
  'ecdsa-p384': 'PKIX_ECDSA_P384_SHA_384',
  ed25519: 'PKIX_ED25519',
};

export const transparencyLogSchema = z.object({
  baseUrl: z.string().url(),
  hashAlgorithm: z.literal('SHA2_256'),
  publicKey: z.object({ rawBytes: base64, keyDetails: z.string().min(1), validFor: timeRangeSchema.optional() }),
  logId: z.object({ keyId: base64 }),
  checkpointKeyId: z.object({ keyId: base64 }).optional(),
  operator: z.string().optional(),
});

export const certificateAuthoritySchema = z.object({
  subject: z.object({ organization: z.string(), commonName: z.string() }),
  uri: z.string(),
  certChain: z.object({ certificates: z.array(z.object({ rawBytes: base64 })).min(1) }),
  validFor: timeRangeSchema,
  operator: z.string().optional(),
});

export const trustedRootSchema = z.object({
  mediaType: z.literal(TRUSTED_ROOT_MEDIA_TYPE),
  tlogs: z.array(transparencyLogSchema),
  certificateAuthorities: z.array(certificateAuthoritySchema),
  ctlogs: z.array(transparencyLogSchema),
  timestampAuthorities: z.array(certificateAuthoritySchema),
});

export type TransparencyLogJson = z.infer<typeof transparencyLogSchema>;
export type CertificateAuthorityJson = z.infer<typeof certificateAuthoritySchema>;
export type TrustedRootJson = z.infer<typeof trustedRootSchema>;

/** A transparency log or CT log: its API base URL and its key (DER SPKI). */
export interface LogSpec {
  baseUrl: string;
  publicKey: Uint8Array;
  validFrom: Date;
  validUntil?: Date;
  /** Rekor v2 (signed-note checkpoints): the checkpoint key id, when it differs from the log id. */
  checkpointKeyId?: Uint8Array;
  operator?: string;
}

/** A certificate authority or TSA: its URL and its chain, issuing certificate first and root last (DER). */
export interface CaSpec {
  uri: string;
  chain: readonly Uint8Array[];
  /** Default: the issuing certificate's notBefore. */
  validFrom?: Date;
  validUntil?: Date;
  /** Default: organization and common name of the root (last) certificate, as Sigstore's public root does. */
  subject?: { organization: string; commonName: string };
  operator?: string;
}

/** A TransparencyLogInstance: logId.keyId is SHA-256 of the DER SPKI (RFC 6962 3.2 LogID; Rekor's log id). */
export function transparencyLogInstance(spec: LogSpec): TransparencyLogJson {
  const out: TransparencyLogJson = {
    baseUrl: spec.baseUrl.replace(/\/+$/, ''),
    hashAlgorithm: 'SHA2_256',
    publicKey: { rawBytes: toBase64(spec.publicKey), keyDetails: KEY_DETAILS[algorithmOfSpki(spec.publicKey)], validFor: timeRange(spec.validFrom, spec.validUntil) },
    logId: { keyId: toBase64(sha256(spec.publicKey)) },
  };
  if (spec.checkpointKeyId) out.checkpointKeyId = { keyId: toBase64(spec.checkpointKeyId) };
  if (spec.operator) out.operator = spec.operator;
  return out;
}

export function certificateAuthority(spec: CaSpec): CertificateAuthorityJson {
  if (spec.chain.length === 0) throw new SigstoreError('TRUST_MATERIAL_INVALID', `The certificate chain of ${spec.uri} is empty.`);
  const root = viewCertificate(spec.chain[spec.chain.length - 1]!);
  const issuing = viewCertificate(spec.chain[0]!);
  const subject = spec.subject ?? { organization: nameAttribute(root.subject, OID.organization) ?? '', commonName: nameAttribute(root.subject, OID.commonName) ?? '' };
  const out: CertificateAuthorityJson = {
    subject,
    uri: spec.uri,
    certChain: { certificates: spec.chain.map((der) => ({ rawBytes: toBase64(der) })) },
    validFor: timeRange(spec.validFrom ?? issuing.notBefore, spec.validUntil),
  };
  if (spec.operator) out.operator = spec.operator;
  return out;
}

export interface TrustedRootSpec {
  certificateAuthorities?: CaSpec[];
  tlogs?: LogSpec[];
  ctlogs?: LogSpec[];
  timestampAuthorities?: CaSpec[];
}

export function buildTrustedRoot(spec: TrustedRootSpec): TrustedRootJson {
  return {
    mediaType: TRUSTED_ROOT_MEDIA_TYPE,
    tlogs: (spec.tlogs ?? []).map(transparencyLogInstance),
    certificateAuthorities: (spec.certificateAuthorities ?? []).map(certificateAuthority),
    ctlogs: (spec.ctlogs ?? []).map(transparencyLogInstance),
    timestampAuthorities: (spec.timestampAuthorities ?? []).map(certificateAuthority),
  };
}

/** Parses a trusted_root.json value; TRUST_MATERIAL_INVALID naming the first bad field. */
export function parseTrustedRoot(value: unknown): TrustedRootJson {
  const r = trustedRootSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new SigstoreError('TRUST_MATERIAL_INVALID', `trusted_root.json: ${issue.path.join('.') || '(top)'}: ${issue.message}`, { details: { path: issue.path.join('.') } });
  }
  return r.data;
}
