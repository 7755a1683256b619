// Fulcio API v2 over HTTP (fulcio.proto, as the gRPC gateway serves it): POST /api/v2/signingCert,
// GET /api/v2/trustBundle, GET /api/v2/configuration. Errors are JSON { code, message }: 400 bad request or
// proof, 401 bad or expired token, 403 untrusted issuer, 413 too large; the server keeps serving.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CaError, parsePublicKeyContent, SIGSTORE_AUDIENCE, type FulcioCa } from '../../../core/ca';
import { fromBase64, toPem } from '../../../core/bytes';
import { errorInfo } from '../../../core/errors';
import { chainToPem } from '../../../core/pki';
import { HttpError, readBody, sendJson } from '../http-util';
import type { TrustedIssuers } from './trusted-issuers';

export interface CaRoutesOptions {
  ca: FulcioCa;
  issuers: TrustedIssuers;
  log(message: string): void;
}

/** The v2 CreateSigningCertificateRequest, public-key form (the CSR form is not supported). */
const signingCertRequest = z.object({
  credentials: z.object({ oidcIdentityToken: z.string().min(1) }),
  publicKeyRequest: z.object({
    publicKey: z.object({ algorithm: z.string().optional(), content: z.string().min(1) }),
    proofOfPossession: z.string().min(1),
  }),
});

const STATUS: Record<string, number> = {
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_AUDIENCE: 401,
  TOKEN_SIGNATURE: 401,
  TOKEN_ISSUER: 403,
  IDENTITY_UNSUPPORTED: 403,
  POP_INVALID: 400,
  PUBLIC_KEY_INVALID: 400,
  BAD_REQUEST: 400,
  JWKS_INVALID: 502,
  CT_SUBMISSION: 503,
};

async function signingCert(req: IncomingMessage, opts: CaRoutesOptions) {
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'));
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new CaError('BAD_REQUEST', 'The request body is not JSON.');
  }
  if ((body as { certificateSigningRequest?: unknown } | null)?.certificateSigningRequest !== undefined) {
    throw new CaError('BAD_REQUEST', 'Certificate signing requests are not supported; send publicKeyRequest with a proof of possession.');
  }
  const parsed = signingCertRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CaError('BAD_REQUEST', `Bad signingCert request: ${issue.path.join('.')}: ${issue.message}`);
  }
  const { credentials, publicKeyRequest } = parsed.data;
  const token = await opts.issuers.verify(credentials.oidcIdentityToken);
  const publicKey = parsePublicKeyContent(publicKeyRequest.publicKey.content);
  let proof: Uint8Array;
  try {
    proof = fromBase64(publicKeyRequest.proofOfPossession);
  } catch {
    throw new CaError('POP_INVALID', 'proofOfPossession is not base64.');
  }
  const issued = await opts.ca.issue({ token, publicKey, proofOfPossession: proof });
  opts.log(`issued a certificate for ${token.email ?? token.subject} (${token.issuer})`);
  const chain = { certificates: issued.chainPem };
  return issued.sct ? { signedCertificateEmbeddedSct: { chain } } : { signedCertificateDetachedSct: { chain } };
}

export function caRoutes(opts: CaRoutesOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
      switch (route) {
        case 'POST /api/v2/signingCert':
          // Fulcio answers 201 Created.
          return sendJson(res, 201, await signingCert(req, opts));
        case 'GET /api/v2/trustBundle':
          return sendJson(res, 200, { chains: [{ certificates: opts.ca.caChain.map((d) => toPem(d, 'CERTIFICATE')) }] });
        case 'GET /api/v2/configuration':
          return sendJson(res, 200, { issuers: opts.issuers.list().map((issuerUrl) => ({ issuerUrl, audience: SIGSTORE_AUDIENCE, challengeClaim: 'email' })) });
        case 'GET /api/v1/rootCert':
          res.writeHead(200, { 'content-type': 'application/pem-certificate-chain' });
          return void res.end(chainToPem(opts.ca.caChain));
        default:
          return sendJson(res, 404, { code: 'NOT_FOUND', message: `No such endpoint: ${route}` });
      }
    } catch (e) {
      if (e instanceof HttpError) return sendJson(res, e.status, { code: e.code, message: e.message });
      const info = errorInfo(e);
      const code = info.code;
      const status = e instanceof CaError ? (STATUS[code] ?? 400) : 500;
      if (status >= 500) opts.log(`signingCert failed: ${info.message}`);
      return sendJson(res, status, { code, message: status === 500 ? 'The CA failed to issue; see its log.' : info.message });
    }
  };
}
