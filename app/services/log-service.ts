// The log service: the explorer's backend over any Rekor v1 log (or the embedded one it starts with the same
// starter as `rootsmith serve --log`): info and checkpoint history, pages of rows, decoded entries with the key
// checks done here, search, and consistency proofs (which the renderer verifies itself). When the Services stack
// runs, its log is "the embedded log": one backend runs one set of embedded services.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../core/clock';
import type { ConsistencyProofView, EmbeddedLogStatus } from '../contract/log';
import type { RunningService } from '../servers/service-host';
import { serviceStarters } from '../servers/services';
import { appDataDir } from './app-data';
import { detailOf, rowOfWire } from './log/entry-mapping';
import { LogServiceError } from './log/errors';
import { LogConnection } from './log/log-connection';
import { proofAtSize } from '../log-client/proof-at-size';
import { searchLog } from './log/search';
import type { ServiceImpl } from './registry';
import type { StackEmbedded } from './stack-service';

export interface LogService extends ServiceImpl<'log'> {
  dispose(): Promise<void>;
}

const MAX_CONNECTIONS = 16;

/** The Services stack's log, when the stack runs in this backend. */
export type StackLog = () => Promise<StackEmbedded['log'] | undefined>;

export function createLogService(deps: { clock: Clock; stackLog?: StackLog }): LogService {
  const connections = new Map<string, LogConnection>();
  let embedded: { service: RunningService; dataDir: string } | null = null;
  let starting = false;

  const normal = (url: string) => url.replace(/\/+$/, '');
  const connection = (url: string): LogConnection => {
    const key = normal(url);
    let c = connections.get(key);
    if (!c) {
      if (connections.size >= MAX_CONNECTIONS) connections.delete(connections.keys().next().value!);
      c = new LogConnection(key, deps.clock);
      connections.set(key, c);
    }
    return c;
  };
  const stackLog = async () => (embedded || !deps.stackLog ? undefined : deps.stackLog());
  /** The embedded log in use: the one started here, else the Services stack's. */
  const embeddedLog = async (): Promise<{ url: string; dataDir: string; source: 'log' | 'stack' } | undefined> => {
    if (embedded) return { url: embedded.service.url, dataDir: embedded.dataDir, source: 'log' };
    const s = await stackLog();
    return s ? { ...s, source: 'stack' } : undefined;
  };
  const isEmbeddedUrl = async (url: string) => {
    const e = await embeddedLog();
    return e !== undefined && normal(e.url) === normal(url);
  };
  const status = async (): Promise<EmbeddedLogStatus> => {
    const e = await embeddedLog();
    return e ? { running: true, url: e.url, dataDir: e.dataDir, source: e.source } : { running: false };
  };
  /** The tree size to clamp against: the last one seen, refreshed when unknown. */
  const treeSize = async (c: LogConnection) => (c.lastInfo ?? (await c.info(await isEmbeddedUrl(c.url)))).treeSize;

  return {
    connect: async (r) => {
      const url = r.url ?? (await embeddedLog())?.url;
      if (!url) throw new LogServiceError('LOG_EMBEDDED_NOT_RUNNING', 'The embedded log is not running: start it, or give the URL of a log.');
      return connection(url).info(await isEmbeddedUrl(url));
    },
    info: async (r) => connection(r.url).info(await isEmbeddedUrl(r.url)),
    entries: async (r) => {
      const c = connection(r.url);
      let size = await treeSize(c);
      // The log may have grown since it was last asked: look again before refusing a page past the end.
      if (r.start + r.count > size) size = (await c.info(await isEmbeddedUrl(r.url))).treeSize;
      if (r.start >= size && size > 0) throw new LogServiceError('INDEX_OUT_OF_RANGE', `The log has ${size} entries; there is no entry ${r.start}.`, { details: { start: r.start, size } });
      const count = Math.min(r.count, size - r.start);
      const got = count > 0 ? await c.range(r.start, count) : [];
      return { url: c.url, start: r.start, treeSize: size, rows: got.map((g) => rowOfWire(g.uuid, g.entry)) };
    },
    entry: async (r) => {
      const c = connection(r.url);
      const got = r.index !== undefined ? await c.client.entryByIndex(r.index) : await c.client.entryByUuid(r.uuid!.toLowerCase());
      const [key, checkpoint] = await Promise.all([c.logKey(), c.proofCheckpoint(got.entry)]);
      return detailOf(c.url, got.uuid, got.entry, key.spki, key.pem, checkpoint);
    },
    search: (r) => {
      const c = connection(r.url);
      return searchLog(c, r.query);
    },
    consistency: async (r): Promise<ConsistencyProofView> => {
      const c = connection(r.url);
      const first = c.checkpointOfSize(r.firstSize);
      const second = c.checkpointOfSize(r.secondSize);
      const missing = [first ? null : r.firstSize, second ? null : r.secondSize].filter((n) => n !== null);
      if (!first || !second) {
        throw new LogServiceError('CHECKPOINT_UNKNOWN', `No checkpoint of size ${missing.join(' or ')} was seen from this log: pick two checkpoints from the history.`, { details: { sizes: missing } });
      }
      const hashesHex = r.firstSize === r.secondSize ? [] : (await c.client.consistencyProof(r.firstSize, r.secondSize)).hashes;
      return { url: c.url, firstSize: r.firstSize, secondSize: r.secondSize, firstRootHex: first.rootHashHex, secondRootHex: second.rootHashHex, hashesHex };
    },
    proofAtSize: async (r) => {
      const c = connection(r.url);
      const [got, key] = await Promise.all([c.client.entryByIndex(r.index), c.logKey()]);
      if (!key.spki) throw new LogServiceError('LOG_KEY_UNKNOWN', 'The log does not publish its public key, so its checkpoint cannot be checked.');
      return proofAtSize(c.client, c.url, got.uuid, got.entry, r.treeSize, key.spki);
    },
    checkpoints: (r) => {
      const c = connection(r.url);
      return { url: c.url, checkpoints: c.checkpoints() };
    },
    embeddedStatus: () => status(),
    startEmbedded: async (r) => {
      if (embedded || starting) throw new LogServiceError('LOG_EMBEDDED_ALREADY_RUNNING', `The embedded log already runs${embedded ? ` at ${embedded.service.url}` : ''}; stop it first.`);
      const fromStack = await stackLog();
      if (fromStack) {
        throw new LogServiceError('LOG_EMBEDDED_ALREADY_RUNNING', `The Services stack runs a log at ${fromStack.url}: explore it, or stop the services on the Services screen first.`);
      }
      const starter = serviceStarters.log;
      if (!starter) throw new LogServiceError('LOG_EMBEDDED_UNAVAILABLE', 'This build of Rootsmith has no embedded log service.');
      starting = true;
      try {
        const dataDir = path.resolve(r.dataDir ?? path.join(appDataDir(), 'services'));
        fs.mkdirSync(dataDir, { recursive: true });
        const service = await starter({
          dataDir,
          clock: deps.clock,
          port: 0,
          options: {},
          urls: {},
          announce: () => undefined,
          log: () => undefined,
          secret: async (purpose) => {
            throw new LogServiceError('LOG_SECRET_REQUIRED', `${purpose} is needed to start this log; start it with \`rootsmith serve --log\` and connect to its URL.`);
          },
        });
        embedded = { service, dataDir };
        return await status();
      } finally {
        starting = false;
      }
    },
    stopEmbedded: async () => {
      if (!embedded && (await stackLog())) {
        throw new LogServiceError('LOG_STACK_OWNED', 'This log is part of the Services stack: stop it on the Services screen (Stop all).');
      }
      const current = embedded;
      embedded = null;
      if (current) connections.delete(normal(current.service.url));
      await current?.service.close();
      return status();
    },
    dispose: async () => {
      const current = embedded;
      embedded = null;
      await current?.service.close();
    },
  };
}
