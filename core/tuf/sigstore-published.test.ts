// The real published Sigstore repository (tuf-conformance snapshot of 2025-02-09) through the real tuf-js client.
// tuf-js has no reference-time option (its TrustedMetadataStore reads `new Date()`), so this test fixes the
// process clock to the fixture's `faketime` with node:test's Date mock; the client and its checks are real.
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { verifyRootChain, verifyWithClient } from './index';
import { serveDirectory } from '../testing/static-http';
import { fixturesDir } from '../testing/fixtures';

const FIXTURE = fixturesDir('root-signing-published');


function faketime(): Date {
  // "2025-02-09 12:02:08+00:00"
  return new Date(fs.readFileSync(path.join(FIXTURE, 'faketime'), 'utf8').trim().replace(' ', 'T'));
}

test('tuf-js updates the published Sigstore repository from root v12 and fetches trusted_root.json at its reference time', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  const server = await serveDirectory(FIXTURE);
  const targetPath = fs.readFileSync(path.join(FIXTURE, 'targetpath'), 'utf8').trim();
  mock.timers.enable({ apis: ['Date'], now: faketime() });
  try {
    const result = await verifyWithClient({
      trustedRoot: new Uint8Array(fs.readFileSync(path.join(FIXTURE, 'initial_root.json'))),
      metadataBaseUrl: `${server.url}/metadata`,
      targetBaseUrl: `${server.url}/targets`,
      workDir: base,
      targets: [targetPath],
    });
    assert.deepEqual(result.versions, { root: 12, timestamp: 272, snapshot: 159, targets: 11 });
    assert.equal(result.targets[0]!.path, 'trusted_root.json');
    const served = fs.readdirSync(path.join(FIXTURE, 'targets'))[0]!;
    assert.equal(result.targets[0]!.sha256, served.split('.')[0]);
    assert.equal(createHash('sha256').update(fs.readFileSync(result.targets[0]!.file)).digest('hex'), result.targets[0]!.sha256);
  } finally {
    mock.timers.reset();
    await server.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test('the same client at the real current time refuses the stale repository with EXPIRED', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  const server = await serveDirectory(FIXTURE);
  try {
    await assert.rejects(
      verifyWithClient({
        trustedRoot: new Uint8Array(fs.readFileSync(path.join(FIXTURE, 'initial_root.json'))),
        metadataBaseUrl: `${server.url}/metadata`,
        targetBaseUrl: `${server.url}/targets`,
        workDir: base,
        targets: ['trusted_root.json'],
      }),
      (e: Error & { code?: string }) => e.code === 'EXPIRED',
    );
  } finally {
    await server.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test('the published root chain 1..12 verifies', () => {
  const files = Array.from({ length: 12 }, (_, i) => ({
    name: `${i + 1}.root.json`,
    bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURE, 'metadata', `${i + 1}.root.json`))),
  }));
  const report = verifyRootChain(files);
  assert.deepEqual(report.errors, []);
  assert.equal(report.versions.length, 12);
});
