// The Rekor v1 API subset of the embedded log (rekor openapi.yaml) plus the tiles read-only (C2SP tlog-tiles).
// Every failure is a 4xx with { code, message }; nothing a client sends can stop the server or touch what is logged.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { z } from 'zod';
import { errorInfo, RootsmithError } from '../../../core/errors';
import { spkiToPem } from '../../../core/keys';
import { acceptProposedEntry } from '../../../core/tlog/rekor/proposed';
import { RekorEntryError } from '../../../core/tlog/rekor/errors';
import type { RekorLog } from '../../../core/tlog/rekor/rekor-log';
import { TlogError } from '../../../core/tlog';
import { HttpError, readBody, sendJson } from '../http-util';
import { serveStatic } from '../static-files';

/** A hashedrekord is ~2 KiB and a dsse entry with a certificate ~5 KiB: 128 KiB is generous; more is abuse. */
export const BODY_LIMIT = 128 * 1024;
/** Most entries one retrieve call may ask for (Rekor's own limit is 10). */
export const RETRIEVE_LIMIT = 10;

export interface LogRoutesOptions {
  log: RekorLog;
  operatorLog(message: string): void;
}

const retrieveRequest = z.union([
  z.strictObject({ logIndexes: z.array(z.number().int().nonnegative()).min(1).max(RETRIEVE_LIMIT) }),
  z.strictObject({ entryUUIDs: z.array(z.string()).min(1).max(RETRIEVE_LIMIT) }),
]);
const searchRequest = z.object({ hash: z.string().regex(/^(sha256:)?[0-9a-fA-F]{64}$/) });

class RouteError extends RootsmithError<string> {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message);
  }
}

const STATUS: Partial<Record<string, number>> = {
  ENTRY_MALFORMED: 400,
  KIND_UNSUPPORTED: 400,
  KEY_UNSUPPORTED: 400,
  SIGNATURE_INVALID: 400,
  ENTRY_EXISTS: 409,
  ENTRY_NOT_FOUND: 404,
  INDEX_OUT_OF_RANGE: 400,
  SIZE_INVALID: 400,
  ENTRY_INVALID: 400,
};

export function logRoutes(options: LogRoutesOptions): RequestListener {
  return (req, res) => {
    handle(req, res, options).catch((e: unknown) => {
      if (res.headersSent || res.destroyed) return void res.destroy();
      if (e instanceof RouteError) return sendJson(res, e.status, { code: e.code, message: e.message }, e.headers);
      if (e instanceof HttpError) return sendJson(res, e.status, { code: e.code, message: e.message }, { connection: 'close' });
      if (e instanceof RekorEntryError || e instanceof TlogError) {
        const status = STATUS[e.code];
        if (status) {
          const headers: Record<string, string> = {};
          const uuid = e.details?.['uuid'];
          if (e.code === 'ENTRY_EXISTS' && typeof uuid === 'string') headers['location'] = `/api/v1/log/entries/${uuid}`;
          return sendJson(res, status, { code: e.code, message: e.message }, headers);
        }
      }
      options.operatorLog(`internal error: ${errorInfo(e).message}`);
      sendJson(res, 500, { code: 'INTERNAL', message: 'The log failed to answer; see its operator log.' });
    });
  };
}

function parseUrl(req: IncomingMessage): URL {
  try {
    return new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://log.invalid');
  } catch {
    throw new RouteError(400, 'REQUEST_INVALID', 'The request URL does not parse.');
  }
}

function requireMethod(req: IncomingMessage, ...allowed: string[]): void {
  const m = req.method ?? 'GET';
  if (!allowed.includes(m)) throw new RouteError(405, 'METHOD_NOT_ALLOWED', `Use ${allowed.join(' or ')} here.`, { allow: allowed.join(', ') });
}

