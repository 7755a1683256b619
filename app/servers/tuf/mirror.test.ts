// The TUF mirror serves a published repository read-only in the layout tuf-js and sigstore fetch, refuses writes
// and path escapes with clear answers, keeps serving after them, and refuses to start without a published repo.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../../core/clock';
import { publishedDirs, startTufMirror } from './mirror';
import { startTufService } from './start-tuf-service';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-mirror-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const published = path.join(dir, 'tuf', 'published');
fs.mkdirSync(path.join(published, 'metadata'), { recursive: true });
fs.mkdirSync(path.join(published, 'targets', 'keys'), { recursive: true });
fs.writeFileSync(path.join(published, 'metadata', 'timestamp.json'), '{"signed":{}}');
fs.writeFileSync(path.join(published, 'metadata', '1.root.json'), '{"signed":{"version":1}}');
fs.writeFileSync(path.join(published, 'targets', 'keys', 'abc.rekor.pub'), 'key');
fs.writeFileSync(path.join(dir, 'secret.txt'), 'not served');

test('serves N.root.json and timestamp.json at the mirror root and under /metadata, targets under /targets', async () => {
  const m = await startTufMirror(publishedDirs(published));
  try {
    for (const p of ['/1.root.json', '/timestamp.json', '/metadata/timestamp.json', '/targets/keys/abc.rekor.pub']) {
      const res = await fetch(m.url + p);
      assert.equal(res.status, 200, p);
    }
    assert.equal(await (await fetch(`${m.url}/1.root.json`)).text(), '{"signed":{"version":1}}');
    const post = await fetch(`${m.url}/timestamp.json`, { method: 'POST', body: 'x' });
    assert.equal(post.status, 405);
    assert.equal(((await post.json()) as { code: string }).code, 'METHOD_NOT_ALLOWED');
    for (const p of ['/%2e%2e/%2e%2e/secret.txt', '/targets/%2e%2e/%2e%2e/%2e%2e/secret.txt', '/2.root.json', '/%00']) {
      assert.equal((await fetch(m.url + p)).status, 404, p);
    }
    assert.equal((await fetch(`${m.url}/timestamp.json`)).status, 200, 'still serving after bad requests');
  } finally {
    await m.close();
  }
});

test('`serve --tuf` refuses with REPO_NOT_FOUND when DATA/tuf/published holds no repository', async () => {
  const empty = fs.mkdtempSync(path.join(dir, 'empty-'));
  const ctx = { dataDir: empty, clock: systemClock, port: 0, options: {}, urls: {}, secret: async () => '', log: () => undefined, announce: () => undefined };
  await assert.rejects(startTufService(ctx), (e: Error & { code?: string }) => e.code === 'REPO_NOT_FOUND' && /rootsmith tuf init/.test(e.message));
  const announced: Record<string, string> = {};
  const s = await startTufService({ ...ctx, dataDir: dir, announce: (f) => Object.assign(announced, f) });
  try {
    assert.equal(announced['tufRoot'], path.join(published, 'metadata', '1.root.json'));
    assert.equal((await fetch(`${s.url}/1.root.json`)).status, 200);
  } finally {
    await s.close();
  }
});
