// The web host: the same UI and the same contract as Electron, over HTTP on 127.0.0.1, for browsers and tests.
// POST /api/<service>/<method> with a JSON body and "Authorization: Bearer <launch token>".
import type http from 'node:http';
import type { ProgressHub } from '../services/progress';
import type { Registry } from '../services/registry';
import { HttpError, readBody, sendJson } from '../servers/http-util';
import { listenLoopback } from '../servers/listen';
import { serveStatic } from '../servers/static-files';
import { checkOriginAndHost, contentSecurityPolicy, newLaunchToken, tokenMatches } from './security';

export interface WebHost {
  url: string;
  /** The URL to open: carries the launch token in the fragment, which browsers never send to a server. */
  launchUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const apiPath = /^\/api\/([a-zA-Z]+)\/([a-zA-Z]+)$/;
const BODY_LIMIT = 1024 * 1024;

export async function startWebHost(opts: { registry: Registry; progress?: ProgressHub; rendererDir: string; port?: number; token?: string }): Promise<WebHost> {
  const token = opts.token ?? newLaunchToken();
  let port = 0;
  const listening = await listenLoopback(async (req, res) => {
    const gate = checkOriginAndHost(req, port);
    if (!gate.ok) return sendJson(res, gate.status, { ok: false, error: { code: gate.code, message: gate.message } });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'METHOD_NOT_ALLOWED', message: 'Only GET is served here.' } });
      return serveStatic(opts.rendererDir, url.pathname, res, { 'content-security-policy': contentSecurityPolicy, 'cache-control': 'no-store' }, req.method === 'HEAD');
    }
    if (!tokenMatches(req, token)) {
      return sendJson(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'This call needs the launch token printed when the app started.' } });
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return streamProgress(res, opts.progress);
    const match = apiPath.exec(url.pathname);
    if (req.method !== 'POST' || !match) {
      return sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'API calls are POST /api/<service>/<method>.' } });
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { ok: false, error: { code: 'CONTENT_TYPE_INVALID', message: 'API calls must send application/json.' } });
    }
    let body: unknown;
    try {
      const raw = await readBody(req, BODY_LIMIT);
      body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
    } catch (e) {
      if (e instanceof HttpError) return sendJson(res, e.status, { ok: false, error: { code: e.code, message: e.message } });
      return sendJson(res, 400, { ok: false, error: { code: 'REQUEST_INVALID', message: 'The request body is not valid JSON.' } });
    }
    const result = await opts.registry.dispatch(match[1]!, match[2]!, body);
    // Domain failures are answers (200 with ok:false), like the IPC transport; request-shape failures are 400s.
    const status = result.ok ? 200 : ['REQUEST_INVALID', 'UNKNOWN_SERVICE', 'UNKNOWN_METHOD'].includes(result.error.code) ? 400 : 200;
    sendJson(res, status, result);
  }, opts.port ?? 0);
  port = listening.port;
  const url = `${listening.url}/`;
  return { url, launchUrl: `${url}#token=${token}`, token, port, close: listening.close };
}

/** Progress events as server-sent events; the browser reads them with fetch (EventSource cannot send the token). */
function streamProgress(res: http.ServerResponse, progress: ProgressHub | undefined): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = progress?.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`)) ?? (() => undefined);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  res.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}
