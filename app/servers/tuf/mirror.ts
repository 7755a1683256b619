// The TUF mirror: serves a published repository read-only in the layout tuf-js and the Sigstore client fetch
// (sigstore's tufMirrorURL: `<mirror>/N.root.json`, `<mirror>/timestamp.json`, `<mirror>/targets/<hash>.<name>`);
// `/metadata/...` is served too, for clients configured with a metadata base URL.
import fs from 'node:fs';
import path from 'node:path';
import type { RequestListener } from 'node:http';
import { TufError } from '../../../core/tuf';
import { listenLoopback, type Listening } from '../listen';
import { sendJson } from '../http-util';
import { serveStatic } from '../static-files';

export interface MirrorDirs {
  metadata: string;
  targets: string;
}

/** The metadata and targets dirs of a published repository (`published/`), or of a Rootsmith working dir. */
export function publishedDirs(dir: string): MirrorDirs {
  let base = path.resolve(dir);
  if (fs.existsSync(path.join(base, 'rootsmith-tuf.json'))) base = path.join(base, 'published');
  const metadata = path.join(base, 'metadata');
  if (!fs.existsSync(path.join(metadata, 'timestamp.json'))) {
    throw new TufError('REPO_NOT_FOUND', `${dir} holds no published TUF repository (no metadata/timestamp.json): publish it first.`, { details: { dir } });
  }
  return { metadata, targets: path.join(base, 'targets') };
}

export function tufMirrorHandler(dirs: MirrorDirs): RequestListener {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'The TUF mirror is read-only: use GET.' }, { allow: 'GET, HEAD' });
      return;
    }
    const head = req.method === 'HEAD';
    const urlPath = new URL(req.url ?? '/', 'http://mirror').pathname;
    // Metadata changes with every publish; the versioned files and targets never do.
    const noStore = { 'cache-control': 'no-store' };
    if (urlPath.startsWith('/targets/')) {
      if (!fs.existsSync(dirs.targets)) {
        sendJson(res, 404, { code: 'NOT_FOUND', message: 'This repository has no targets.' });
        return;
      }
      return serveStatic(dirs.targets, urlPath.slice('/targets'.length), res, {}, head);
    }
    const rel = urlPath.startsWith('/metadata/') ? urlPath.slice('/metadata'.length) : urlPath;
    serveStatic(dirs.metadata, rel, res, noStore, head);
  };
}

export function startTufMirror(dirs: MirrorDirs, port = 0): Promise<Listening> {
  return listenLoopback(tufMirrorHandler(dirs), port);
}
