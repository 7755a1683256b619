// Serial numbers: unique and increasing across restarts, crash-safe reservation, damaged state refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PersistentSerialSource } from './serial';
import { TsaError } from './errors';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
}

test('serials are unique and increasing across restarts on the same directory', (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const seen = new Set<bigint>();
  let last = 0n;
  for (let run = 0; run < 4; run++) {
    // Each "process" hands out fewer numbers than its block, like a crash or restart mid-block.
    const source = PersistentSerialSource.open(dir, { blockSize: 10 });
    for (let i = 0; i < 7 + run * 5; i++) {
      const s = source.next();
      assert.ok(s > last, 'serials increase');
      assert.ok(!seen.has(s));
      assert.ok(s > 0n && s < 1n << 128n);
      seen.add(s);
      last = s;
    }
  }
  assert.equal(seen.size, 7 + 12 + 17 + 22);
});

test('the block end is persisted before numbers from it are handed out', (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const source = PersistentSerialSource.open(dir, { blockSize: 5, random: (n) => new Uint8Array(n) });
  const state = () => JSON.parse(fs.readFileSync(path.join(dir, 'tsa-serial.json'), 'utf8')).next as string;
  assert.equal(state(), '6');
  assert.equal(source.next(), 1n << 64n);
  for (let i = 0; i < 4; i++) source.next();
  assert.equal(state(), '6');
  assert.equal(source.next(), 6n << 64n); // the sixth number needed a new block, written first
  assert.equal(state(), '11');
});

test('the same state copied to a second instance still gives distinct serials (random prefix)', (t) => {
  const a = tempDir();
  const b = tempDir();
  t.after(() => [a, b].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  PersistentSerialSource.open(a);
  fs.copyFileSync(path.join(a, 'tsa-serial.json'), path.join(b, 'tsa-serial.json'));
  assert.notEqual(PersistentSerialSource.open(a).next(), PersistentSerialSource.open(b).next());
});

test('a damaged state file is refused rather than restarted from 1', (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const content of ['{not json', '{"next": 5}', '{"next":"-3"}', '']) {
    fs.writeFileSync(path.join(dir, 'tsa-serial.json'), content);
    assert.throws(() => PersistentSerialSource.open(dir), (e) => e instanceof TsaError && e.code === 'SERIAL_STORE_FAILED');
  }
});
