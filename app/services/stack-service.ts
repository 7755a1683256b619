// The stack service: one embedded private Sigstore per backend, started with the same code as `rootsmith serve`
// (ceremony keys when given, else rehearsal keys in a data directory), its health, and rehearsals with the real
// sigstore client.
import path from 'node:path';
import { systemClock } from '../../core/clock';
import { RootsmithError } from '../../core/errors';
import { fromBase64 } from '../../core/bytes';
import type { RequestOf } from '../contract/api';
import type { RehearsalView, StackKeyUse, StackStatus } from '../contract/stack';
import { signAndVerify, type StackUrls } from '../rehearsal/sign-and-verify';
import { startStack, type RunningStack } from '../servers/serve-stack';
import { serviceNames } from '../servers/service-host';
import { DEFAULT_TSA_POLICY } from '../servers/tsa/starter';
import { appDataDir } from './app-data';
import { decodedFromView } from './bundle-decoded';
import { keyUses, serveOptions, stackSecrets } from './stack-keys';
import type { ProgressHub } from './progress';
import type { ServiceImpl } from './registry';

type StackErrorCode = 'STACK_NOT_RUNNING' | 'STACK_RUNNING' | 'STACK_INCOMPLETE';
class StackError extends RootsmithError<StackErrorCode> {}

async function healthy(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * The stack's log and TSA as the Log and Timestamps screens use them: one backend runs one set of embedded
 * services, so those screens default to these instead of starting a second log or TSA with another root.
 */
export interface StackEmbedded {
  tsa?: { url: string; chainDer: Uint8Array[]; issued: number; policyOid: string; keyRef?: string; dataDir: string };
  log?: { url: string; dataDir: string };
}

export type StackService = ServiceImpl<'stack'> & { dispose(): Promise<void>; embedded(): StackEmbedded };

export function createStackService(progress: ProgressHub): StackService {
  let stack: RunningStack | null = null;
  let keys: Record<string, StackKeyUse[]> = {};
  let starting = false;
  let tsaPolicy: string | undefined;

  const status = async (): Promise<StackStatus> => {
    if (!stack) return { running: false, dataDir: null, services: [], announced: {} };
    const services = await Promise.all(
      stack.services.map(async (s) => ({ name: s.name, url: s.url, healthy: await healthy(s.url), stats: s.stats(), keys: keys[s.name] ?? [] })),
    );
    return { running: true, dataDir: stack.dataDir, services, announced: stack.announced };
  };

  const rehearse = async (req: { fileName: string; contentBase64: string; email: string }): Promise<RehearsalView> => {
    if (!stack) throw new StackError('STACK_NOT_RUNNING', 'Start the services first: a rehearsal signs through them.');
    const a = stack.announced;
    const missing = ['ca', 'log', 'tsa', 'oidc', 'tuf', 'tufRoot'].filter((k) => !a[k]);
    if (missing.length > 0) throw new StackError('STACK_INCOMPLETE', `A rehearsal needs every service; not running: ${missing.join(', ')}.`);
    const operation = `stack.rehearse:${req.fileName}`;
    const result = await signAndVerify(a as unknown as StackUrls, fromBase64(req.contentBase64), req.email, (message) => progress.emit({ operation, message }));
    return { fileName: req.fileName, verified: result.verified, ...decodedFromView(result.view, result.bundle) };
  };

  return {
    status,
    start: async (req: RequestOf<'stack', 'start'>) => {
      if (stack) throw new StackError('STACK_RUNNING', `The services already run from ${stack.dataDir}; stop them first.`);
      if (starting) throw new StackError('STACK_RUNNING', 'The services are starting; wait for that start to finish.');
      const dir = path.resolve(req.dataDir ?? path.join(appDataDir(), 'rehearsal-stack'));
      const secrets = stackSecrets(req);
      starting = true;
      try {
        // The same start as `rootsmith serve`: its options and its secret callback, filled from the request.
        stack = await startStack({
          dataDir: dir,
          services: req.services ?? serviceNames,
          clock: systemClock,
          options: serveOptions(req),
          log: (name, message) => progress.emit({ operation: 'stack.start', message: `${name}: ${message}` }),
          holder: 'the Rootsmith app (Services)',
          notice: (message) => progress.emit({ operation: 'stack.start', message }),
          secret: secrets.secret,
        });
      } finally {
        secrets.forget();
        starting = false;
      }
      keys = keyUses(req);
      tsaPolicy = req.tsaPolicy;
      return status();
    },
    stop: async () => {
      await stack?.stop();
      stack = null;
      return status();
    },
    rehearse,
    embedded: () => {
      if (!stack) return {};
      const out: StackEmbedded = {};
      const tsa = stack.services.find((s) => s.name === 'tsa');
      const tsaTrust = tsa?.trust?.find((t) => t.kind === 'tsa');
      if (tsa && tsaTrust?.kind === 'tsa') {
        const ref = keys.tsa?.[0]?.ref;
        out.tsa = {
          url: tsa.url,
          chainDer: tsaTrust.chainDer,
          issued: tsa.stats().issued ?? 0,
          policyOid: tsaPolicy ?? DEFAULT_TSA_POLICY,
          dataDir: stack.dataDir,
          ...(ref ? { keyRef: ref } : {}),
        };
      }
      const log = stack.services.find((s) => s.name === 'log');
      if (log) out.log = { url: log.url, dataDir: stack.dataDir };
      return out;
    },
    dispose: async () => {
      await stack?.stop();
      stack = null;
    },
  };
}
