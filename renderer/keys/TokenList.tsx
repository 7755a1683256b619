// The module's tokens, one row each, selectable with the keyboard.
import { useKeysStore } from './keys-store';

export function TokenList() {
  const tokens = useKeysStore((s) => s.tokens);
  const selected = useKeysStore((s) => s.selected);
  const select = useKeysStore((s) => s.select);
  if (tokens.length === 0) return <p className="muted">No initialised token in this module. Load tokens, or create a rehearsal token.</p>;
  return (
    <table className="table" aria-label="Tokens">
      <thead>
        <tr>
          <th>Label</th>
          <th>Slot</th>
          <th>Manufacturer / model</th>
          <th>Serial</th>
          <th>State</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.slotId} className={t.label === selected ? 'selected' : ''}>
            <td>
              <button type="button" className="link" aria-pressed={t.label === selected} onClick={() => select(t.label)}>
                {t.label}
              </button>
            </td>
            <td>{t.slotId}</td>
            <td>
              {t.manufacturer} {t.model}
            </td>
            <td>
              <code>{t.serial}</code>
            </td>
            <td>
              {t.userPinLocked ? <span className="badge bad">PIN locked</span> : t.userPinFinalTry ? <span className="badge bad">final PIN try</span> : t.userPinCountLow ? <span className="badge warn">PIN tries low</span> : null}
              {t.loggedIn ? <span className="badge ok">logged in</span> : <span className="badge">not logged in</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
