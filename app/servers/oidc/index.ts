// Starts the TEST OIDC issuer for `rootsmith serve --oidc` (rehearsals only): its ES256 key lives in DIR/oidc/
// (made on first start, reused), its issuer URL is the URL it listens on.
import path from 'node:path';
import { TestOidcIssuer } from '../../../core/ca';
import { sendJson } from '../http-util';
import { listenLoopback } from '../listen';
import type { RunningService, ServeContext, ServiceStarter } from '../service-host';
import { rehearsalKey } from '../rehearsal-key';
import { oidcRoutes } from './routes';

export const oidcDir = (dataDir: string) => path.join(dataDir, 'oidc');

export const startOidcService: ServiceStarter = async (ctx: ServeContext): Promise<RunningService> => {
  const { signer, created } = await rehearsalKey(oidcDir(ctx.dataDir), 'rehearsal-oidc-key', 'ecdsa-p256');
  if (created) ctx.log(`made a rehearsal OIDC signing key in ${oidcDir(ctx.dataDir)}`);
  let minted = 0;
  let handler: ReturnType<typeof oidcRoutes> | undefined;
  // The issuer URL is the listening URL, known only once listening; until the issuer exists (a few ms) answer 503.
  const listening = await listenLoopback((req, res) => {
    if (handler) void handler(req, res);
    else sendJson(res, 503, { code: 'STARTING', message: 'The OIDC issuer is starting.' });
  }, ctx.port);
  handler = oidcRoutes({ issuer: await TestOidcIssuer.create(signer, listening.url), clock: ctx.clock, onMint: () => minted++ });
  ctx.log(`TEST OIDC issuer (rehearsals only: it issues a token for any address) listening on ${listening.url}`);
  return {
    name: 'oidc',
    url: listening.url,
    trust: [{ kind: 'oidc', url: listening.url }],
    stats: () => ({ tokensIssued: minted }),
    close: () => listening.close(),
  };
};
