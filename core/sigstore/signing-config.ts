// Builds and parses signing_config.json v0.2 (sigstore.trustroot.v1.SigningConfig, protobuf JSON form): which
// CA, OIDC issuer, Rekor logs and TSAs a Sigstore client uses to sign, with API versions and validity.
import { z } from 'zod';
import { SigstoreError } from './errors';
import { timeRange, timeRangeSchema } from './time-range';

export const SIGNING_CONFIG_MEDIA_TYPE = 'application/vnd.dev.sigstore.signingconfig.v0.2+json';

export const serviceSchema = z.object({
  url: z.string().url(),
  majorApiVersion: z.number().int().positive(),
  validFor: timeRangeSchema,
  operator: z.string().min(1),
});
export const selectorSchema = z.object({ selector: z.enum(['ALL', 'ANY', 'EXACT']), count: z.number().int().positive().optional() });

export const signingConfigSchema = z.object({
  mediaType: z.literal(SIGNING_CONFIG_MEDIA_TYPE),
  caUrls: z.array(serviceSchema),
  oidcUrls: z.array(serviceSchema),
  rekorTlogUrls: z.array(serviceSchema),
  tsaUrls: z.array(serviceSchema),
  rekorTlogConfig: selectorSchema,
  tsaConfig: selectorSchema,
});

export type ServiceJson = z.infer<typeof serviceSchema>;
export type SelectorJson = z.infer<typeof selectorSchema>;
export type SigningConfigJson = z.infer<typeof signingConfigSchema>;

export interface ServiceSpec {
  url: string;
  /** Default 1 (Fulcio v2 API is "1" here as in Sigstore's public config; Rekor v2 is 2). */
  majorApiVersion?: number;
  validFrom: Date;
  validUntil?: Date;
  operator: string;
}

export interface SigningConfigSpec {
  ca?: ServiceSpec[];
  oidc?: ServiceSpec[];
  rekor?: ServiceSpec[];
  tsa?: ServiceSpec[];
  /** Default { selector: 'ANY' }. */
  rekorTlogConfig?: SelectorJson;
  tsaConfig?: SelectorJson;
}

export function service(spec: ServiceSpec): ServiceJson {
  return { url: spec.url.replace(/\/+$/, ''), majorApiVersion: spec.majorApiVersion ?? 1, validFor: timeRange(spec.validFrom, spec.validUntil), operator: spec.operator };
}

function selector(s: SelectorJson | undefined, what: string): SelectorJson {
  const out = s ?? { selector: 'ANY' };
  if ((out.selector === 'EXACT') !== (out.count !== undefined)) throw new SigstoreError('TRUST_MATERIAL_INVALID', `${what}: a count is given exactly when the selector is EXACT.`);
  return out;
}

export function buildSigningConfig(spec: SigningConfigSpec): SigningConfigJson {
  return {
    mediaType: SIGNING_CONFIG_MEDIA_TYPE,
    caUrls: (spec.ca ?? []).map(service),
    oidcUrls: (spec.oidc ?? []).map(service),
    rekorTlogUrls: (spec.rekor ?? []).map(service),
    tsaUrls: (spec.tsa ?? []).map(service),
    rekorTlogConfig: selector(spec.rekorTlogConfig, 'rekorTlogConfig'),
    tsaConfig: selector(spec.tsaConfig, 'tsaConfig'),
  };
}

/** Parses a signing_config.json v0.2 value; TRUST_MATERIAL_INVALID naming the first bad field. */
export function parseSigningConfig(value: unknown): SigningConfigJson {
  const r = signingConfigSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new SigstoreError('TRUST_MATERIAL_INVALID', `signing_config.json: ${issue.path.join('.') || '(top)'}: ${issue.message}`, { details: { path: issue.path.join('.') } });
  }
  return r.data;
}
