// Starts a set of embedded services in order on loopback, sharing one data directory, trust contributions and
// remembered ports; used by `rootsmith serve` and by the GUI's Services screen alike.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../core/clock';
import { lockDataDir } from './data-dir-lock';
import { loadPorts, preferredPort, savePorts } from './port-memory';
import { serviceNames, type RunningService, type ServiceName, type TrustContribution } from './service-host';
import { serviceStarters } from './services';

export interface StackOptions {
  dataDir: string;
  services: readonly ServiceName[];
  clock: Clock;
  /** A fixed port, only with a single service; 0 reuses last run's ports when free. */
  port?: number;
  options: Readonly<Record<string, string | undefined>>;
  secret(purpose: string, envName?: string): Promise<string>;
  log(service: ServiceName, message: string): void;
  /** Who runs the stack, named to a second process refused the data directory; default "rootsmith serve". */
  holder?: string;
  /** Notes about the data directory itself (a stale lock taken over); default: stderr. */
  notice?(message: string): void;
  createTrustRepository?(repoDir: string, files: Record<string, Uint8Array>): Promise<void>;
}

export interface RunningStack {
  dataDir: string;
  /** Service URLs plus what the services announced (ctlog, tufRoot, trustedRoot...): the JSON line of `serve`. */
  announced: Record<string, string>;
  services: RunningService[];
  stop(): Promise<void>;
}

export async function startStack(opts: StackOptions): Promise<RunningStack> {
  const dataDir = path.resolve(opts.dataDir);
  const unknown = opts.services.filter((n) => !serviceStarters[n]);
  if (unknown.length > 0) throw new Error(`This build cannot serve: ${unknown.join(', ')}.`);
  fs.mkdirSync(dataDir, { recursive: true });
  // Held until stop(): a second stack on this directory would fork its log and overwrite its ports.
  const lock = lockDataDir(dataDir, {
    clock: opts.clock,
    by: opts.holder ?? 'rootsmith serve',
    notice: opts.notice ?? ((message) => process.stderr.write(`rootsmith: note: ${message}\n`)),
  });
  const urls: Partial<Record<ServiceName, string>> = {};
  const extra: Record<string, string> = {};
  const trust: TrustContribution[] = [];
  const remembered = loadPorts(dataDir);
  const running: RunningService[] = [];
  const stop = async () => {
    for (const s of running.splice(0).reverse()) await s.close().catch(() => undefined);
    lock.release();
  };
  try {
    for (const name of serviceNames.filter((n) => opts.services.includes(n))) {
      const service = await serviceStarters[name]!({
        dataDir,
        clock: opts.clock,
        port: opts.port ? opts.port : await preferredPort(remembered, name),
        portFor: (secondary) => preferredPort(remembered, secondary),
        options: opts.options,
        urls,
        trust,
        log: (message) => opts.log(name, message),
        announce: (fields) => Object.assign(extra, fields),
        secret: opts.secret,
        ...(opts.createTrustRepository ? { createTrustRepository: opts.createTrustRepository } : {}),
      });
      running.push(service);
      urls[name] = service.url;
      trust.push(...(service.trust ?? []));
    }
  } catch (e) {
    await stop();
    throw e;
  }
  try {
    savePorts(dataDir, { ...extra, ...urls });
  } catch (e) {
    await stop();
    throw e;
  }
  return { dataDir, announced: { ...urls, ...extra } as Record<string, string>, services: running, stop };
}
