// Builds the registry of every service over core; used by the Electron main process, the web host and the CLI.
// Services other than system and keys load on their first call, so a CLI command loads only what it uses.
import type { SystemStatus } from '../contract/system';
import { systemClock } from '../../core/clock';
import { createKeysService, type KeysService } from './keys-service';
import { createProgressHub, type ProgressHub } from './progress';
import { createRegistry, type Registry } from './registry';
import { createSystemService } from './system-service';

export interface Backend {
  registry: Registry;
  keys: KeysService;
  progress: ProgressHub;
  dispose(): void;
}

interface Lazy<T> {
  get(): Promise<T>;
  ifLoaded(use: (value: T) => unknown): void;
}

function lazy<T>(load: () => Promise<T>): Lazy<T> {
  let promise: Promise<T> | undefined;
  return {
    get: () => (promise ??= load()),
    ifLoaded: (use) => void promise?.then(use, () => undefined),
  };
}

export function createBackend(transport: SystemStatus['transport']): Backend {
  const progress = createProgressHub();
  const keys = createKeysService(progress);
  // The Timestamps and Log screens use the Services stack's TSA and log when it runs (one set of embedded services).
  const stackPart = <K extends 'tsa' | 'log'>(k: K) => async () => (await stack.get()).embedded()[k];
  const tsa = lazy(async () => (await import('./tsa-service.js')).createTsaService({ stackTsa: stackPart('tsa') }));
  const tuf = lazy(async () => (await import('./tuf-service.js')).createTufService({ keys, clock: systemClock }));
  const log = lazy(async () => (await import('./log-service.js')).createLogService({ clock: systemClock, stackLog: stackPart('log') }));
  const ceremony = lazy(async () => (await import('./ceremony-service.js')).createCeremonyService(keys));
  const stack = lazy(async () => (await import('./stack-service.js')).createStackService(progress));
  const bundle = lazy(async () =>
    (await import('./bundle-service.js')).createBundleService({ stackTrustedRoot: async () => (await (await stack.get()).status({})).announced.trustedRoot }),
  );
  const registry = createRegistry({
    system: createSystemService(transport),
    keys,
    tsa: tsa.get,
    tuf: tuf.get,
    log: log.get,
    ceremony: ceremony.get,
    stack: stack.get,
    bundle: bundle.get,
  });
  return {
    registry,
    keys,
    progress,
    dispose: () => {
      ceremony.ifLoaded((c) => c.dispose());
      stack.ifLoaded((s) => s.dispose());
      tsa.ifLoaded((t) => t.dispose());
      log.ifLoaded((l) => l.dispose());
      keys.dispose();
    },
  };
}

export type { Registry } from './registry';
