// `rootsmith serve --tuf`: the TUF mirror over `DATA/tuf/published`, the trust root the private Sigstore publishes.
import fs from 'node:fs';
import path from 'node:path';
import { TufError } from '../../../core/tuf';
import type { ServiceStarter } from '../service-host';
import { publishedDirs, startTufMirror } from './mirror';

export const startTufService: ServiceStarter = async (ctx) => {
  const published = path.join(ctx.dataDir, 'tuf', 'published');
  if (!fs.existsSync(path.join(published, 'metadata', 'timestamp.json'))) {
    throw new TufError(
      'REPO_NOT_FOUND',
      `No published TUF repository at ${published}: create and publish one with \`rootsmith tuf init ${path.join(ctx.dataDir, 'tuf')} ...\` and \`rootsmith tuf publish\` first.`,
      { details: { dir: published } },
    );
  }
  const dirs = publishedDirs(published);
  const listening = await startTufMirror(dirs, ctx.port);
  let requests = 0;
  listening.server.on('request', () => requests++);
  ctx.log(`serving ${published} at ${listening.url}`);
  const rootFile = path.join(dirs.metadata, '1.root.json');
  if (fs.existsSync(rootFile)) ctx.announce({ tufRoot: rootFile });
  return { name: 'tuf', url: listening.url, stats: () => ({ requests }), close: () => listening.close() };
};
