// How the CLI speaks: JSON on stdout with --json, readable text otherwise; errors on stderr with their code.
import type { ApiError, Result } from '../contract/result';

export class CommandFailed extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CommandFailed(result.error);
  return result.value;
}

export function emit(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

export function emitError(json: boolean, error: ApiError): void {
  if (json) process.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
  process.stderr.write(`rootsmith: ${error.message} [${error.code}]\n`);
}

export function progress(message: string): void {
  process.stderr.write(`… ${message}\n`);
}
