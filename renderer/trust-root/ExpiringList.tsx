// "What expires soon" (`rootsmith tuf expiring --within N` in the GUI): every published role with its expiry,
// the days left, whether it falls within N days, and who can re-sign it (offline signers or the online keys).
import { useState } from 'react';
import { useTrustRootStore } from './trust-root-store';

export function ExpiringList() {
  const expiring = useTrustRootStore((s) => s.expiring);
  const loadExpiring = useTrustRootStore((s) => s.loadExpiring);
  const [days, setDays] = useState(30);
  const soon = expiring?.roles.filter((r) => r.expiring) ?? [];
  return (
    <div>
      <form
        className="row"
        aria-label="Expiring roles"
        onSubmit={(e) => {
          e.preventDefault();
          void loadExpiring(days);
        }}
      >
        <label className="field" htmlFor="tuf-expiring-days">
          <span>Within (days)</span>
          <input id="tuf-expiring-days" type="number" min={0} max={36500} value={days} onChange={(e) => setDays(Number(e.target.value))} />
        </label>
        <button type="submit" className="secondary" disabled={!Number.isInteger(days) || days < 0}>
          List what expires
        </button>
      </form>
      {expiring && (
        <>
          <p role="status" className={soon.length > 0 ? 'verdict bad' : 'verdict ok'}>
            {expiring.roles.length === 0
              ? 'Nothing is published yet, so nothing expires.'
              : soon.length === 0
                ? `Nothing expires within ${expiring.withinDays} days.`
                : `${soon.length} role${soon.length === 1 ? '' : 's'} expire${soon.length === 1 ? 's' : ''} within ${expiring.withinDays} days: ${soon.map((r) => r.role).join(', ')}.`}
          </p>
          {expiring.roles.length > 0 && (
            <table className="table" aria-label="Published expiry dates">
              <thead>
                <tr>
                  <th>Role</th>
                  <th>Version</th>
                  <th>Expires (UTC)</th>
                  <th>Days left</th>
                  <th>Re-signed by</th>
                </tr>
              </thead>
              <tbody>
                {expiring.roles.map((r) => (
                  <tr key={r.role} className={r.expiring ? 'diff-del' : ''} data-testid="expiring-row">
                    <td>
                      <strong>{r.role}</strong> {r.expiring && <span className="badge warn">{r.daysLeft < 0 ? 'expired' : 'expires soon'}</span>}
                    </td>
                    <td>v{r.version}</td>
                    <td>{r.expires}</td>
                    <td>{r.daysLeft < 0 ? `expired ${-r.daysLeft} days ago` : r.daysLeft}</td>
                    <td>{r.resign === 'online' ? 'the online keys (Refresh snapshot and timestamp)' : 'offline signers (a new signing session)'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
