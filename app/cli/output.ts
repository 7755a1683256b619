// How the CLI speaks: JSON on stdout with --json, readable text otherwise; errors on stderr with their code.
// With --json, stdout carries exactly one JSON document per run (or one object per line for streaming verbs):
// a failure is that document ({"ok": false, "error": {...}}), or is folded into the report already printed.
import type { ApiError, Result } from '../contract/result';
import { sayIssue, type IssueWords } from '../services/validation';

export class CommandFailed extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/** Set once stdout holds a JSON document (or line): a later failure then goes to stderr only. */
let documentWritten = false;

/**
 * A request the contract refused, said with the CLI's own names: `flags` maps schema fields to flags or
 * arguments (`{ url: '--url', chainPem: '--chain' }`), so the user reads "--url must be an http(s) URL".
 */
function withFlagNames(error: ApiError, flags: Record<string, string>): ApiError {
  const issues = error.details?.issues as IssueWords[] | undefined;
  if (error.code !== 'REQUEST_INVALID' || !Array.isArray(issues) || issues.length === 0) return error;
  const parts = issues.map((i) => sayIssue(flags[i.field] ?? (i.field === '(request)' ? 'the request' : i.field), i.text));
  const message = `${parts.join('; ')}.`;
  return { ...error, message: message.charAt(0).toUpperCase() + message.slice(1) };
}

export function unwrap<T>(result: Result<T>, flags?: Record<string, string>): T {
  if (!result.ok) throw new CommandFailed(flags ? withFlagNames(result.error, flags) : result.error);
  return result.value;
}

export function emit(json: boolean, value: unknown, text: () => string): void {
  if (json) documentWritten = true;
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

/** One line of a streaming --json command (`log monitor`): one compact JSON object per line. */
export function emitLine(value: unknown): void {
  documentWritten = true;
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** The error member every --json failure carries. */
export function errorMember(error: ApiError): { ok: false; error: ApiError } {
  return { ok: false, error };
}

export function emitError(json: boolean, error: ApiError): void {
  if (json && !documentWritten) {
    documentWritten = true;
    process.stdout.write(`${JSON.stringify(errorMember(error), null, 2)}\n`);
  }
  // Some messages carry their code already (a list of problems, each with its code): never say it twice.
  const tag = `[${error.code}]`;
  // The code closes the first line: a usage text that follows stays readable.
  const [first, ...more] = error.message.trimEnd().split('\n');
  const message = error.message.includes(tag) ? error.message.trimEnd() : [`${first} ${tag}`, ...more].join('\n');
  process.stderr.write(`rootsmith: ${message}\n`);
}

export function progress(message: string): void {
  process.stderr.write(`… ${message}\n`);
}