function intParam(url: URL, name: string, required: boolean): number | undefined {
  const v = url.searchParams.get(name);
  if (v === null) {
    if (required) throw new RouteError(400, 'REQUEST_INVALID', `The query parameter ${name} is required.`);
    return undefined;
  }
  if (!/^(0|[1-9][0-9]{0,15})$/.test(v)) throw new RouteError(400, 'REQUEST_INVALID', `${name} must be a non-negative integer.`);
  return Number(v);
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, BODY_LIMIT);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new RouteError(400, 'ENTRY_MALFORMED', 'The request body is not JSON.');
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, o: LogRoutesOptions): Promise<void> {
  const url = parseUrl(req);
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
  const log = o.log;
  const head = req.method === 'HEAD';

  if (path === '/checkpoint' || path.startsWith('/tile/')) {
    requireMethod(req, 'GET', 'HEAD');
    const type = path === '/checkpoint' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
    // Full tiles never change (immutable); the checkpoint and partial tiles do.
    const cache = path === '/checkpoint' || path.includes('.p/') ? 'no-store' : 'public, max-age=31536000, immutable';
    return serveStatic(log.tilesDir, path, res, { 'content-type': type, 'cache-control': cache }, head);
  }

  switch (path) {
    case '/api/v1/log':
      requireMethod(req, 'GET');
      return sendJson(res, 200, log.logInfo());
    case '/api/v1/log/publicKey': {
      requireMethod(req, 'GET');
      const pem = spkiToPem(log.spki);
      res.writeHead(200, { 'content-type': 'application/x-pem-file', 'content-length': Buffer.byteLength(pem), 'cache-control': 'no-store' });
      return void res.end(pem);
    }
    case '/api/v1/log/proof': {
      requireMethod(req, 'GET');
      const first = intParam(url, 'firstSize', true)!;
      const last = intParam(url, 'lastSize', false) ?? log.size;
      if (first < 1 || first > last || last > log.size) {
        throw new RouteError(400, 'SIZE_INVALID', `Need 1 <= firstSize <= lastSize <= ${log.size} (the current tree size).`);
      }
      return sendJson(res, 200, await log.consistency(first, last));
    }
    case '/api/v1/log/entries': {
      requireMethod(req, 'GET', 'POST');
      if (req.method === 'GET') {
        const index = intParam(url, 'logIndex', true)!;
        const { uuid, entry } = await log.entryAt(index);
        return sendJson(res, 200, { [uuid]: entry });
      }
      const accepted = acceptProposedEntry(await jsonBody(req));
      const { uuid, entry } = await log.add(accepted);
      return sendJson(res, 201, { [uuid]: entry }, { location: `/api/v1/log/entries/${uuid}`, etag: uuid });
    }
    case '/api/v1/log/entries/retrieve': {
      requireMethod(req, 'POST');
      const parsed = retrieveRequest.safeParse(await jsonBody(req));
      if (!parsed.success) throw new RouteError(400, 'REQUEST_INVALID', `Send {"logIndexes": [...]} or {"entryUUIDs": [...]}, at most ${RETRIEVE_LIMIT}.`);
      const out: Record<string, unknown>[] = [];
      const wanted = 'logIndexes' in parsed.data ? parsed.data.logIndexes : parsed.data.entryUUIDs;
      for (const w of wanted) {
        try {
          const { uuid, entry } = typeof w === 'number' ? await log.entryAt(w) : await log.entryByUuid(w);
          out.push({ [uuid]: entry });
        } catch (e) {
          // Rekor leaves out what it does not hold.
          if (!(e instanceof RekorEntryError && e.code === 'ENTRY_NOT_FOUND')) throw e;
        }
      }
      return sendJson(res, 200, out);
    }
    case '/api/v1/index/retrieve': {
      requireMethod(req, 'POST');
      const parsed = searchRequest.safeParse(await jsonBody(req));
      if (!parsed.success) throw new RouteError(400, 'REQUEST_INVALID', 'Send {"hash": "sha256:<64 hex digits>"}; searching by public key or email is not supported here.');
      return sendJson(res, 200, await log.search(parsed.data.hash.replace(/^sha256:/, '')));
    }
    default:
      if (path.startsWith('/api/v1/log/entries/')) {
        requireMethod(req, 'GET');
        const { uuid, entry } = await log.entryByUuid(decodeURIComponent(path.slice('/api/v1/log/entries/'.length)));
        return sendJson(res, 200, { [uuid]: entry });
      }
      throw new RouteError(404, 'NOT_FOUND', `No such endpoint: ${path}.`);
  }
}
