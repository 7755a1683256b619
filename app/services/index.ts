// Builds the registry of every service over core; used by the Electron main process, the web host and the CLI.
import type { SystemStatus } from '../contract/system';
import { createKeysService, type KeysService } from './keys-service';
import { createProgressHub, type ProgressHub } from './progress';
import { createRegistry, type Registry } from './registry';
import { createSystemService } from './system-service';
import { createTsaService } from './tsa-service';
import { createTufService } from './tuf-service';
import { createLogService } from './log-service';
import { createCeremonyService } from './ceremony-service';
import { createStackService } from './stack-service';
import { systemClock } from '../../core/clock';

export interface Backend {
  registry: Registry;
  keys: KeysService;
  progress: ProgressHub;
  dispose(): void;
}

export function createBackend(transport: SystemStatus['transport']): Backend {
  const progress = createProgressHub();
  const keys = createKeysService(progress);
  const tsa = createTsaService();
  const tuf = createTufService({ keys, clock: systemClock });
  const log = createLogService({ clock: systemClock });
  const ceremony = createCeremonyService(keys);
  const stack = createStackService(progress);
  const registry = createRegistry({ system: createSystemService(transport), keys, tsa, tuf, log, ceremony, stack });
  return {
    registry,
    keys,
    progress,
    dispose: () => {
      ceremony.dispose();
      void stack.dispose();
      keys.dispose();
      void tsa.dispose();
      void log.dispose();
    },
  };
}

export type { Registry } from './registry';
