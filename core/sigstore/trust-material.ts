// The private Sigstore's trust material from the services that make it up: trusted_root.json and
// signing_config.json (v0.2), as deterministic bytes so an unchanged setup never needs re-signing.
import type { TrustedRootJson } from './trusted-root';
import { buildTrustedRoot } from './trusted-root';
import { buildSigningConfig, type SigningConfigJson } from './signing-config';

export interface TrustServices {
  tlogs: { baseUrl: string; publicKeySpki: Uint8Array; validFrom: Date; checkpointKeyId?: Uint8Array }[];
  ctlogs: { baseUrl: string; publicKeySpki: Uint8Array; validFrom: Date }[];
  /** Chains issuing certificate first, root last (DER). */
  cas: { url: string; chainDer: Uint8Array[]; validFrom: Date }[];
  tsas: { url: string; chainDer: Uint8Array[]; validFrom: Date }[];
  oidc: { url: string }[];
  operator: string;
}

export interface TrustMaterial {
  trustedRoot: TrustedRootJson;
  signingConfig: SigningConfigJson;
  files: { 'trusted_root.json': Uint8Array; 'signing_config.v0.2.json': Uint8Array };
}

function earliest(dates: Date[]): Date {
  return dates.length === 0 ? new Date(0) : new Date(Math.min(...dates.map((d) => d.getTime())));
}

export function buildTrustMaterial(s: TrustServices): TrustMaterial {
  const trustedRoot = buildTrustedRoot({
    tlogs: s.tlogs.map((t) => ({ baseUrl: t.baseUrl, publicKey: t.publicKeySpki, validFrom: t.validFrom, operator: s.operator, ...(t.checkpointKeyId ? { checkpointKeyId: t.checkpointKeyId } : {}) })),
    ctlogs: s.ctlogs.map((c) => ({ baseUrl: c.baseUrl, publicKey: c.publicKeySpki, validFrom: c.validFrom, operator: s.operator })),
    certificateAuthorities: s.cas.map((c) => ({ uri: c.url, chain: c.chainDer, validFrom: c.validFrom, operator: s.operator })),
    timestampAuthorities: s.tsas.map((t) => ({ uri: t.url, chain: t.chainDer, validFrom: t.validFrom, operator: s.operator })),
  });
  const config: Parameters<typeof buildSigningConfig>[0] = {};
  const svc = (url: string, validFrom: Date) => ({ url, validFrom, operator: s.operator });
  if (s.cas.length > 0) config.ca = s.cas.map((c) => svc(c.url, c.validFrom));
  // An OIDC issuer has no key of ours to date it by: it is valid from when the first service of this setup was.
  const setupStart = earliest([...s.tlogs, ...s.ctlogs, ...s.cas, ...s.tsas].map((x) => x.validFrom));
  if (s.oidc.length > 0) config.oidc = s.oidc.map((o) => svc(o.url, setupStart));
  if (s.tlogs.length > 0) config.rekor = s.tlogs.map((t) => svc(t.baseUrl, t.validFrom));
  if (s.tsas.length > 0) config.tsa = s.tsas.map((t) => svc(`${t.url.replace(/\/+$/, '')}/api/v1/timestamp`, t.validFrom));
  const signingConfig = buildSigningConfig(config);
  const encode = (v: unknown) => new Uint8Array(Buffer.from(`${JSON.stringify(v, null, 2)}\n`));
  return { trustedRoot, signingConfig, files: { 'trusted_root.json': encode(trustedRoot), 'signing_config.v0.2.json': encode(signingConfig) } };
}
