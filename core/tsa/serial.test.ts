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

test('serials are unique and increasing across restarts on the same directory', async (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const seen = new Set<bigint>();
  let last = 0n;
  for (let run = 0; run < 4; run++) {
    // Each "process" hands out fewer numbers than its block, like a crash or restart mid-block.
    const source = await PersistentSerialSource.open(dir, { blockSize: 10 });
    for (let i = 0; i < 7 + run * 5; i++) {
      const s = await source.next();
      assert.ok(s > last, 'serials increase');
      assert.ok(!seen.has(s));
      assert.ok(s > 0n && s < 1n << 128n);
      seen.add(s);
      last = s;
    }
  }
  assert.equal(seen.size, 7 + 12 + 17 + 22);
});

test('every number handed out is below the reservation already on disk', async (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const source = await PersistentSerialSource.open(dir, { blockSize: 5, random: (n) => new Uint8Array(n) });
  const state = () => BigInt(JSON.parse(fs.readFileSync(path.join(dir, 'tsa-serial.json'), 'utf8')).next as string);
  assert.equal(state(), 6n);
  // Sequential and concurrent callers alike: a crash at any point can only skip numbers, never reissue one.
  const handed: bigint[] = [];
  for (let i = 0; i < 12; i++) handed.push(await source.next());
  handed.push(...(await Promise.all(Array.from({ length: 20 }, () => source.next()))));
  for (const s of handed) assert.ok(s >> 64n < state(), `serial counter ${s >> 64n} is below the persisted ${state()}`);
  assert.deepEqual(
    handed.map((s) => s >> 64n),
    Array.from({ length: 32 }, (_, i) => BigInt(i + 1)),
  );
});

test('the next block is reserved ahead, before the current one runs out', async (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const source = await PersistentSerialSource.open(dir, { blockSize: 10, random: (n) => new Uint8Array(n) });
  const state = () => JSON.parse(fs.readFileSync(path.join(dir, 'tsa-serial.json'), 'utf8')).next as string;
  for (let i = 0; i < 6; i++) await source.next();
  // Half the block is used: the read-ahead write is under way; let it land.
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(state(), '21');
});

test('a serial store that cannot be written fails the request with SERIAL_STORE_FAILED', async (t) => {
  const dir = tempDir();
  t.after(() => {
    fs.chmodSync(dir, 0o700);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const source = await PersistentSerialSource.open(dir, { blockSize: 2 });
  await source.next();
  await source.next();
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (process.getuid?.() === 0) {
    // root ignores directory permissions: replace the directory by a file instead.
    fs.rmSync(dir, { recursive: true, force: true });
    fs.writeFileSync(dir, '');
    t.after(() => fs.rmSync(dir, { force: true }));
  } else fs.chmodSync(dir, 0o500);
  await assert.rejects(
    (async () => {
      for (let i = 0; i < 4; i++) await source.next();
    })(),
    (e) => e instanceof TsaError && e.code === 'SERIAL_STORE_FAILED',
  );
});

test('the same state copied to a second instance still gives distinct serials (random prefix)', async (t) => {
  const a = tempDir();
  const b = tempDir();
  t.after(() => [a, b].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  await PersistentSerialSource.open(a);
  fs.copyFileSync(path.join(a, 'tsa-serial.json'), path.join(b, 'tsa-serial.json'));
  assert.notEqual(await (await PersistentSerialSource.open(a)).next(), await (await PersistentSerialSource.open(b)).next());
});

test('a damaged state file is refused rather than restarted from 1', async (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const content of ['{not json', '{"next": 5}', '{"next":"-3"}', '']) {
    fs.writeFileSync(path.join(dir, 'tsa-serial.json'), content);
    await assert.rejects(PersistentSerialSource.open(dir), (e) => e instanceof TsaError && e.code === 'SERIAL_STORE_FAILED');
  }
});
