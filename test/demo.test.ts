// `npx rootsmith demo` as a new user runs it after setup: it must end with the verified result, and what it made
// must check out with the other commands.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { demoSummaryText } from '../app/cli/commands/demo';
import type { DemoSummary } from '../app/rehearsal/demo';
import { runCli } from './support/cli';
import { projectRoot } from './support/paths';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-demo-');
after(() => tmp.cleanup());

test('npx rootsmith demo ends verified, and its outputs verify on their own', () => {
  const dir = path.join(tmp.dir, 'demo');
  const r = spawnSync('npx', ['--no-install', 'rootsmith', 'demo', '--dir', dir, '--json'], { cwd: projectRoot, encoding: 'utf8', timeout: 180_000, env: { ...process.env, SOFTHSM2_CONF: '' } });
  assert.equal(r.status, 0, r.stderr);
  for (const step of ['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']) assert.match(r.stderr, new RegExp(step), `progress shows step ${step}`);
  const summary = JSON.parse(r.stdout) as DemoSummary;
  assert.equal(summary.artifact.identity, 'demo@example.com');
  assert.equal(summary.tuf.rootThreshold, '3 of 5');
  assert.match(summary.ceremony.digest, /^[0-9a-f]{64}$/);
  // The closing words tell the truth: the HSM keys are gone for good, the rehearsal software keys that remain
  // (each beside its passphrase) are named.
  assert.ok(summary.rehearsalKeys.length > 0, 'the rehearsal OIDC key and TUF online keys remain');
  for (const key of summary.rehearsalKeys) assert.ok(fs.existsSync(key) && fs.existsSync(key.replace(/\.pem$/, '.passphrase')), key);
  const closing = demoSummaryText(summary);
  assert.doesNotMatch(closing, /nothing here can sign again/);
  for (const key of summary.rehearsalKeys) assert.ok(closing.includes(path.relative(summary.dir, key)), `names ${key}`);

  const ceremony = runCli(['ceremony', 'verify', summary.ceremony.dir, '--json']);
  assert.equal(ceremony.status, 0, ceremony.stderr);
  const tuf = runCli(['tuf', 'verify', '--root', summary.tuf.initialRoot, '--repo', path.join(summary.tuf.repository, 'published'), '--json']);
  assert.equal(tuf.status, 0, tuf.stderr);
  const bundle = runCli([
    'verify', summary.artifact.bundle, '--artifact', summary.artifact.file,
    '--identity', summary.artifact.identity, '--issuer', summary.artifact.issuer,
    '--trusted-root', path.join(dir, 'services', 'trust', 'trusted_root.json'), '--json',
  ]);
  assert.equal(bundle.status, 0, bundle.stderr);
});
