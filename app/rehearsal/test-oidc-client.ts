// Asks the TEST OIDC issuer of `rootsmith serve --oidc` for an identity token (rehearsals only).
import { RootsmithError } from '../../core/errors';
import { classifyFetchFailure, fetchFailureMessage } from '../http-client/fetch-failure';

const TIMEOUT_MS = 10_000;

export type OidcClientErrorCode = 'OIDC_UNREACHABLE' | 'OIDC_REFUSED';
export class OidcClientError extends RootsmithError<OidcClientErrorCode> {}

export async function fetchTestToken(url: string, email: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/+$/, '')}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new OidcClientError('OIDC_UNREACHABLE', fetchFailureMessage('The test OIDC issuer', url, classifyFetchFailure(e), TIMEOUT_MS), { cause: e });
  }
  const body = (await res.json().catch(() => ({}))) as { token?: unknown; code?: unknown; message?: unknown };
  if (!res.ok || typeof body.token !== 'string') {
    throw new OidcClientError('OIDC_REFUSED', `The OIDC issuer at ${url} refused: ${typeof body.message === 'string' ? body.message : `HTTP ${res.status}`}`);
  }
  return body.token;
}
