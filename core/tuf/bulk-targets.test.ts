// Many targets at once: addTargets stages a batch in one edit (all or nothing: a bad path or role writes nothing),
// publishing writes only the target files not yet published (and still refuses when a listed target's bytes are
// gone), and the real tuf-js client accepts the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { fixedClock } from '../clock';
import { generateEphemeralSigner } from '../keys/software-signer';
import { importSignature, signRequest, tufKeyFromSpki, TufRepository, verifyTufSignature, verifyWithClient } from './index';
import { canonicalBytes } from './metadata-json';
import { serveDirectory } from '../testing/static-http';

const N = 1_200;
const code = (expected: string) => (e: Error & { code?: string }) => {
  assert.equal(e.code, expected, e.message);
  return true;
};
const sha = (alg: string, b: Uint8Array) => createHash(alg).update(b).digest('hex');
const files = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => ({ path: `bin/${(from + i) % 10}/tool-${from + i}.bin`, bytes: Buffer.from(`tool ${from + i}\n`) }));

test('addTargets stages 1,200 targets in one edit, publishes each under both hash names, and only new ones next time', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  const server = await serveDirectory(path.join(base, 'repo', 'published'));
  try {
    const offline = generateEphemeralSigner('ecdsa-p256');
    const online = generateEphemeralSigner('ecdsa-p256');
    const key = tufKeyFromSpki(await offline.publicKeySpki(), { owner: '@offline' });
    const onlineKey = tufKeyFromSpki(await online.publicKeySpki(), { onlineUri: 'pkcs11:object=online' });
    const dir = path.join(base, 'repo');
    const repo = TufRepository.create(dir, {
      clock: fixedClock(new Date('2030-01-01T00:00:00Z')),
      root: { keys: [key], threshold: 1 },
      targets: { keys: [key], threshold: 1 },
      snapshot: { keys: [onlineKey], threshold: 1 },
      timestamp: { keys: [onlineKey], threshold: 1 },
    });
    const stagedFile = path.join(dir, 'staged/metadata/targets.json');
    const signAndPublish = async () => {
      for (const req of repo.requestSignatures()) importSignature(repo.sessionDir, await signRequest(req, offline));
      return repo.publish({ snapshot: online, timestamp: online });
    };

    // One bad path anywhere in the batch: nothing is staged, no bytes are stored.
    const before = fs.readFileSync(stagedFile);
    assert.throws(() => repo.addTargets([...files(0, 5), { path: 'bin/../escape', bytes: Buffer.from('x') }]), code('TARGET_PATH_INVALID'));
    assert.throws(() => repo.addTargets(files(0, 5), { role: 'no-such-role' }), code('ROLE_UNKNOWN'));
    assert.deepEqual(fs.readFileSync(stagedFile), before);
    assert.equal(fs.existsSync(path.join(dir, 'staged/blobs')), false);

    repo.addTargets(files(0, N));
    const staged = JSON.parse(fs.readFileSync(stagedFile, 'utf8'));
    assert.equal(staged.signed.version, 1);
    assert.equal(Object.keys(staged.signed.targets).length, N);
    const one = files(7, 8)[0]!;
    assert.deepEqual(staged.signed.targets[one.path], { hashes: { sha256: sha('sha256', one.bytes), sha512: sha('sha512', one.bytes) }, length: one.bytes.length });

    const first = await signAndPublish();
    const targetFiles = first.written.filter((f) => f.startsWith('targets/'));
    assert.equal(targetFiles.length, 2 * N);
    for (const f of files(0, N)) {
      const [dirName, baseName] = [path.posix.dirname(f.path), path.posix.basename(f.path)];
      for (const h of [sha('sha256', f.bytes), sha('sha512', f.bytes)]) {
        assert.deepEqual(fs.readFileSync(path.join(dir, 'published/targets', dirName, `${h}.${baseName}`)), f.bytes);
      }
    }
    const published = JSON.parse(fs.readFileSync(path.join(dir, 'published/metadata/1.targets.json'), 'utf8'));
    assert.ok(verifyTufSignature(key, canonicalBytes(published.signed), published.signatures[0].sig));

    // The next change writes the new target's two files and the metadata, not 2,400 target files again.
    repo.addTargets(files(N, N + 1));
    const second = await signAndPublish();
    assert.deepEqual(second.written.filter((f) => f.startsWith('targets/')).sort(), [
      `targets/bin/0/${sha('sha256', files(N, N + 1)[0]!.bytes)}.tool-${N}.bin`,
      `targets/bin/0/${sha('sha512', files(N, N + 1)[0]!.bytes)}.tool-${N}.bin`,
    ]);

    // A published target whose file has gone missing, with no staged bytes: publishing refuses to list it again.
    fs.rmSync(path.join(dir, 'published/targets/bin/3', `${sha('sha512', files(3, 4)[0]!.bytes)}.tool-3.bin`));
    repo.addTargets(files(N + 1, N + 2));
    for (const req of repo.requestSignatures()) importSignature(repo.sessionDir, await signRequest(req, offline));
    await assert.rejects(repo.publish({ snapshot: online, timestamp: online }), (e: Error & { code?: string; details?: { path?: string } }) => {
      assert.equal(e.code, 'TARGET_NOT_FOUND');
      assert.equal(e.details?.path, 'bin/3/tool-3.bin');
      return true;
    });

    // The real client refreshes over the 1,201-target metadata and downloads targets by their hash names.
    const result = await verifyWithClient({
      trustedRoot: fs.readFileSync(path.join(dir, 'published/metadata/1.root.json')),
      metadataBaseUrl: `${server.url}/metadata/`,
      targetBaseUrl: `${server.url}/targets/`,
      workDir: path.join(base, 'client'),
      targets: ['bin/0/tool-0.bin', `bin/0/tool-${N}.bin`],
    });
    assert.equal(result.versions['targets'], 2);
    assert.deepEqual(result.targets.map((t) => [t.path, t.sha256]), [
      ['bin/0/tool-0.bin', sha('sha256', files(0, 1)[0]!.bytes)],
      [`bin/0/tool-${N}.bin`, sha('sha256', files(N, N + 1)[0]!.bytes)],
    ]);
  } finally {
    await server.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
});
