// Starts the local Fulcio-compatible CA for `rootsmith serve --ca`: its key and chain (--ca-key/--ca-chain, or
// the rehearsal identity in DIR/ca/), its CT log (DIR/ctlog/, own port, announced as "ctlog"), and the OIDC
// issuers it trusts (--oidc-issuer URL, else the local test issuer of this run, read at each request).
import fs from 'node:fs';
import path from 'node:path';
import { CaError, FulcioCa } from '../../../core/ca';
import type { Signer } from '../../../core/keys';
import { openServiceKey } from '../service-key';
import { pemToChain, PkiError } from '../../../core/pki';
import { startCtLog } from '../ctlog';
import { listenLoopback } from '../listen';
import type { RunningService, ServeContext, ServiceStarter } from '../service-host';
import { rehearsalCaIdentity, type CaIdentity } from './rehearsal-ca';
import { caRoutes } from './routes';
import { trustedIssuers } from './trusted-issuers';
import { viewCertificate } from '../../../core/pki/cert-view';

export const caDir = (dataDir: string) => path.join(dataDir, 'ca');

/** What the CA starter returns beyond RunningService: the facts trusted_root.json and signing_config.json need. */
export interface CaServer extends RunningService {
  /** DER, issuing certificate first, root last (as served on /api/v2/trustBundle). */
  chain: Uint8Array[];
  /** The CT log's base URL (its API is under /ct/v1/) and its key (DER SPKI). */
  ctlogUrl: string;
  ctlogPublicKey: Uint8Array;
  /** The OIDC issuer URLs trusted right now. */
  oidcIssuers(): string[];
  rehearsal: boolean;
}

async function givenIdentity(ctx: ServeContext, keyRef: string, chainFile: string): Promise<CaIdentity> {
  let pem: string;
  try {
    pem = fs.readFileSync(chainFile, 'utf8');
  } catch (e) {
    throw new CaError('CA_CONFIG', `Cannot read the CA chain ${chainFile}.`, { cause: e });
  }
  let chain: Uint8Array[];
  try {
    chain = pemToChain(pem);
  } catch (e) {
    // Name the file and the order expected; pemToChain alone cannot say which chain of the stack it read.
    throw new PkiError('CHAIN_INVALID', `The CA chain ${chainFile} has no PEM certificate; give the chain issuing certificate first, root last.`, { cause: e });
  }
  return { signer: await openServiceKey(ctx, keyRef, 'CA'), chain, rehearsal: false };
}

function closeSigner(signer: Signer): void {
  (signer as Signer & { close?: () => void }).close?.();
}

export async function startCaServer(ctx: ServeContext): Promise<CaServer> {
  const keyRef = ctx.options['ca-key'];
  const chainFile = ctx.options['ca-chain'];
  if ((keyRef === undefined) !== (chainFile === undefined)) throw new CaError('CA_CONFIG', 'Give --ca-key and --ca-chain together (or neither, for a rehearsal CA).');
  const identity = keyRef && chainFile ? await givenIdentity(ctx, keyRef, chainFile) : await rehearsalCaIdentity(caDir(ctx.dataDir), ctx.clock, ctx.log);
  const cleanups: (() => Promise<void> | void)[] = [() => closeSigner(identity.signer)];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c();
  };
  try {
    const ctKeyRef = ctx.options['ctlog-key'];
    const ctKey = ctKeyRef ? await openServiceKey(ctx, ctKeyRef, 'CT log') : undefined;
    if (ctKey) cleanups.push(() => ctKey.close());
    const ct = await startCtLog(ctx.dataDir, [identity.chain[identity.chain.length - 1]!], ctx.clock, ctx.log, (await ctx.portFor?.('ctlog')) ?? 0, ctKey);
    cleanups.push(() => ct.listening.close());
    const ca = new FulcioCa({ signer: identity.signer, chain: identity.chain, clock: ctx.clock, ctLog: ct.ctLog });
    await ca.checkKey();
    const configured = ctx.options['oidc-issuer']?.replace(/\/+$/, '');
    const issuers = trustedIssuers(() => (configured ? [configured] : ctx.urls.oidc ? [ctx.urls.oidc] : []), ctx.clock);
    const listening = await listenLoopback(caRoutes({ ca, issuers, log: ctx.log }), ctx.port);
    cleanups.push(() => listening.close());
    ctx.announce({ ctlog: ct.url });
    ctx.log(`${identity.rehearsal ? 'rehearsal ' : ''}CA "${identity.signer.ref}" listening on ${listening.url}; trusting ${configured ?? 'the local test OIDC issuer of this run'}`);
    // Stable across restarts, so republished trust material only changes when keys or URLs do.
    const validFrom = viewCertificate(identity.chain[0]!).notBefore;
    return {
      name: 'ca',
      url: listening.url,
      trust: [
        { kind: 'ca', url: listening.url, chainDer: identity.chain, validFrom },
        { kind: 'ctlog', baseUrl: ct.url, publicKeySpki: ct.publicKeySpki, validFrom },
      ],
      chain: identity.chain,
      ctlogUrl: ct.url,
      ctlogPublicKey: ct.publicKeySpki,
      oidcIssuers: issuers.list,
      rehearsal: identity.rehearsal,
      stats: () => ({ certificatesIssued: ca.issued, ctlogEntries: ct.ctLog.size }),
      close: stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

export const startCaService: ServiceStarter = startCaServer;
