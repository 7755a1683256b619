// The OIDC issuers the CA trusts and their keys: the issuer's discovery document gives jwks_uri, whose JWKS is
// fetched and kept for a minute (refetched early once when a token's key is not in it, for key rotation).
import { CaError, parseJwks, peekIssuer, verifyIdentityToken, type Jwks, type VerifiedToken } from '../../../core/ca';
import type { Clock } from '../../../core/clock';

const CACHE_MS = 60_000;

export interface TrustedIssuers {
  /** The issuer URLs trusted right now. */
  list(): string[];
  verify(token: string): Promise<VerifiedToken>;
}

async function fetchJson(url: string, what: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
  } catch (e) {
    throw new CaError('JWKS_INVALID', `Could not fetch the ${what} at ${url}.`, { cause: e });
  }
  if (!res.ok) throw new CaError('JWKS_INVALID', `The ${what} at ${url} answered HTTP ${res.status}.`);
  try {
    return await res.json();
  } catch (e) {
    throw new CaError('JWKS_INVALID', `The ${what} at ${url} is not JSON.`, { cause: e });
  }
}

/** OpenID Connect Discovery 1.0 section 4: the issuer's metadata, whose `issuer` must equal the URL asked. */
async function fetchJwks(issuer: string): Promise<Jwks> {
  const meta = (await fetchJson(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, 'OIDC discovery document')) as { issuer?: unknown; jwks_uri?: unknown };
  if (meta?.issuer !== issuer) throw new CaError('JWKS_INVALID', `The discovery document of ${issuer} names issuer ${String(meta?.issuer)} (OIDC Discovery 4.3).`);
  if (typeof meta.jwks_uri !== 'string') throw new CaError('JWKS_INVALID', `The discovery document of ${issuer} has no jwks_uri.`);
  return parseJwks(await fetchJson(meta.jwks_uri, 'JWKS'));
}

/** `issuers()` is read at each request, so an issuer started after the CA (the local test issuer) is picked up. */
export function trustedIssuers(issuers: () => string[], clock: Clock): TrustedIssuers {
  const cache = new Map<string, { jwks: Jwks; at: number }>();
  const jwksOf = async (issuer: string, fresh: boolean): Promise<Jwks> => {
    const hit = cache.get(issuer);
    const now = clock.now().getTime();
    if (hit && !fresh && now - hit.at < CACHE_MS) return hit.jwks;
    const jwks = await fetchJwks(issuer);
    cache.set(issuer, { jwks, at: now });
    return jwks;
  };
  return {
    list: issuers,
    async verify(token: string): Promise<VerifiedToken> {
      const trusted = issuers();
      const iss = peekIssuer(token);
      if (!trusted.includes(iss)) {
        throw new CaError('TOKEN_ISSUER', `Tokens from issuer ${iss} are not accepted by this CA (it trusts ${trusted.join(', ') || 'no issuer yet'}).`);
      }
      try {
        return verifyIdentityToken(token, { jwks: await jwksOf(iss, false), issuer: trusted, clock });
      } catch (e) {
        if (!(e instanceof CaError && e.code === 'TOKEN_SIGNATURE')) throw e;
        return verifyIdentityToken(token, { jwks: await jwksOf(iss, true), issuer: trusted, clock });
      }
    },
  };
}
