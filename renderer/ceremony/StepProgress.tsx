// Every step of the plan with where it stands, the result of those done, and a progress bar.
import type { CeremonySessionState, StepStatus } from '../../app/contract';

const LABEL: Record<StepStatus, string> = {
  pending: 'to do',
  running: 'running…',
  done: 'done',
  'already-done': 'done earlier',
  failed: 'failed',
  declined: 'paused here',
};

const BADGE: Record<StepStatus, string> = { pending: '', running: 'warn', done: 'ok', 'already-done': 'ok', failed: 'bad', declined: 'bad' };

export function StepProgress({ session }: { session: CeremonySessionState }) {
  const finished = session.steps.filter((s) => s.status === 'done' || s.status === 'already-done').length;
  return (
    <section className="panel" aria-labelledby="progress-heading">
      <h2 id="progress-heading">
        {session.plan.title}: {finished} of {session.steps.length} steps done
      </h2>
      <progress className="step-bar" max={session.steps.length} value={finished} aria-label="Steps done" />
      <ol className="step-progress" aria-label="Steps">
        {session.steps.map((s) => (
          <li key={s.id} className={`step-row ${s.status}`} data-testid="step-row" data-step={s.id} data-status={s.status}>
            <span className={`badge ${BADGE[s.status]}`}>{LABEL[s.status]}</span> <strong>{s.title}</strong>
            {s.action && <div className="step-result">{s.action}</div>}
            {s.outputs && s.outputs.length > 0 && (
              <div className="muted">
                Wrote {s.outputs.map((o) => (
                  <code key={o}>{o} </code>
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
