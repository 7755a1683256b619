// Serves a directory read-only (the built renderer, a published TUF repository, log tiles): no directory
// listing, no path escapes, no symlinks out of the root.
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
  '.pem': 'application/x-pem-file',
};

/** Resolves a URL path inside `root`, or null when it would leave it or names no regular file. */
export function resolveInside(root: string, urlPath: string, index = 'index.html'): string | null {
  let rel: string;
  try {
    rel = urlPath === '/' ? index : decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const base = fs.realpathSync(root);
  const file = path.resolve(base, rel);
  if (!file.startsWith(base + path.sep)) return null;
  try {
    const real = fs.realpathSync(file);
    if (!real.startsWith(base + path.sep) || !fs.statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

export function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string> = {}, head = false): void {
  const file = resolveInside(root, urlPath);
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  res.writeHead(200, {
    'content-type': types[path.extname(file)] ?? 'application/octet-stream',
    'content-length': fs.statSync(file).size,
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  if (head) res.end();
  else fs.createReadStream(file).pipe(res);
}
