// The one service registry both transports and the CLI dispatch through: validate the request against its
// contract schema, run the service, and turn any failure into a typed { code, message } result.
import { errorInfo } from '../../core/errors';
import { schemas, type MethodName, type RequestOf, type ResponseOf, type ServiceName } from '../contract/api';
import type { ApiError, Result } from '../contract/result';
import { fileError } from './file-errors';
import { describeIssues } from './validation';

type Outputs<S extends ServiceName, M extends MethodName<S>> = ResponseOf<S, M> | Promise<ResponseOf<S, M>>;

/** What a service implements: one function per contract method, receiving the already-validated request. */
export type ServiceImpl<S extends ServiceName> = {
  [M in MethodName<S>]: (request: RequestOf<S, M>) => Outputs<S, M>;
};

export type ServiceImpls = { [S in ServiceName]: ServiceImpl<S> };

/** A service given as its implementation, or as a loader run on its first call (keeps start-up light). */
export type ServiceSources = { [S in ServiceName]: ServiceImpl<S> | (() => Promise<ServiceImpl<S>>) };

export interface Registry {
  dispatch(service: string, method: string, request: unknown): Promise<Result<unknown>>;
  call<S extends ServiceName, M extends MethodName<S>>(service: S, method: M, request: RequestOf<S, M>): Promise<Result<ResponseOf<S, M>>>;
}

function failure(code: string, message: string, details?: Record<string, unknown>): { ok: false; error: ApiError } {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

export function createRegistry(impls: ServiceImpls | ServiceSources): Registry {
  const dispatch = async (service: string, method: string, request: unknown): Promise<Result<unknown>> => {
    if (!Object.hasOwn(schemas, service)) return failure('UNKNOWN_SERVICE', `There is no service named "${service}".`);
    const serviceSchemas = schemas[service as ServiceName] as Record<string, { safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: unknown[] } } }>;
    if (!Object.hasOwn(serviceSchemas, method)) return failure('UNKNOWN_METHOD', `The ${service} service has no method "${method}".`);
    const parsed = serviceSchemas[method]!.safeParse(request ?? {});
    if (!parsed.success) {
      const { message, fields, issues } = describeIssues(parsed.error.issues);
      return failure('REQUEST_INVALID', message, { fields, issues });
    }
    try {
      const source = (impls as unknown as Record<string, unknown>)[service];
      const loaded = (typeof source === 'function' ? await (source as () => Promise<unknown>)() : source) as Record<string, (r: unknown) => unknown>;
      return { ok: true, value: await loaded[method]!(parsed.data) };
    } catch (e) {
      // A missing or misplaced file says which path and what was expected, never Node's errno text.
      const info = errorInfo(fileError(e) ?? e);
      return { ok: false, error: info };
    }
  };
  return {
    dispatch,
    call: (service, method, request) => dispatch(service, method, request) as never,
  };
}
