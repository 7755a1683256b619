// The one error base of Rootsmith: a stable machine-readable `code`, a message a person can act on, and the cause.
// Each domain declares its own code union and subclass (see core/keys/errors.ts) so codes stay close to their rules.

export class RootsmithError<C extends string = string> extends Error {
  readonly code: C;
  /** Safe-to-show details (never secrets), e.g. `{ field: 'steps[2].validity' }`. */
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: C, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options?.details) this.details = options.details;
  }
}

export function isRootsmithError(e: unknown): e is RootsmithError {
  return e instanceof RootsmithError;
}

/** A plain, serialisable view of any thrown value, for transports and logs. Unknown errors keep only their message. */
export function errorInfo(e: unknown): { code: string; message: string; details?: Record<string, unknown> } {
  if (isRootsmithError(e)) {
    return e.details ? { code: e.code, message: e.message, details: { ...e.details } } : { code: e.code, message: e.message };
  }
  if (e instanceof Error) return { code: 'INTERNAL', message: e.message };
  return { code: 'INTERNAL', message: String(e) };
}
