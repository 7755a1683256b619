// The step waiting for the operator: what it will do, and Proceed or Stop. Proceed has the focus, so Enter runs it.
import { useEffect, useRef } from 'react';
import type { CeremonySessionState } from '../../app/contract';
import { useCeremonyStore } from './ceremony-store';
import { timesIn } from './TranscriptView';

export function StepCard({ pending }: { pending: NonNullable<CeremonySessionState['pending']> }) {
  const confirm = useCeremonyStore((s) => s.confirm);
  const proceed = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    proceed.current?.focus();
  }, [pending.stepId]);
  return (
    <section className="step-card" aria-labelledby="step-card-heading" data-testid="step-card">
      <p className="step-count">
        Step {pending.index + 1} of {pending.total}
      </p>
      <h2 id="step-card-heading">{pending.title}</h2>
      <p className="step-what">
        <span className="muted">What will happen: </span>
        {timesIn(pending.description)}
      </p>
      <p className="muted">Read it aloud to the witnesses, then proceed. Stop pauses the ceremony before this step: nothing of it is done, and starting again resumes here.</p>
      <div className="row">
        <button type="button" ref={proceed} onClick={() => void confirm(true)}>
          Proceed
        </button>
        <button type="button" className="secondary danger" onClick={() => void confirm(false)}>
          Stop
        </button>
      </div>
    </section>
  );
}
