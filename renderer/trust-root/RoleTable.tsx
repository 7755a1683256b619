// Roles at a glance: who holds the keys, how many must sign, published and staged versions with expiry.
import type { TufRoleView } from '../../app/contract';

const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

export function RoleTable({ roles }: { roles: TufRoleView[] }) {
  return (
    <table className="table" aria-label="Roles">
      <thead>
        <tr>
          <th>Role</th>
          <th>Threshold</th>
          <th>Keys (owners)</th>
          <th>Published</th>
          <th>Staged</th>
        </tr>
      </thead>
      <tbody>
        {roles.map((r) => (
          <tr key={r.role} data-testid="role-row">
            <td>
              <strong>{r.role}</strong> <span className="badge">{r.kind}</span>
              {r.paths && <div className="muted">paths {r.paths.join(', ')}</div>}
              {r.terminating && <div className="muted" title="Paths this role matches are not looked up in later delegations">terminating</div>}
            </td>
            <td>
              {r.threshold} of {r.keys.length}
            </td>
            <td>
              {r.keys.map((k) => (
                <span key={k.keyid} className={`badge${k.scheme.endsWith('nistp384') ? ' warn' : ''}`} title={`${k.keyid} (${k.scheme})`}>
                  {k.owner ?? k.keyid.slice(0, 8)}
                </span>
              ))}
            </td>
            <td>{r.version === null ? <span className="muted">not yet</span> : `v${r.version}, expires ${date(r.expires)}`}</td>
            <td>{r.stagedVersion === null ? '' : <span className="badge warn">v{r.stagedVersion}, expires {date(r.stagedExpires)}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
