// A ceremony still running in the backend that this window is not showing (the window was reloaded or closed
// mid-ceremony): where it is and at which step, with "Return to it" and "Stop it".
import type { CeremonySessionState } from '../../app/contract';
import { useCeremonyStore } from './ceremony-store';

function whereItIs(s: CeremonySessionState): string {
  const done = s.steps.filter((x) => x.status === 'done' || x.status === 'already-done').length;
  const at = s.pending ? `waiting at step ${s.pending.index + 1} of ${s.pending.total}, “${s.pending.title}”` : s.status === 'awaiting-pin' ? 'waiting for the token PIN' : 'running a step';
  return `${done} of ${s.steps.length} steps done; ${at}`;
}

export function RunningSessions() {
  const running = useCeremonyStore((s) => s.running);
  const returnTo = useCeremonyStore((s) => s.returnTo);
  const stopRunning = useCeremonyStore((s) => s.stopRunning);
  if (running.length === 0) return null;
  return (
    <section className="panel network-warning" aria-labelledby="running-heading" data-testid="running-sessions">
      <h2 id="running-heading">A ceremony is still running</h2>
      <ul className="plain-list">
        {running.map((s) => (
          <li key={s.sessionId} data-testid="running-session">
            <p>
              <strong>{s.plan.title}</strong> in <code>{s.dir}</code> on token “{s.token}”
              {s.operator ? `, operator ${s.operator}` : ''}
              {s.witnesses?.length ? `, witnesses ${s.witnesses.join(', ')}` : ''}: {whereItIs(s)}.
            </p>
            <div className="row">
              <button type="button" onClick={() => void returnTo(s)}>
                Return to it
              </button>
              <button type="button" className="secondary danger" onClick={() => void stopRunning(s)}>
                Stop it
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
