// The embedded transparency log over HTTP (`rootsmith serve --log`): Rekor v1 API subset and read-only tiles.
import path from 'node:path';
import { RekorLog } from '../../../core/tlog/rekor/rekor-log';
import { listenLoopback } from '../listen';
import type { RunningService, ServeContext, ServiceStarter } from '../service-host';
import { enforceHeaderDeadline } from './header-deadline';
import { LOG_FILES, logCreatedAt, openLogIdentity } from './log-identity';
import { logRoutes } from './routes';

export { BODY_LIMIT, RETRIEVE_LIMIT } from './routes';
export { LOG_FILES, DEFAULT_LOG_HOSTNAME } from './log-identity';

export interface LogServer extends RunningService {
  log: RekorLog;
  rehearsal: boolean;
}

/** The log's directory inside the shared serve directory. */
export const logDir = (dataDir: string) => path.join(dataDir, 'log');

export async function startLogServer(ctx: ServeContext): Promise<LogServer> {
  const dir = logDir(ctx.dataDir);
  const identity = await openLogIdentity(ctx, dir);
  let log: RekorLog;
  try {
    log = await RekorLog.open({
      tilesDir: path.join(dir, LOG_FILES.tiles),
      indexFile: path.join(dir, LOG_FILES.index),
      signer: identity.signer,
      treeId: identity.params.treeId,
      hostname: identity.params.hostname,
      clock: ctx.clock,
    });
  } catch (e) {
    identity.close();
    throw e;
  }
  const listening = await listenLoopback(logRoutes({ log, operatorLog: ctx.log }), ctx.port).catch(async (e: unknown) => {
    await log.close();
    identity.close();
    throw e;
  });
  enforceHeaderDeadline(listening.server);
  ctx.log(`${identity.rehearsal ? 'rehearsal ' : ''}log "${log.origin}" (${log.size} entries) listening on ${listening.url}`);
  return {
    name: 'log',
    url: listening.url,
    log,
    rehearsal: identity.rehearsal,
    // Clients check SETs and checkpoints with this key; the name in checkpoint signatures matches this URL.
    trust: [{ kind: 'tlog', baseUrl: listening.url, publicKeySpki: log.spki, validFrom: logCreatedAt(dir, identity.params) }],
    stats: () => ({ entries: log.size }),
    close: async () => {
      // Stop taking connections, let pending entries integrate (their clients get their answers), then close.
      listening.server.close();
      await log.close();
      await listening.close();
      identity.close();
    },
  };
}

export const startLogService: ServiceStarter = startLogServer;
