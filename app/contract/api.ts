// THE API between the GUI and the backend: every service, its methods, their request schemas and responses.
// Both transports (Electron IPC, the web host) and the CLI dispatch through these definitions.
import type { z } from 'zod';
import type { Result } from './result';
import { systemSchemas, type SystemResponses } from './system';
import { keysSchemas, type KeysResponses } from './keys';
import { tufSchemas, type TufResponses } from './tuf';
import { tsaSchemas, type TsaResponses } from './tsa';
import { logSchemas, type LogResponses } from './log';
import { ceremonySchemas, type CeremonyResponses } from './ceremony';
import { stackSchemas, type StackResponses } from './stack';
import { bundleSchemas, type BundleResponses } from './bundle';

export const schemas = {
  system: systemSchemas,
  keys: keysSchemas,
  tsa: tsaSchemas,
  tuf: tufSchemas,
  log: logSchemas,
  ceremony: ceremonySchemas,
  stack: stackSchemas,
  bundle: bundleSchemas,
} as const;

interface Responses {
  system: SystemResponses;
  keys: KeysResponses;
  tsa: TsaResponses;
  tuf: TufResponses;
  log: LogResponses;
  ceremony: CeremonyResponses;
  stack: StackResponses;
  bundle: BundleResponses;
}

export type ServiceName = keyof typeof schemas;
export type MethodName<S extends ServiceName> = keyof (typeof schemas)[S] & keyof Responses[S] & string;
export type RequestOf<S extends ServiceName, M extends MethodName<S>> = (typeof schemas)[S][M] extends z.ZodType
  ? z.input<(typeof schemas)[S][M]>
  : never;
export type ResponseOf<S extends ServiceName, M extends MethodName<S>> = Responses[S][M];

/** Progress of long operations, pushed over the same transport. */
export interface ProgressEvent {
  operation: string;
  message: string;
  done?: number;
  total?: number;
}

export type RootsmithApi = {
  [S in ServiceName]: { [M in MethodName<S>]: (request: RequestOf<S, M>) => Promise<Result<ResponseOf<S, M>>> };
};

/** What the renderer sees as `window.rootsmith`: the services, plus progress events of long operations. */
export type RootsmithBridge = RootsmithApi & {
  /** Calls `listener` for every progress event until the returned function is called. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
};

/** Method names as runtime data, for transports that must build the API object without a Proxy (the preload). */
export function methodNames(): { service: ServiceName; method: string }[] {
  return (Object.keys(schemas) as ServiceName[]).flatMap((service) =>
    Object.keys(schemas[service]).map((method) => ({ service, method })),
  );
}
