// Which keys a running service signs with: a ceremony key by its reference (never its PIN), or a rehearsal key.
import type { StackKeyUse } from '../../app/contract';

export function KeyUseCell({ keys }: { keys: StackKeyUse[] }) {
  if (keys.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="key-uses">
      {keys.map((k) => (
        <li key={k.use}>
          {k.ceremony ? <span className="badge ok">ceremony key</span> : <span className="badge warn">rehearsal key</span>}
          <span className="muted">{k.use}</span>
          {k.ref && <code className="uri">{k.ref}</code>}
          {k.chain && <span className="muted">chain: <code>{k.chain}</code></span>}
        </li>
      ))}
    </ul>
  );
}
