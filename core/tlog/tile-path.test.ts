// tlog-tiles resource paths: the x-prefixed 3-digit index groups and the .p/<W> partial suffix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeTileIndex, entryBundlePath, tilePath } from './tile-path';

test('tile indexes and paths follow tlog-tiles', () => {
  assert.equal(encodeTileIndex(1234067), 'x001/x234/067'); // the spec's example
  assert.equal(encodeTileIndex(0), '000');
  assert.equal(encodeTileIndex(999), '999');
  assert.equal(encodeTileIndex(1000), 'x001/000');
  assert.equal(tilePath(0, 273, 112), 'tile/0/273.p/112');
  assert.equal(tilePath(2, 0, 1), 'tile/2/000.p/1');
  assert.equal(tilePath(1, 1), 'tile/1/001');
  assert.equal(tilePath(1, 1, 256), 'tile/1/001');
  assert.equal(entryBundlePath(1234067, 5), 'tile/entries/x001/x234/067.p/5');
  assert.throws(() => tilePath(0, 1, 0), RangeError);
  assert.throws(() => tilePath(64, 1), RangeError);
});
