// How the app's HTTP clients word a request that got no answer (timed out, refused, unknown host, dropped), so
// the user learns which URL failed and what to check instead of a bare "fetch failed".

export type FetchFailureKind = 'timeout' | 'refused' | 'host-unknown' | 'reset' | 'other';

export interface FetchFailure {
  kind: FetchFailureKind;
  /** The low-level reason (an errno code or the error's message), for the parenthesis of a message. */
  detail: string;
}

/** How long a client waits for a server that accepted the connection but does not answer. */
export const DEFAULT_TIMEOUT_MS = 15_000;

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** Every `code` on the error, its cause, and an AggregateError's errors (Node tries each address of a host). */
function codes(e: unknown, depth = 0): string[] {
  if (e === null || typeof e !== 'object' || depth > 3) return [];
  const o = e as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof o.code === 'string' ? [o.code] : [];
  const nested = Array.isArray(o.errors) ? o.errors.flatMap((x) => codes(x, depth + 1)) : [];
  return [...own, ...codes(o.cause, depth + 1), ...nested];
}

/** Classifies what fetch (undici) or make-fetch-happen threw when no HTTP answer came. */
export function classifyFetchFailure(e: unknown): FetchFailure {
  const o = (e ?? {}) as { name?: unknown; type?: unknown; message?: unknown; cause?: { message?: unknown } };
  const all = codes(e);
  const first = all.find((c) => c !== 'FETCH_ERROR' && c !== 'ERR_INVALID_STATE');
  // AbortSignal.timeout rejects with a DOMException named TimeoutError; minipass-fetch uses type "request-timeout".
  if (o.name === 'TimeoutError' || o.type === 'request-timeout' || all.some((c) => TIMEOUT_CODES.has(c))) return { kind: 'timeout', detail: first ?? 'timed out' };
  if (all.includes('ECONNREFUSED')) return { kind: 'refused', detail: 'ECONNREFUSED' };
  if (all.includes('ENOTFOUND') || all.includes('EAI_AGAIN')) return { kind: 'host-unknown', detail: all.includes('ENOTFOUND') ? 'ENOTFOUND' : 'EAI_AGAIN' };
  if (all.some((c) => RESET_CODES.has(c))) return { kind: 'reset', detail: first ?? 'connection reset' };
  const causeMessage = typeof o.cause?.message === 'string' ? o.cause.message : undefined;
  return { kind: 'other', detail: first ?? causeMessage ?? (typeof o.message === 'string' ? o.message : String(e)) };
}

/**
 * A message a person can act on. `what` names the server ("The log", "The TUF repository"), `url` what was asked.
 */
export function fetchFailureMessage(what: string, url: string, failure: FetchFailure, timeoutMs: number): string {
  switch (failure.kind) {
    case 'timeout':
      return `${what} at ${url} did not answer within ${timeoutMs / 1000} s. Check that the URL is the right address and that the server there is running and not stuck.`;
    case 'refused':
      return `Nothing accepts connections at ${url} (connection refused). Check the URL and its port, and that ${what.replace(/^The /, 'the ')} is running.`;
    case 'host-unknown':
      return `The host of ${url} cannot be found (${failure.detail}). Check the URL and the network.`;
    case 'reset':
    case 'other':
      return `${what} at ${url} could not be reached (${failure.detail}). Check the URL and that the server there is running.`;
  }
}
