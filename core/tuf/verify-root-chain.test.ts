// The real Sigstore root chain v1..v15 verifies; tampering, gaps and missing signatures fail naming the version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { verifyRootChain, type RootFile } from './verify-root-chain';
import { fixturesDir } from '../testing/fixtures';

const DIR = fixturesDir('root-signing', 'metadata');

function history(): RootFile[] {
  const files: RootFile[] = [];
  for (let v = 1; v <= 15; v++) {
    const name = `root_history/${v}.root.json`;
    files.push({ name, bytes: new Uint8Array(fs.readFileSync(path.join(DIR, name))) });
  }
  return files;
}

test('the Sigstore root chain v1..v15 and root.json verifies version by version', () => {
  const files = history();
  files.push({ name: 'root.json', bytes: new Uint8Array(fs.readFileSync(path.join(DIR, 'root.json'))) });
  // root.json is v15 again: verify it on its own after v14 instead.
  const chain = [...files.slice(0, 14), files[15]!];
  const report = verifyRootChain(chain);
  assert.deepEqual(report.errors, []);
  assert.equal(report.ok, true);
  assert.deepEqual(report.versions.map((v) => v.version), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  for (const v of report.versions.slice(1)) {
    assert.ok(v.byPrevious!.met && v.bySelf.met, `v${v.version}`);
    assert.equal(v.byPrevious!.threshold, 3);
  }
  // Quirks: empty placeholders ignored (v12-v14), v11's mis-identified online key reported, not fatal.
  assert.deepEqual(report.versions.map((v) => v.emptySignatures), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 1, 0]);
  assert.deepEqual(report.versions[10]!.keyIdMismatches, ['7247f0dbad85b147e1863bade761243cc785dcb7aa410e7105dd3d2b61a36d2c']);
  // Owners are named where the keys carry them.
  assert.ok(report.versions[14]!.bySelf.validOwners.some((o) => o.startsWith('@')));
});

test('one changed byte (expiry year) in the signed part of root v7 fails naming version 7', () => {
  const files = history();
  const text = Buffer.from(files[6]!.bytes).toString('utf8').replace(/"expires": "2023/, '"expires": "2024');
  files[6] = { name: files[6]!.name, bytes: new Uint8Array(Buffer.from(text)) };
  const report = verifyRootChain(files);
  assert.equal(report.ok, false);
  assert.ok(report.errors.length > 0);
  assert.ok(report.errors.every((e) => e.version === 7), JSON.stringify(report.errors));
  assert.match(report.errors[0]!.reason, /root v7: signed by 0 of the 3 root keys required by version 6/);
});

test('a skipped version is reported', () => {
  const files = history().filter((_, i) => i !== 4);
  const report = verifyRootChain(files);
  assert.equal(report.ok, false);
  const gap = report.errors.find((e) => e.version === 6 && /does not follow version 4/.test(e.reason));
  assert.ok(gap, JSON.stringify(report.errors));
});
