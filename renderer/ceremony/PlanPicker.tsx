// Pick a preset shipped with Rootsmith, or open a plan file on this machine (the backend reads it).
import { useEffect, useState } from 'react';
import { useCeremonyStore } from './ceremony-store';

export function PlanPicker() {
  const presets = useCeremonyStore((s) => s.presets);
  const planArg = useCeremonyStore((s) => s.planArg);
  const problems = useCeremonyStore((s) => s.planProblems);
  const loadPresets = useCeremonyStore((s) => s.loadPresets);
  const loadPlan = useCeremonyStore((s) => s.loadPlan);
  const [file, setFile] = useState('');

  useEffect(() => {
    void loadPresets();
  }, [loadPresets]);

  return (
    <section className="panel" aria-labelledby="plan-picker-heading">
      <h2 id="plan-picker-heading">1. Choose the ceremony plan</h2>
      <fieldset className="field">
        <legend>Presets</legend>
        <ul className="preset-list">
          {presets.map((p) => (
            <li key={p.name}>
              <button type="button" className={planArg === p.name ? 'preset selected' : 'preset'} aria-pressed={planArg === p.name} onClick={() => void loadPlan(p.name)}>
                <strong>{p.title}</strong>
                <span className="muted">
                  {p.name} · {p.steps} steps{p.inputs.length ? ` · needs ${p.inputs.join(', ')}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <form
        className="row"
        aria-label="Open a plan file"
        onSubmit={(e) => {
          e.preventDefault();
          if (file.trim()) void loadPlan(file.trim());
        }}
      >
        <label className="field grow" htmlFor="plan-file">
          <span>Or a plan file on this machine (YAML)</span>
          <input id="plan-file" value={file} onChange={(e) => setFile(e.target.value)} placeholder="/path/to/plan.yaml" spellCheck={false} />
        </label>
        <button type="submit" className="secondary" disabled={file.trim() === ''}>
          Open plan
        </button>
      </form>
      {problems.length > 0 && (
        <div className="plan-problems" role="alert" aria-label="Plan problems">
          <h3>
            The plan is invalid <span className="error-code">PLAN_INVALID</span>
          </h3>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                <code className="problem-field">{p.field}</code> {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
