// Signing progress per role as bars: "root: 2 of 3, waiting for: alice, carol"; a new root also shows the
// previous root's threshold, which must be met too (TUF 5.3.4).
import type { TufThresholdGroup, TufThresholdProgress } from '../../app/contract';

function Group({ label, g }: { label: string; g: TufThresholdGroup }) {
  return (
    <div className="threshold-group">
      <div className="threshold-head">
        <span>{label}</span>
        <strong>
          {g.have} of {g.need}
        </strong>
        {g.met ? <span className="badge ok">threshold met</span> : <span className="badge warn">waiting for: {g.waitingFor.join(', ')}</span>}
      </div>
      <progress className={g.met ? 'met' : ''} value={Math.min(g.have, g.need)} max={g.need} aria-label={`${label}: ${g.have} of ${g.need}`} />
      {g.signedBy.length > 0 && <div className="muted">signed by {g.signedBy.join(', ')}</div>}
    </div>
  );
}

export function ThresholdProgress({ progress }: { progress: TufThresholdProgress[] }) {
  if (progress.length === 0) return null;
  return (
    <ul className="threshold-list" aria-label="Threshold progress">
      {progress.map((p) => (
        <li key={p.role} data-testid="threshold" data-line={p.line}>
          <Group label={`${p.role} v${p.version} (keys of ${p.by})`} g={p} />
          {p.previous && <Group label={`${p.role} v${p.version} (keys of ${p.previous.by}, the previous root)`} g={p.previous} />}
          <span className="visually-hidden">{p.line}</span>
        </li>
      ))}
    </ul>
  );
}
