// Geometry of the virtualised entry list: which rows a scroll position shows and where to scroll to show a row.
// Browsers cap an element's height (about 33.5M px in Chromium), so past MAX_SCROLL_PX the scrollbar is scaled:
// one scrolled pixel then moves `scale` pixels of the list. Pure, so it is tested at a million rows.

export const ROW_HEIGHT = 30;
export const VIEW_ROWS = 14;
export const VIEW_HEIGHT = ROW_HEIGHT * VIEW_ROWS;
export const MAX_SCROLL_PX = 8_000_000;

export interface ListWindow {
  /** Height of the scrolled spacer element. */
  spacerHeight: number;
  /** List pixels per scrolled pixel (1 unless the list is taller than MAX_SCROLL_PX). */
  scale: number;
  /** Pixel offset into the full list at the top of the viewport. */
  offset: number;
  /** First and last rows at least partly visible (last < first when the list is empty). */
  visibleFirst: number;
  visibleLast: number;
}

export function listWindow(size: number, scrollTop: number): ListWindow {
  const contentHeight = size * ROW_HEIGHT;
  const spacerHeight = Math.min(contentHeight, MAX_SCROLL_PX);
  const maxOffset = Math.max(0, contentHeight - VIEW_HEIGHT);
  const maxScroll = Math.max(1, spacerHeight - VIEW_HEIGHT);
  const scale = spacerHeight < contentHeight ? maxOffset / maxScroll : 1;
  const offset = Math.min(Math.max(0, scrollTop) * scale, maxOffset);
  const visibleFirst = Math.floor(offset / ROW_HEIGHT);
  const visibleLast = Math.min(size - 1, Math.floor((offset + VIEW_HEIGHT - 1) / ROW_HEIGHT));
  return { spacerHeight, scale, offset, visibleFirst, visibleLast };
}

/** Where a row is drawn inside the spacer: scrolled with the spacer, offset so the viewport shows list `offset`. */
export function rowTop(index: number, scrollTop: number, w: ListWindow): number {
  return scrollTop + index * ROW_HEIGHT - w.offset;
}

/** The scrollTop that brings row `index` fully into view with the least movement (the current one if it is). */
export function scrollTopToShow(size: number, scrollTop: number, index: number): number {
  const w = listWindow(size, scrollTop);
  const top = index * ROW_HEIGHT;
  let target = w.offset;
  if (top < w.offset) target = top;
  else if (top + ROW_HEIGHT > w.offset + VIEW_HEIGHT) target = top + ROW_HEIGHT - VIEW_HEIGHT;
  if (target === w.offset) return scrollTop;
  // Scrolled positions are whole pixels; round so that the row lands inside the viewport, not a pixel short.
  return top < w.offset ? Math.floor(target / w.scale) : Math.ceil(target / w.scale);
}
