// Verifies an OIDC identity token the way Fulcio does before issuing (OpenID Connect Core 3.1.3.7): the
// signature against the issuer's JWKS (ES256 or RS256; given as data, fetching is the app's job), the issuer,
// the audience "sigstore", and exp/nbf/iat against a Clock with a small skew.
import { verify as cryptoVerify } from 'node:crypto';
import type { Clock } from '../clock';
import { CaError } from './errors';
import { decodeJws, keyFromJwk, type JsonObject, type Jwks } from './jose';
import { SIGSTORE_AUDIENCE } from './oidc-issuer';

export interface VerifyTokenOptions {
  jwks: Jwks;
  /** The issuer URL(s) trusted; the token's iss must equal one exactly. */
  issuer: string | readonly string[];
  /** Default "sigstore". */
  audience?: string;
  clock: Clock;
  /** Allowed clock difference, default 60 s. */
  skewSeconds?: number;
}

export interface VerifiedToken {
  issuer: string;
  subject: string;
  /** Present when the token carries an email the issuer verified. */
  email?: string;
  expiresAt: Date;
  claims: JsonObject;
}

/** The token's iss claim, unverified: to choose which issuer's JWKS to fetch. TOKEN_INVALID if absent. */
export function peekIssuer(token: string): string {
  const iss = decodeJws(token).payload.iss;
  if (typeof iss !== 'string' || iss === '') throw new CaError('TOKEN_INVALID', 'The identity token has no "iss" claim.');
  return iss;
}

function verifySignature(alg: string, jwks: Jwks, kid: unknown, input: Uint8Array, signature: Uint8Array): boolean {
  const kty = alg === 'ES256' ? 'EC' : 'RSA';
  const candidates = jwks.keys.filter((k) => k.kty === kty && (kid === undefined || k.kid === undefined || k.kid === kid) && (k.alg === undefined || k.alg === alg));
  return candidates.some((jwk) => {
    if (kty === 'EC' && jwk.crv !== 'P-256') return false;
    const key = keyFromJwk(jwk);
    try {
      // RFC 7518 3.4: ES256 signatures are r||s, which node calls ieee-p1363.
      return kty === 'EC' ? cryptoVerify('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, signature) : cryptoVerify('sha256', input, key, signature);
    } catch {
      return false;
    }
  });
}

function numericDate(claims: JsonObject, name: string, required: boolean): number | undefined {
  const v = claims[name];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new CaError('TOKEN_INVALID', `The identity token's "${name}" claim is missing or not a number.`);
  return v;
}

/** Verifies `token` and returns its identity; CaError TOKEN_INVALID/ISSUER/SIGNATURE/AUDIENCE/EXPIRED otherwise. */
export function verifyIdentityToken(token: string, opts: VerifyTokenOptions): VerifiedToken {
  const { header, payload, signingInput, signature } = decodeJws(token);
  const iss = payload.iss;
  if (typeof iss !== 'string' || iss === '') throw new CaError('TOKEN_INVALID', 'The identity token has no "iss" claim.');
  const trusted = typeof opts.issuer === 'string' ? [opts.issuer] : opts.issuer;
  if (!trusted.includes(iss)) throw new CaError('TOKEN_ISSUER', `Tokens from issuer ${iss} are not accepted by this CA (it trusts ${trusted.join(', ') || 'no issuer'}).`, { details: { issuer: iss } });

  const alg = header.alg;
  if (alg !== 'ES256' && alg !== 'RS256') throw new CaError('TOKEN_INVALID', `The identity token's algorithm ${String(alg)} is not accepted (ES256 or RS256).`);
  if (!verifySignature(alg, opts.jwks, header.kid, signingInput, signature)) {
    throw new CaError('TOKEN_SIGNATURE', `The identity token's signature does not verify with any key of ${iss}.`);
  }

  const audience = opts.audience ?? SIGSTORE_AUDIENCE;
  const aud = payload.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(audience)) throw new CaError('TOKEN_AUDIENCE', `The identity token is for audience ${JSON.stringify(aud)}, not "${audience}".`);

  const skew = opts.skewSeconds ?? 60;
  const now = opts.clock.now().getTime() / 1000;
  const exp = numericDate(payload, 'exp', true)!;
  if (now > exp + skew) throw new CaError('TOKEN_EXPIRED', `The identity token expired at ${new Date(exp * 1000).toISOString()}; get a fresh one.`);
  const nbf = numericDate(payload, 'nbf', false);
  if (nbf !== undefined && now + skew < nbf) throw new CaError('TOKEN_EXPIRED', `The identity token is not valid before ${new Date(nbf * 1000).toISOString()}.`);
  const iat = numericDate(payload, 'iat', false);
  if (iat !== undefined && now + skew < iat) throw new CaError('TOKEN_EXPIRED', `The identity token was issued in the future (${new Date(iat * 1000).toISOString()}); check the clocks.`);

  const sub = payload.sub;
  if (typeof sub !== 'string' || sub === '') throw new CaError('TOKEN_INVALID', 'The identity token has no "sub" claim.');
  const out: VerifiedToken = { issuer: iss, subject: sub, expiresAt: new Date(exp * 1000), claims: payload };
  if (typeof payload.email === 'string' && payload.email !== '') {
    // Fulcio certificate-specification: only an email the issuer verified may become an email SAN.
    if (payload.email_verified !== true) throw new CaError('IDENTITY_UNSUPPORTED', `The email ${payload.email} is not verified by ${iss}.`);
    out.email = payload.email;
  }
  return out;
}
