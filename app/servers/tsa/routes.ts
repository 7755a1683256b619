// The TSA's HTTP routes: POST a timestamp request to /api/v1/timestamp (or / for plain RFC 3161 clients), GET
// the certificate chain as PEM. Every failure is a clear 4xx with { code, message }; nothing crashes the server.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { errorInfo } from '../../../core/errors';
import type { TimestampAuthority, TimestampResult } from '../../../core/tsa';
import { HttpError, readBody, sendJson } from '../http-util';
import { bodyKind, mediaType, PEM_CHAIN, TIMESTAMP_QUERY, TIMESTAMP_REPLY } from './content-type';
import { parseJsonRequest } from './json-request';

/** A TimeStampReq is about 100 bytes and Sigstore's JSON request a few hundred: anything this large is abuse. */
export const BODY_LIMIT = 16 * 1024;

export const TIMESTAMP_PATH = '/api/v1/timestamp';
export const CERTCHAIN_PATH = '/api/v1/timestamp/certchain';

export interface TsaRoutesOptions {
  tsa: TimestampAuthority;
  /** The chain as served by GET certchain: PEM, leaf first, root last. */
  chainPem: string;
  /** Operator log (stderr for the CLI); never gets request bodies or secrets. */
  log(message: string): void;
}

export function tsaRoutes(options: TsaRoutesOptions): RequestListener {
  return (req, res) => {
    handle(req, res, options).catch((e) => {
      // Last resort: answer if still possible; the server keeps serving either way.
      options.log(`internal error: ${errorInfo(e).message}`);
      if (!res.headersSent) sendJson(res, 500, { code: 'INTERNAL', message: 'The timestamp authority failed to answer; see its log.' });
      else res.destroy();
    });
  };
}

function pathOf(req: IncomingMessage): string {
  // Clients that join a base URL ending in "/" with "/api/v1/timestamp" send "//api/...": treat both alike.
  const raw = (req.url ?? '/').split('?')[0]!;
  const collapsed = raw.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

async function handle(req: IncomingMessage, res: ServerResponse, options: TsaRoutesOptions): Promise<void> {
  const path = pathOf(req);
  const method = req.method ?? 'GET';
  if (path === CERTCHAIN_PATH) {
    if (method !== 'GET' && method !== 'HEAD') return refuse(req, res, 405, 'METHOD_NOT_ALLOWED', `Use GET for ${CERTCHAIN_PATH}.`, { allow: 'GET, HEAD' });
    const body = Buffer.from(options.chainPem, 'utf8');
    res.writeHead(200, { 'content-type': PEM_CHAIN, 'content-length': body.length, 'cache-control': 'no-store' });
    res.end(method === 'HEAD' ? undefined : body);
    return;
  }
  if (path !== TIMESTAMP_PATH && path !== '/') {
    return refuse(req, res, 404, 'NOT_FOUND', `No such endpoint. POST requests to ${TIMESTAMP_PATH}; GET the chain from ${CERTCHAIN_PATH}.`);
  }
  if (method !== 'POST') {
    return refuse(req, res, 405, 'METHOD_NOT_ALLOWED', `Timestamp requests are POSTed (${TIMESTAMP_QUERY} or application/json), not sent with ${method}.`, { allow: 'POST' });
  }
  const kind = bodyKind(req);
  if (!kind) {
    const given = mediaType(req) || 'none';
    return refuse(req, res, 415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type ${given} is not accepted: send a DER TimeStampReq as ${TIMESTAMP_QUERY} (RFC 3161 3.4) or a Sigstore JSON request as application/json.`);
  }
  let body: Buffer;
  try {
    body = await readBody(req, BODY_LIMIT);
  } catch (e) {
    if (e instanceof HttpError) {
      if (!res.headersSent && !res.destroyed) sendJson(res, e.status, { code: e.code, message: e.message }, { connection: 'close' });
      return;
    }
    throw e;
  }
  if (kind === 'timestamp-query') {
    const result = await options.tsa.respond(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
    return reply(res, result, options);
  }
  const parsed = parseJsonRequest(body);
  if (!parsed.ok) return void sendJson(res, 400, { code: 'REQUEST_INVALID', message: parsed.message });
  const result = await options.tsa.respondToDigest(parsed.request);
  if (!result.granted && result.failure !== 'systemFailure') {
    // Sigstore clients read `message` from a JSON error body: the rejection reason reaches the user.
    return void sendJson(res, 400, { code: 'TIMESTAMP_REJECTED', message: `The timestamp request was rejected (${result.failure}): ${result.reason}.`, failure: result.failure });
  }
  return reply(res, result, options);
}

/**
 * RFC 3161 3.4: the answer is a DER TimeStampResp. Its PKIStatus is authoritative; the HTTP status mirrors it
 * so scripts notice too (200 granted, 400 a rejected request, 500 the TSA's own failure).
 */
function reply(res: ServerResponse, result: TimestampResult, options: TsaRoutesOptions): void {
  let status = 200;
  if (!result.granted) {
    status = result.failure === 'systemFailure' || result.failure === 'timeNotAvailable' ? 500 : 400;
    if (status === 500) options.log(`could not issue a token: ${result.error ? errorInfo(result.error).message : result.reason ?? 'unknown'}`);
  }
  res.writeHead(status, { 'content-type': TIMESTAMP_REPLY, 'content-length': result.der.byteLength, 'cache-control': 'no-store' });
  res.end(result.der);
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  // The body is not wanted: drain it (bounded by the server's timeouts) so the connection can be reused.
  req.resume();
  sendJson(res, status, { code, message }, headers);
}
