// HTTP face of the TEST OIDC issuer (rehearsals only): discovery, JWKS, and a token endpoint that mints a
// token for any address it is given (POST JSON or form { email }, or GET /token?email=).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CaError, OIDC_PATHS, TEST_ISSUER_NOTICE, type TestOidcIssuer } from '../../../core/ca';
import type { Clock } from '../../../core/clock';
import { errorInfo } from '../../../core/errors';
import { HttpError, readBody, sendJson } from '../http-util';

export interface OidcRoutesOptions {
  issuer: TestOidcIssuer;
  clock: Clock;
  onMint(): void;
}

async function emailOf(req: IncomingMessage, url: URL): Promise<string> {
  if (req.method === 'GET') return url.searchParams.get('email') ?? '';
  const body = (await readBody(req, 4096)).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new CaError('TOKEN_INVALID', 'The request body is not JSON.');
    }
    const email = (parsed as { email?: unknown } | null)?.email;
    return typeof email === 'string' ? email : '';
  }
  return new URLSearchParams(body).get('email') ?? '';
}

export function oidcRoutes(opts: OidcRoutesOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === OIDC_PATHS.discovery) return sendJson(res, 200, opts.issuer.discovery());
      if (req.method === 'GET' && url.pathname === OIDC_PATHS.jwks) return sendJson(res, 200, opts.issuer.jwks());
      if (url.pathname === OIDC_PATHS.token && (req.method === 'GET' || req.method === 'POST')) {
        const email = await emailOf(req, url);
        if (!email) return sendJson(res, 400, { code: 'TOKEN_INVALID', message: 'Give the address to mint a token for: email=ADDRESS.' });
        const token = await opts.issuer.mint({ email }, opts.clock);
        opts.onMint();
        // OAuth 2.0-style names so generic clients can read it; `token` for Rootsmith's CLI.
        return sendJson(res, 200, { token, id_token: token, token_type: 'Bearer', expires_in: 600, rehearsal_only: true, notice: TEST_ISSUER_NOTICE });
      }
      return sendJson(res, 404, { code: 'NOT_FOUND', message: `No such endpoint: ${req.method} ${url.pathname}` });
    } catch (e) {
      if (e instanceof HttpError) return sendJson(res, e.status, { code: e.code, message: e.message });
      const info = errorInfo(e);
      return sendJson(res, e instanceof CaError ? 400 : 500, { code: info.code, message: info.message });
    }
  };
}
