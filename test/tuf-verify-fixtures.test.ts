// `rootsmith tuf verify` on the real Sigstore TUF metadata: the root chain v1 -> v15 version by version, the
// repository at a time when it was valid, its expiry reported clearly today, and the published conformance copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { TufVerifyReport } from '../app/contract/tuf';
import { fixturesDir } from '../core/testing/fixtures';
import { tuf } from './support/tuf';

const signing = fixturesDir('root-signing');
const published = fixturesDir('root-signing-published');

test('root-signing at a time it was valid: 15 roots, every role and target checked by our own engine', () => {
  const r = tuf(['verify', '--root', fixturesDir('root-signing', 'metadata', 'root_history', '1.root.json'), '--repo', `${signing}/metadata`, '--at', '2026-08-25T00:00:00Z']);
  assert.equal(r.status, 0, r.stderr);
  const report = r.json() as TufVerifyReport;
  assert.deepEqual(report.rootChain.versions.map((v) => v.version), Array.from({ length: 15 }, (_, i) => i + 1));
  assert.ok(report.rootChain.versions.slice(1).every((v) => v.byPrevious !== null && v.byPrevious.valid >= v.byPrevious.threshold));
  assert.deepEqual(report.roles.map((x) => `${x.role} v${x.version}`), ['root v15', 'timestamp v762', 'snapshot v165', 'targets v14', 'registry.npmjs.org v8']);
  assert.ok(report.targets.length > 5 && report.targets.every((t) => t.ok));
  assert.equal(report.engines.tufJs.ran, false);
});

test('root-signing today: the root chain verifies, and the expired metadata is named', () => {
  const r = tuf(['verify', '--root', fixturesDir('root-signing', 'metadata', 'root_history', '1.root.json'), '--repo', `${signing}/metadata`]);
  assert.equal(r.status, 1);
  const report = r.json() as TufVerifyReport;
  assert.equal(report.rootChain.ok, true);
  assert.equal(report.rootChain.versions.length, 15);
  const expired = report.failures.filter((f) => f.engine === 'rootsmith').map((f) => `${f.code} ${f.role} v${f.version}`);
  assert.ok(expired.includes('EXPIRED timestamp v762'), expired.join('; '));
  assert.match(r.stderr, /expired at/);
});

test('the published Sigstore repository at its faketime, from initial_root.json (v12), as a client fetches it', () => {
  const at = fs.readFileSync(`${published}/faketime`, 'utf8').trim().replace(' ', 'T').replace('+00:00', 'Z');
  const target = fs.readFileSync(`${published}/targetpath`, 'utf8').trim();
  const r = tuf(['verify', '--root', `${published}/initial_root.json`, '--repo', published, '--at', at, '--target', target]);
  assert.equal(r.status, 0, r.stderr);
  const report = r.json() as TufVerifyReport;
  assert.deepEqual(report.roles.map((x) => `${x.role} v${x.version} ${x.signatures?.valid}/${x.signatures?.threshold}`).slice(0, 4), [
    'root v12 3/3',
    'timestamp v272 1/1',
    'snapshot v159 1/1',
    'targets v11 5/3',
  ]);
  assert.deepEqual(report.targets.map((t) => [t.path, t.ok]), [[target, true]]);
});
