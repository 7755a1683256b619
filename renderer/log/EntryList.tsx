// The log's entries as a virtualised list: a spacer as tall as all rows, and only the visible rows rendered
// (absolutely positioned, fixed height) and fetched, page by page, through the backend (see list-geometry.ts).
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { EntryRow } from '../../app/contract';
import { listWindow, ROW_HEIGHT, rowTop, scrollTopToShow, VIEW_HEIGHT, VIEW_ROWS } from './list-geometry';
import { PAGE_SIZE, useLogStore } from './log-store';
import { utcTime } from '../components/utc-time';

const OVERSCAN = 4;
/** The list's CSS border (styles.css .entry-list): the viewport inside it is exactly VIEW_HEIGHT. */
const LIST_BORDER_PX = 1;
/** Fetch only once scrolling pauses this long, so a fast drag through the log does not queue every page. */
const FETCH_DELAY_MS = 60;

function when(seconds: number): string {
  // The column header says (UTC); the row keeps the same format without repeating it, to fit the column.
  return utcTime(seconds).replace(/ UTC$/, '');
}

function Row({ index, row, top, selected, size, onOpen }: { index: number; row: EntryRow | undefined; top: number; selected: boolean; size: number; onOpen(i: number): void }) {
  return (
    <div
      id={`entry-row-${index}`}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={size}
      className={`entry-row${selected ? ' selected' : ''}`}
      style={{ top, height: ROW_HEIGHT }}
      data-index={index}
      onClick={() => onOpen(index)}
    >
      <span className="col-index">#{index}</span>
      {row ? (
        <>
          <code className="col-uuid" title={row.uuid}>
            {row.uuid.slice(-64, -52)}
          </code>
          <span className="col-kind">{row.kind}</span>
          <span className="col-time">{when(row.integratedTime)}</span>
          <span className="col-identity" title={row.identity}>
            {row.identity ?? ''}
          </span>
        </>
      ) : (
        <span className="muted">loading…</span>
      )}
    </div>
  );
}

export function EntryList() {
  const info = useLogStore((s) => s.info);
  const pages = useLogStore((s) => s.pages);
  const selectedIndex = useLogStore((s) => s.selectedIndex);
  const select = useLogStore((s) => s.select);
  const open = useLogStore((s) => s.open);
  const ensureRows = useLogStore((s) => s.ensureRows);
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const size = info?.treeSize ?? 0;
  const win = listWindow(size, scrollTop);
  const { visibleFirst, visibleLast } = win;
  const first = Math.max(0, visibleFirst - OVERSCAN);
  const last = Math.min(size - 1, visibleLast + OVERSCAN);

  useEffect(() => {
    if (size === 0) return undefined;
    const timer = setTimeout(() => ensureRows(first, last), FETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [first, last, size, info?.url, ensureRows]);

  // Keep the selected row in view whenever the selection moves (keyboard, search, an opened entry).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || size === 0) return;
    const target = scrollTopToShow(size, el.scrollTop, selectedIndex);
    if (target !== el.scrollTop) {
      el.scrollTop = target;
      setScrollTop(el.scrollTop);
    }
  }, [selectedIndex, size]);

  const onOpen = useCallback(
    (index: number) => {
      select(index);
      void open({ index });
    },
    [select, open],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = VIEW_ROWS - 1;
    const moves: Record<string, number> = { ArrowDown: selectedIndex + 1, ArrowUp: selectedIndex - 1, PageDown: selectedIndex + page, PageUp: selectedIndex - page, Home: 0, End: size - 1 };
    if (e.key in moves) {
      e.preventDefault();
      select(moves[e.key]!);
    } else if (e.key === 'Enter' && size > 0) {
      e.preventDefault();
      void open({ index: selectedIndex });
    }
  };

  if (!info) return null;
  const rows = [];
  for (let i = first; i <= last; i++) {
    const row = pages[Math.floor(i / PAGE_SIZE)]?.[i % PAGE_SIZE];
    rows.push(<Row key={i} index={i} row={row} top={rowTop(i, scrollTop, win)} selected={i === selectedIndex} size={size} onOpen={onOpen} />);
  }
  return (
    <div className="entry-list-wrap">
      <div className="entry-row entry-head" aria-hidden="true">
        <span className="col-index">Index</span>
        <span className="col-uuid">UUID</span>
        <span className="col-kind">Kind</span>
        <span className="col-time">Integrated (UTC)</span>
        <span className="col-identity">Identity</span>
      </div>
      <div
        ref={ref}
        className="entry-list"
        role="listbox"
        aria-label="Entries"
        tabIndex={0}
        aria-activedescendant={size > 0 ? `entry-row-${selectedIndex}` : undefined}
        style={{ height: Math.min(VIEW_HEIGHT, Math.max(ROW_HEIGHT, size * ROW_HEIGHT)) + 2 * LIST_BORDER_PX }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div className="entry-spacer" style={{ height: win.spacerHeight }}>
          {rows}
        </div>
      </div>
      <p className="muted">
        {size === 0 ? 'The log is empty.' : `Showing entries ${visibleFirst.toLocaleString('en-US')}–${visibleLast.toLocaleString('en-US')} of ${size.toLocaleString('en-US')}.`} Arrows, Page Up/Down, Home/End move; Enter opens.
      </p>
    </div>
  );
}
