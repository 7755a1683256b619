// A Rekor v1 REST client (rekor openapi.yaml) for the CLI, the monitor and the GUI backend: every answer is
// parsed through core's wire schemas, so callers get typed, validated values or a LogClientError.
import { z } from 'zod';
import {
  consistencyProofWire,
  entryUuidPattern,
  logEntryMapWire,
  logInfoWire,
  type ConsistencyProofWire,
  type LogEntryWire,
  type LogInfoWire,
} from '../../core/tlog/rekor/wire';
import { classifyFetchFailure, DEFAULT_TIMEOUT_MS, fetchFailureMessage } from '../http-client/fetch-failure';
import { LogClientError } from './errors';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** One entry with its UUID (the key of the Rekor answer). */
export interface UuidEntry {
  uuid: string;
  entry: LogEntryWire;
}

export interface RekorClientOptions {
  /** How long one request may wait for the whole answer; default 15 s. */
  timeoutMs?: number;
}

export class RekorClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;

  constructor(
    baseUrl: string,
    private readonly fetchImpl: FetchLike = fetch,
    options: RekorClientOptions = {},
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** GET /api/v1/log: tree size, root, the signed checkpoint ("signedTreeHead") and tree ID. */
  logInfo(): Promise<LogInfoWire> {
    return this.json('GET', '/api/v1/log', undefined, logInfoWire);
  }

  /** GET /api/v1/log/publicKey: the log key as PEM. */
  async publicKey(): Promise<string> {
    const res = await this.request('GET', '/api/v1/log/publicKey', undefined, 'application/x-pem-file');
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw this.noAnswer(`${this.baseUrl}/api/v1/log/publicKey`, e);
    }
    if (!text.includes('-----BEGIN PUBLIC KEY-----')) throw new LogClientError('LOG_RESPONSE_INVALID', `${this.baseUrl} did not answer with a PEM public key.`);
    return text;
  }

  /** GET /api/v1/log/entries?logIndex=N. */
  async entryByIndex(index: number): Promise<UuidEntry> {
    return single(await this.json('GET', `/api/v1/log/entries?logIndex=${encodeURIComponent(String(index))}`, undefined, logEntryMapWire));
  }

  /** GET /api/v1/log/entries/{uuid} (64-hex leaf hash or 80-hex tree ID + leaf hash). */
  async entryByUuid(uuid: string): Promise<UuidEntry> {
    return single(await this.json('GET', `/api/v1/log/entries/${encodeURIComponent(uuid)}`, undefined, logEntryMapWire));
  }

  /** POST /api/v1/index/retrieve {hash: "sha256:<hex>"}: UUIDs of entries for that artifact digest. */
  async searchByHash(sha256Hex: string): Promise<string[]> {
    return this.json('POST', '/api/v1/index/retrieve', { hash: `sha256:${sha256Hex.toLowerCase()}` }, z.array(z.string().regex(entryUuidPattern)));
  }

  /** POST /api/v1/index/retrieve {email}: UUIDs of entries whose certificate names that e-mail identity. */
  async searchByEmail(email: string): Promise<string[]> {
    return this.json('POST', '/api/v1/index/retrieve', { email }, z.array(z.string().regex(entryUuidPattern)));
  }

  /** POST /api/v1/log/entries/retrieve {logIndexes}: the entries in the order asked (missing ones are skipped by the log). */
  async entriesByIndexes(indexes: readonly number[]): Promise<UuidEntry[]> {
    const maps = await this.json('POST', '/api/v1/log/entries/retrieve', { logIndexes: indexes }, z.array(logEntryMapWire));
    return maps.flatMap((m) => Object.entries(m).map(([uuid, entry]) => ({ uuid, entry })));
  }

  /** POST /api/v1/log/entries with a proposed entry; resolves with the created entry (201) or throws (409 = LOG_REJECTED, details.location). */
  async createEntry(proposed: unknown): Promise<UuidEntry> {
    return single(await this.json('POST', '/api/v1/log/entries', proposed, logEntryMapWire));
  }

  /** GET /api/v1/log/proof?firstSize=A&lastSize=B: consistency proof between two tree sizes. */
  consistencyProof(firstSize: number, lastSize: number): Promise<ConsistencyProofWire> {
    return this.json('GET', `/api/v1/log/proof?firstSize=${firstSize}&lastSize=${lastSize}`, undefined, consistencyProofWire);
  }

  private async json<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    const res = await this.request(method, path, body, 'application/json');
    let data: unknown;
    try {
      data = await res.json();
    } catch (e) {
      // The timeout covers the body too: a log that sends headers and then stalls is not "invalid JSON".
      if (classifyFetchFailure(e).kind === 'timeout') throw this.noAnswer(`${this.baseUrl}${path}`, e);
      throw new LogClientError('LOG_RESPONSE_INVALID', `${this.baseUrl}${path} did not answer with JSON.`, { cause: e });
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new LogClientError('LOG_RESPONSE_INVALID', `${this.baseUrl}${path} answered with an unexpected shape: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
    }
    return parsed.data;
  }

  private async request(method: string, path: string, body: unknown, accept: string): Promise<Response> {
    const url = `${this.baseUrl}${path}`;
    const attempt = () =>
      this.fetchImpl(url, {
        method,
        headers: { accept, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    let res: Response;
    try {
      // A read-only GET is retried when its connection was dropped: a pooled keep-alive connection the log
      // closed while idle fails the first try ("other side closed") through no fault of the log. Up to three
      // tries: the pool may hold more than one such connection. A timeout or a refused connection is not
      // retried (the user would wait three times as long for the same answer), and POSTs are never repeated.
      const retry = (e: unknown) => (method === 'GET' && classifyFetchFailure(e).kind === 'reset' ? attempt() : Promise.reject(e));
      res = await attempt().catch(retry).catch(retry);
    } catch (e) {
      throw this.noAnswer(url, e);
    }
    if (res.ok) return res;
    let info: { code?: unknown; message?: unknown } = {};
    try {
      info = (await res.json()) as typeof info;
    } catch {
      // not JSON: the status says enough
    }
    const message = typeof info.message === 'string' ? info.message : res.statusText;
    const details = { status: res.status, logCode: info.code ?? null, location: res.headers.get('location') };
    if (res.status === 404) throw new LogClientError('LOG_NOT_FOUND', `${url}: not found (${message}).`, { details });
    throw new LogClientError('LOG_REJECTED', `${url} answered ${res.status}: ${message}`, { details });
  }

  /** LOG_TIMEOUT when the log accepted but did not answer in time, else LOG_UNREACHABLE; the message names the URL. */
  private noAnswer(url: string, e: unknown): LogClientError {
    const failure = classifyFetchFailure(e);
    const message = fetchFailureMessage('The log', url, failure, this.timeoutMs);
    return new LogClientError(failure.kind === 'timeout' ? 'LOG_TIMEOUT' : 'LOG_UNREACHABLE', message, { cause: e, details: { url, reason: failure.kind } });
  }
}

function single(map: Record<string, LogEntryWire>): UuidEntry {
  const pairs = Object.entries(map);
  if (pairs.length !== 1) throw new LogClientError('LOG_RESPONSE_INVALID', `Expected one entry in the answer, got ${pairs.length}.`);
  const [uuid, entry] = pairs[0]!;
  return { uuid, entry };
}
