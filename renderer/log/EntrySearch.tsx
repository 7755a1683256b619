// Find entries by log index, entry UUID, artifact sha256 (the server's index, if it has one) or signer e-mail.
import { useState } from 'react';
import { useLogStore } from './log-store';

export function EntrySearch() {
  const info = useLogStore((s) => s.info);
  const search = useLogStore((s) => s.search);
  const runSearch = useLogStore((s) => s.runSearch);
  const open = useLogStore((s) => s.open);
  const [query, setQuery] = useState('');
  if (!info) return null;
  return (
    <section className="panel" aria-labelledby="search-heading">
      <h2 id="search-heading">Find an entry</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (query.trim()) void runSearch(query.trim());
        }}
      >
        <label className="field grow" htmlFor="log-search">
          <span>Index, entry UUID, sha256 of an artifact, or e-mail</span>
          <input id="log-search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <div className="field">
          <button type="submit">Search</button>
        </div>
      </form>
      {search && (
        <div role="region" aria-label="Search results">
          <p className="muted">
            “{search.query}” read as {search.interpretedAs}: {search.rows.length === 0 ? 'no entry found.' : `${search.rows.length} entr${search.rows.length === 1 ? 'y' : 'ies'}.`}
            {search.note ? ` ${search.note}` : ''}
          </p>
          <ul className="search-results">
            {search.rows.map((r) => (
              <li key={r.uuid}>
                <button type="button" className="link" onClick={() => void open({ index: r.index })}>
                  #{r.index}
                </button>{' '}
                <code>{r.uuid.slice(-64, -52)}</code> <span className="badge">{r.kind}</span> {r.identity ?? ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
