// `rootsmith log get|proof|verify-inclusion|verify-consistency` against `rootsmith serve --log`: decoded entries
// with their certificate identity, proof walks, and verification that fails loudly with another key or root.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RekorClient } from '../app/log-client';
import { runCli } from './support/cli';
import { toPem } from '../core/bytes';
import { generateEphemeralSigner } from '../core/keys';
import { freePort, identityKey, post, serveLogOn } from './support/log-identities';
import type { Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-log-cli-');
const running: Served[] = [];
after(async () => {
  for (const s of running) await s.stop();
  tmp.cleanup();
});

const serveOn = (dir: string, port: number) => serveLogOn(dir, port, running);

test('log get, proof and verify-* against the embedded log', async () => {
  const alice = await identityKey('alice@example.com');
  const dir = path.join(tmp.dir, 'a');
  const s = await serveOn(dir, await freePort());
  const url = s.urls['log']!;
  const client = new RekorClient(url);
  for (let i = 0; i < 3; i++) await post(client, alice, `artifact ${i}`);

  const got = runCli(['log', 'get', '--url', url, '--index', '1', '--json']);
  assert.equal(got.status, 0, got.stderr);
  const entry = got.json() as { logIndex: number; decoded: { kind: string; verifier: { sans: { value: string }[]; oidcIssuer: string } } };
  assert.equal(entry.logIndex, 1);
  assert.equal(entry.decoded.kind, 'hashedrekord');
  assert.equal(entry.decoded.verifier.sans[0]!.value, 'alice@example.com');
  assert.equal(entry.decoded.verifier.oidcIssuer, 'https://oidc.example.com');
  const text = runCli(['log', 'get', url, '--index', '1']);
  assert.match(text.stdout, /identity\s+email:alice@example\.com/);

  const proof = runCli(['log', 'proof', url, '--index', '2']);
  assert.equal(proof.status, 0, proof.stderr);
  assert.match(proof.stdout, /inclusion of entry 2 in the tree of 3/);

  const ok = runCli(['log', 'verify-inclusion', url, '--index', '2', '--json']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal((ok.json() as { ok: boolean }).ok, true);
  const otherKey = path.join(tmp.dir, 'other.pem');
  fs.writeFileSync(otherKey, toPem(await generateEphemeralSigner('ecdsa-p256').publicKeySpki(), 'PUBLIC KEY'));
  const bad = runCli(['log', 'verify-inclusion', url, '--index', '2', '--public-key', otherKey]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /failed: logId, set, checkpoint.*\[LOG_VERIFICATION_FAILED\]/);
  // --json: the report is the one document on stdout, with the error folded in (no second {error} after it).
  const badJson = runCli(['log', 'verify-inclusion', '--url', url, '--index', '2', '--public-key', otherKey, '--json']);
  assert.equal(badJson.status, 1);
  const report = badJson.json() as { ok: boolean; logIndex: number; checks: unknown[]; error: { code: string } };
  assert.equal(report.ok, false);
  assert.equal(report.logIndex, 2);
  assert.ok(report.checks.length > 0, 'the checks are still reported');
  assert.equal(report.error.code, 'LOG_VERIFICATION_FAILED');

  const info1 = await client.logInfo();
  await post(client, alice, 'artifact 3');
  const cons = runCli(['log', 'verify-consistency', url, '--from-size', String(info1.treeSize), '--from-root', info1.rootHash, '--json']);
  assert.equal(cons.status, 0, cons.stderr);
  assert.equal((cons.json() as { verified: boolean; toSize: number }).verified, true);
  const forged = runCli(['log', 'verify-consistency', url, '--from-size', String(info1.treeSize), '--from-root', 'ab'.repeat(32)]);
  assert.equal(forged.status, 1);
  assert.match(forged.stderr, /\[SPLIT_VIEW\]/);
  // Without the root trusted at the earlier size nothing can be verified: a usage error, never "exit 0, not verified".
  const unverifiable = runCli(['log', 'verify-consistency', url, '--from-size', String(info1.treeSize), '--json']);
  assert.equal(unverifiable.status, 2);
  assert.equal((unverifiable.json() as { error: { code: string } }).error.code, 'USAGE');
  assert.match(unverifiable.stderr, /--from-root HEX is required/);
  // A proof at a past size, made from the tiles, leads to the root the log had at that size.
  const past = runCli(['log', 'proof', url, '--index', '1', '--size', String(info1.treeSize), '--json']);
  assert.equal(past.status, 0, past.stderr);
  const pastProof = past.json() as { rootAtSize: string; treeSize: number; checkpoint: { size: number } };
  assert.equal(pastProof.rootAtSize, info1.rootHash);
  assert.equal(pastProof.checkpoint.size, info1.treeSize + 1);
  assert.equal(runCli(['log', 'proof', url, '--index', '1', '--size', '99']).status, 2);
  assert.equal(runCli(['log', 'get', url]).status, 2, 'neither --index nor --uuid is a usage error');
  await s.stop();
});
