// One staged change as a signer should read it: keys added and removed with their owners, threshold and path
// changes, the expiry change, and targets with their lengths and hashes. The one-line summary is one click away.
import type { TufDiff } from '../../app/contract';

const owner = (k: { owner: string | null; keyid: string }) => k.owner ?? k.keyid.slice(0, 8);

export function ChangeDiff({ diff }: { diff: TufDiff }) {
  return (
    <div className="diff">
      <div className="diff-line">
        version <strong>{diff.version.from ?? '(new)'}</strong> → <strong>{diff.version.to}</strong>; expires{' '}
        {diff.expires.from ? <del>{diff.expires.from}</del> : '(new)'} → <ins>{diff.expires.to}</ins>
      </div>
      {diff.roles.map((r) => (
        <div key={r.role} className="diff-role" data-testid="diff-role">
          <h4>{r.role}</h4>
          <ul className="diff-list">
            {r.keysAdded.map((k) => (
              <li key={`+${k.keyid}`} className="diff-add">
                + key <strong>{owner(k)}</strong> <code className="hash">{k.keyid.slice(0, 16)}…</code>
              </li>
            ))}
            {r.keysRemoved.map((k) => (
              <li key={`-${k.keyid}`} className="diff-del">
                − key <strong>{owner(k)}</strong> <code className="hash">{k.keyid.slice(0, 16)}…</code>
              </li>
            ))}
            {r.threshold.from !== r.threshold.to && (
              <li className="diff-change">
                threshold {r.threshold.from ?? '—'} → <strong>{r.threshold.to ?? '—'}</strong>
              </li>
            )}
            {r.paths && (
              <li className="diff-change">
                paths {JSON.stringify(r.paths.from ?? [])} → {JSON.stringify(r.paths.to ?? [])}
              </li>
            )}
          </ul>
        </div>
      ))}
      {diff.targets.length > 0 && (
        <table className="table" aria-label="Target changes">
          <thead>
            <tr>
              <th>Target</th>
              <th>Change</th>
              <th>Length</th>
              <th>SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {diff.targets.map((t) => {
              const info = t.to ?? t.from;
              return (
                <tr key={t.path} className={t.change === 'removed' ? 'diff-del' : 'diff-add'}>
                  <td>{t.path}</td>
                  <td>{t.change}</td>
                  <td>{info?.length ?? ''} bytes</td>
                  <td>
                    <code className="hash">{info?.hashes['sha256'] ?? ''}</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <details>
        <summary>All changes as text</summary>
        <pre>{diff.summary.join('\n')}</pre>
      </details>
    </div>
  );
}
