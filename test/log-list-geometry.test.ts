// The explorer's virtualised list geometry (renderer/log/list-geometry.ts) at a million rows: the spacer stays
// under the browser's height cap, every scroll position shows a screenful of rows, and any row can be scrolled
// into view (what keyboard navigation relies on), including the first and the last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRendererModule } from './support/renderer-module';

interface Win { spacerHeight: number; scale: number; offset: number; visibleFirst: number; visibleLast: number }
interface Geometry {
  ROW_HEIGHT: number;
  VIEW_HEIGHT: number;
  VIEW_ROWS: number;
  MAX_SCROLL_PX: number;
  listWindow(size: number, scrollTop: number): Win;
  rowTop(index: number, scrollTop: number, w: Win): number;
  scrollTopToShow(size: number, scrollTop: number, index: number): number;
}

const g = loadRendererModule<Geometry>('log/list-geometry.ts');
const CHROMIUM_MAX_ELEMENT_PX = 33_554_428;

function assertShown(size: number, scrollTop: number, index: number): void {
  const w = g.listWindow(size, scrollTop);
  assert.ok(index >= w.visibleFirst && index <= w.visibleLast, `row ${index} is in the window ${w.visibleFirst}..${w.visibleLast}`);
  const top = g.rowTop(index, scrollTop, w) - scrollTop;
  assert.ok(top >= -0.001 && top + g.ROW_HEIGHT <= g.VIEW_HEIGHT + 0.001, `row ${index} is fully inside the viewport (top ${top})`);
}

test('a small log is a plain 1:1 list', () => {
  const w = g.listWindow(100_000, 60_000 * g.ROW_HEIGHT);
  assert.equal(w.scale, 1);
  assert.equal(w.spacerHeight, 100_000 * g.ROW_HEIGHT);
  assert.equal(w.visibleFirst, 60_000);
  assert.equal(w.visibleLast, 60_000 + g.VIEW_ROWS - 1);
});

test('a million rows: the spacer fits the browser, the ends and the middle are reachable, few rows are drawn', () => {
  const size = 1_000_000;
  const top = g.listWindow(size, 0);
  assert.ok(top.spacerHeight <= g.MAX_SCROLL_PX && g.MAX_SCROLL_PX < CHROMIUM_MAX_ELEMENT_PX);
  assert.equal(top.visibleFirst, 0);
  const maxScroll = top.spacerHeight - g.VIEW_HEIGHT;
  const end = g.listWindow(size, maxScroll);
  assert.equal(end.visibleLast, size - 1, 'scrolled to the bottom, the last entry shows');
  assert.ok(end.visibleLast - end.visibleFirst + 1 <= g.VIEW_ROWS + 1, 'only a screenful of rows is in the window');
  const mid = g.listWindow(size, maxScroll / 2);
  assert.ok(Math.abs(mid.visibleFirst - size / 2) < 100, `halfway down shows the middle (${mid.visibleFirst})`);
  for (let s = 0; s <= maxScroll; s += 9_973) {
    const w = g.listWindow(size, s);
    assert.ok(w.visibleLast - w.visibleFirst + 1 >= g.VIEW_ROWS - 1, `a full screen at scrollTop ${s}`);
  }
});

test('any row can be brought into view, from anywhere, at a million rows', () => {
  const size = 1_000_000;
  const maxScroll = g.listWindow(size, 0).spacerHeight - g.VIEW_HEIGHT;
  for (const from of [0, 1234, maxScroll / 3, maxScroll]) {
    for (const index of [0, 1, 13, 14, 59_999, 500_000, 765_432, size - 2, size - 1]) {
      const s = g.scrollTopToShow(size, Math.round(from), index);
      assert.ok(Number.isInteger(s) && s >= 0 && s <= maxScroll, `scrollTop ${s} is a reachable position`);
      assertShown(size, s, index);
    }
  }
  // A row already in view does not move the list.
  assert.equal(g.scrollTopToShow(size, 0, 3), 0);
});
