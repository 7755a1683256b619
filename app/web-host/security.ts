// The web host's gate: loopback only, a per-launch token on every API call, same-origin only.
// The Host check defeats DNS rebinding; the Origin check stops other sites' pages from calling the API.
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newLaunchToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function tokenMatches(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export type GateVerdict = { ok: true } | { ok: false; status: number; code: string; message: string };

export function checkOriginAndHost(req: IncomingMessage, port: number): GateVerdict {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (!allowedHosts.has(req.headers.host ?? '')) {
    return { ok: false, status: 403, code: 'HOST_REJECTED', message: 'This host only answers requests addressed to 127.0.0.1.' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
    return { ok: false, status: 403, code: 'ORIGIN_REJECTED', message: `Requests from ${origin} are not allowed.` };
  }
  return { ok: true };
}

export const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
