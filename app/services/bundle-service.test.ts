// The bundle service through the registry, as `rootsmith verify` and the GUI reach it: what it refuses before any
// verification runs (requests, JSON, a missing artifact, no stack to take the trusted root from, a trusted root that
// is not one). Verdicts on real bundles are proven end to end in test/private-sigstore-e2e and test/e2e/services-verify.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBundleService } from './bundle-service';
import { createRegistry, type ServiceImpls } from './registry';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-bundle-svc-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

let stackRoot: string | undefined;
const registry = createRegistry({ bundle: createBundleService({ stackTrustedRoot: async () => stackRoot }) } as Partial<ServiceImpls> as ServiceImpls);
const failure = (r: { ok: boolean; error?: { code: string; message: string } }) => (r.ok ? { code: 'ok', message: '' } : r.error!);

// A message-signature bundle's shape: enough for the service to know it needs the artifact.
const messageBundle = JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', messageSignature: {} });
const base = { identity: 'alice@example.com', issuer: 'https://issuer.example.com' };

test('requests are validated before anything runs', async () => {
  assert.equal(failure(await registry.call('bundle', 'verify', { ...base, bundleJson: '', trustedRoot: { source: 'stack' } })).code, 'REQUEST_INVALID');
  assert.equal(failure(await registry.call('bundle', 'verify', { ...base, identity: '', bundleJson: messageBundle, trustedRoot: { source: 'stack' } })).code, 'REQUEST_INVALID');
  const both = failure(await registry.call('bundle', 'verify', { ...base, bundleJson: messageBundle, artifactBase64: 'YQ==', artifactPath: '/x', trustedRoot: { source: 'stack' } }));
  assert.equal(both.code, 'REQUEST_INVALID');
  assert.match(both.message, /as bytes or as a path, not both/);
  assert.equal(failure(await registry.call('bundle', 'verify', { ...base, bundleJson: messageBundle, trustedRoot: { source: 'ftp' } as never })).code, 'REQUEST_INVALID');
});

test('a bundle that is not JSON, or over a digest without the artifact, is refused with words', async () => {
  const notJson = failure(await registry.call('bundle', 'verify', { ...base, bundleJson: '{nope', trustedRoot: { source: 'stack' } }));
  assert.equal(notJson.code, 'JSON_INVALID');
  assert.match(notJson.message, /^The bundle is not JSON/);
  const noArtifact = failure(await registry.call('bundle', 'verify', { ...base, bundleJson: messageBundle, trustedRoot: { source: 'stack' } }));
  assert.equal(noArtifact.code, 'ARTIFACT_REQUIRED');
  assert.match(noArtifact.message, /give the artifact/);
});

test('the stack\'s trusted root needs a running stack; a missing file or a trusted root that is not one is named', async () => {
  const req = { ...base, bundleJson: messageBundle, artifactBase64: 'YQ==' };
  const stopped = failure(await registry.call('bundle', 'verify', { ...req, trustedRoot: { source: 'stack' } }));
  assert.equal(stopped.code, 'STACK_NOT_RUNNING');
  assert.match(stopped.message, /choose a trusted_root\.json file/);
  const missing = path.join(dir, 'nonexist.json');
  const gone = failure(await registry.call('bundle', 'verify', { ...req, trustedRoot: { source: 'file', path: missing } }));
  assert.equal(gone.code, 'FILE_NOT_FOUND');
  assert.ok(gone.message.includes(missing));
  // A bundle that @sigstore/bundle rejects is an error about the input, not a verdict.
  stackRoot = path.join(dir, 'trusted_root.json');
  fs.writeFileSync(stackRoot, '{}');
  assert.equal(failure(await registry.call('bundle', 'verify', { ...req, trustedRoot: { source: 'stack' } })).code, 'BUNDLE_INVALID');
});
