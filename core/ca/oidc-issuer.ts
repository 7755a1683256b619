// A TEST OpenID Connect issuer for rehearsals ONLY: it mints identity tokens for any address it is asked for,
// with no login. Every token and its discovery document say so. ES256 (RFC 7518 3.4) over a P-256 Signer.
import { toBase64Url } from '../bytes';
import type { Clock } from '../clock';
import type { Signer } from '../keys/signer';
import { CaError } from './errors';
import { base64UrlJson, es256DerToRaw, jwkFromSpki, type JsonObject, type Jwk, type Jwks } from './jose';

/** Shown in the discovery document, in every token (claim `rootsmith_rehearsal`) and by the CLI. */
export const TEST_ISSUER_NOTICE = 'Rootsmith TEST OIDC issuer: rehearsals only. It issues a token for any address without login; never trust it in production.';
export const SIGSTORE_AUDIENCE = 'sigstore';
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 600;

export const OIDC_PATHS = {
  discovery: '/.well-known/openid-configuration',
  jwks: '/.well-known/jwks.json',
  token: '/token',
} as const;

/** OpenID Connect Discovery 1.0 section 3 metadata, plus the rehearsal label. */
export interface DiscoveryDocument {
  issuer: string;
  jwks_uri: string;
  token_endpoint: string;
  authorization_endpoint: string;
  response_types_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
  claims_supported: string[];
  rootsmith_rehearsal_only: true;
  description: string;
}

export interface MintRequest {
  email: string;
  /** Default 600 s (10 minutes). */
  lifetimeSeconds?: number;
  /** Default "sigstore". */
  audience?: string;
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

export class TestOidcIssuer {
  private constructor(
    readonly issuerUrl: string,
    private readonly signer: Signer,
    private readonly jwk: Jwk,
  ) {}

  /** `issuerUrl` is the `iss` of every token (no trailing slash); the signer must be ECDSA P-256. */
  static async create(signer: Signer, issuerUrl: string): Promise<TestOidcIssuer> {
    if (signer.algorithm !== 'ecdsa-p256') throw new CaError('CA_CONFIG', `The test OIDC issuer signs ES256 and needs a P-256 key; ${signer.ref} is ${signer.algorithm}.`);
    const url = issuerUrl.replace(/\/+$/, '');
    const jwk = { ...jwkFromSpki(await signer.publicKeySpki()), alg: 'ES256', use: 'sig' };
    return new TestOidcIssuer(url, signer, jwk);
  }

  get keyId(): string {
    return this.jwk.kid!;
  }

  discovery(): DiscoveryDocument {
    return {
      issuer: this.issuerUrl,
      jwks_uri: `${this.issuerUrl}${OIDC_PATHS.jwks}`,
      token_endpoint: `${this.issuerUrl}${OIDC_PATHS.token}`,
      // There is no interactive login; the token endpoint is the only way in. Listed because Discovery 3 requires it.
      authorization_endpoint: `${this.issuerUrl}${OIDC_PATHS.token}`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
      claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'email', 'email_verified', 'rootsmith_rehearsal'],
      rootsmith_rehearsal_only: true,
      description: TEST_ISSUER_NOTICE,
    };
  }

  jwks(): Jwks {
    return { keys: [{ ...this.jwk }] };
  }

  /** An identity token for `email`: iss, sub = email = the address, email_verified, aud "sigstore", iat/nbf/exp. */
  async mint(req: MintRequest, clock: Clock): Promise<string> {
    const email = req.email.trim();
    if (!EMAIL.test(email) || email.length > 254) throw new CaError('TOKEN_INVALID', `"${req.email}" is not an email address.`);
    const lifetime = req.lifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
    if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 86_400) throw new CaError('TOKEN_INVALID', 'The token lifetime must be 1 to 86400 seconds.');
    const now = Math.floor(clock.now().getTime() / 1000);
    return this.sign({
      iss: this.issuerUrl,
      sub: email,
      aud: req.audience ?? SIGSTORE_AUDIENCE,
      email,
      email_verified: true,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      rootsmith_rehearsal: TEST_ISSUER_NOTICE,
    });
  }

  /** Signs any claims as a JWT with this issuer's key (tests use it to make expired or mis-addressed tokens). */
  async sign(claims: JsonObject): Promise<string> {
    const input = `${base64UrlJson({ alg: 'ES256', typ: 'JWT', kid: this.keyId })}.${base64UrlJson(claims)}`;
    const der = await this.signer.sign(new TextEncoder().encode(input), 'sha256');
    return `${input}.${toBase64Url(es256DerToRaw(der))}`;
  }
}
