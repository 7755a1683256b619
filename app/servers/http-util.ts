// Small helpers shared by Rootsmith's HTTP adapters: bounded body reading and JSON answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RootsmithError } from '../../core/errors';

export type HttpErrorCode = 'BODY_TOO_LARGE' | 'BODY_TIMEOUT' | 'BODY_ABORTED';

export class HttpError extends RootsmithError<HttpErrorCode> {
  constructor(
    code: HttpErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(code, message);
  }
}

/** Reads a request body up to `limit` bytes; a slower or larger body is refused instead of buffered forever. */
export function readBody(req: IncomingMessage, limit: number, timeoutMs = 10_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new HttpError('BODY_TOO_LARGE', `The request body is larger than ${limit} bytes.`, 413));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      reject(new HttpError('BODY_TIMEOUT', 'The request body did not arrive in time.', 408));
      req.destroy();
    }, timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        clearTimeout(timer);
        reject(new HttpError('BODY_TOO_LARGE', `The request body is larger than ${limit} bytes.`, 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(new HttpError('BODY_ABORTED', `The request body could not be read: ${e.message}`, 400));
    });
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}
