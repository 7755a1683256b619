// A timeline of expiry dates: each role's published (and staged) expiry on one axis from today, so the next
// re-signing due is visible at a glance.
import type { TufRoleView } from '../../app/contract';

const DAY = 86_400_000;

export function ExpiryTimeline({ roles, now }: { roles: TufRoleView[]; now: Date }) {
  const points = roles.flatMap((r) => [
    ...(r.expires ? [{ role: r.role, expires: r.expires, staged: false }] : []),
    ...(r.stagedExpires ? [{ role: r.role, expires: r.stagedExpires, staged: true }] : []),
  ]);
  if (points.length === 0) return <p className="muted">Nothing published or staged yet.</p>;
  const last = Math.max(...points.map((p) => Date.parse(p.expires)), now.getTime() + 30 * DAY);
  const span = last - now.getTime();
  return (
    <ol className="timeline" aria-label="Expiry timeline">
      {points
        .sort((a, b) => Date.parse(a.expires) - Date.parse(b.expires))
        .map((p) => {
          const days = Math.floor((Date.parse(p.expires) - now.getTime()) / DAY);
          const left = Math.max(0, Math.min(100, ((Date.parse(p.expires) - now.getTime()) / span) * 100));
          const tone = days < 0 ? 'bad' : days <= 14 ? 'warn' : 'ok';
          return (
            <li key={`${p.role}-${p.staged}`} className="timeline-row">
              <span className="timeline-label">
                {p.role}
                {p.staged ? ' (staged)' : ''}
              </span>
              <span className="timeline-track">
                <span className={`timeline-mark ${tone}`} style={{ left: `${left}%` }} />
              </span>
              <span className={`timeline-date ${tone}`}>
                {p.expires.slice(0, 10)} · {days < 0 ? `expired ${-days} days ago` : `${days} days`}
              </span>
            </li>
          );
        })}
    </ol>
  );
}
