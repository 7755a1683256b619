// Starts the embedded TSA for `rootsmith serve --tsa` and for the GUI: resolves the key and chain (given, or the
// rehearsal identity in DIR/tsa/), lets TimestampAuthority.create refuse a mismatched key or broken chain, and
// listens on 127.0.0.1.
import fs from 'node:fs';
import path from 'node:path';
import { RootsmithError } from '../../../core/errors';
import type { Signer } from '../../../core/keys';
import { openServiceKey } from '../service-key';
import { chainToPem, pemToChain, viewCertificate } from '../../../core/pki';
import { PersistentSerialSource, TimestampAuthority, TsaError } from '../../../core/tsa';
import { listenLoopback } from '../listen';
import type { RunningService, ServeContext, ServiceStarter } from '../service-host';
import { rehearsalIdentity, type TsaIdentity } from './rehearsal-chain';
import { tsaRoutes } from './routes';

/**
 * The default policy, as in Sigstore's timestamp-authority (its --tsa-policy-oid default), so rehearsal
 * tokens look like the ones a production deployment of that service issues.
 */
export const DEFAULT_TSA_POLICY = '1.3.6.1.4.1.57264.2';

export interface TsaServer extends RunningService {
  tsa: TimestampAuthority;
  /** Chain as served on /api/v1/timestamp/certchain: PEM, leaf first, root last. */
  chainPem: string;
  rehearsal: boolean;
  keyRef: string;
}

/** The data directory of the TSA inside the shared serve directory. */
export const tsaDir = (dataDir: string) => path.join(dataDir, 'tsa');

async function givenIdentity(ctx: ServeContext, keyRef: string, chainFile: string): Promise<TsaIdentity> {
  let pem: string;
  try {
    pem = fs.readFileSync(chainFile, 'utf8');
  } catch (e) {
    throw new TsaError('TSA_CONFIG_INVALID', `Cannot read the TSA chain ${chainFile}.`, { cause: e });
  }
  let chain: Uint8Array[];
  try {
    chain = pemToChain(pem);
  } catch (e) {
    throw new TsaError('TSA_CHAIN_INVALID', `The TSA chain ${chainFile} has no PEM certificate; give the chain leaf first, root last.`, { cause: e });
  }
  return { signer: await openServiceKey(ctx, keyRef, 'TSA'), chain, rehearsal: false };
}

function closeSigner(signer: Signer): void {
  const closable = signer as Signer & { close?: () => void };
  closable.close?.();
}

export async function startTsaServer(ctx: ServeContext): Promise<TsaServer> {
  const keyRef = ctx.options['tsa-key'];
  const chainFile = ctx.options['tsa-chain'];
  if ((keyRef === undefined) !== (chainFile === undefined)) {
    throw new TsaError('TSA_CONFIG_INVALID', 'Give --tsa-key and --tsa-chain together (or neither, for a rehearsal TSA).');
  }
  const dir = tsaDir(ctx.dataDir);
  const identity = keyRef && chainFile ? await givenIdentity(ctx, keyRef, chainFile) : await rehearsalIdentity(dir, ctx.clock, ctx.log);
  let tsa: TimestampAuthority;
  try {
    tsa = await TimestampAuthority.create({
      signer: identity.signer,
      chain: identity.chain,
      policyOid: ctx.options['tsa-policy'] ?? DEFAULT_TSA_POLICY,
      clock: ctx.clock,
      serials: await PersistentSerialSource.open(dir),
    });
  } catch (e) {
    closeSigner(identity.signer);
    // Say which service refused and why, with core's code (TSA_KEY_MISMATCH, TSA_CHAIN_INVALID...).
    if (e instanceof RootsmithError) throw new RootsmithError(e.code, `The TSA cannot start: ${e.message}`, { cause: e });
    throw e;
  }
  const chainPem = chainToPem(identity.chain);
  const listening = await listenLoopback(tsaRoutes({ tsa, chainPem, log: ctx.log }), ctx.port).catch((e: unknown) => {
    closeSigner(identity.signer);
    throw e;
  });
  ctx.log(`${identity.rehearsal ? 'rehearsal ' : ''}TSA "${identity.signer.ref}" listening on ${listening.url}`);
  return {
    name: 'tsa',
    url: listening.url,
    // Clients trust the chain from the TSA certificate's start; stable across restarts.
    trust: [{ kind: 'tsa', url: listening.url, chainDer: identity.chain, validFrom: viewCertificate(identity.chain[0]!).notBefore }],
    tsa,
    chainPem,
    rehearsal: identity.rehearsal,
    keyRef: identity.signer.ref,
    stats: () => ({ issued: tsa.issuedCount }),
    close: async () => {
      await listening.close();
      closeSigner(identity.signer);
    },
  };
}

export const startTsaService: ServiceStarter = startTsaServer;
