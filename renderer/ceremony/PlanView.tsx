// The chosen plan decoded: its steps in order, with the profile, subject, validity and output of each.
import type { PlanStepView, PlanView as PlanData } from '../../app/contract';
import { timesIn } from './TranscriptView';

/** Placeholder subjects (an "Example" name) said plainly: real certificates would carry them. */
export function ExampleSubjectsNotice({ subjects }: { subjects: string[] }) {
  if (subjects.length === 0) return null;
  return (
    <div className="network-warning" role="note" data-testid="example-subjects">
      <strong>Example subjects — change them before a real ceremony.</strong> This plan issues certificates for {subjects.join('; ')}. Those names are
      placeholders: for a real ceremony, copy the plan file, put your organisation’s names in it, and open that file (the plan’s SHA-256 on the transcript
      then records your names). Use this plan as it is only for a rehearsal.
    </div>
  );
}

function validityText(v: NonNullable<PlanStepView['validity']>): string {
  const span = v.years !== undefined ? `${v.years} year${v.years === 1 ? '' : 's'}` : `${v.days} day${v.days === 1 ? '' : 's'}`;
  return v.notBefore ? `${span} from ${v.notBefore}` : `${span} from the moment it is signed`;
}

function subjectText(s: NonNullable<PlanStepView['subject']>): string {
  // RFC 4514 string order, as the certificate views print names: CN, OU, O, C.
  return [`CN=${s.commonName}`, s.organizationalUnit ? `OU=${s.organizationalUnit}` : '', `O=${s.organization}`, s.country ? `C=${s.country}` : ''].filter(Boolean).join(', ');
}

function StepParameters({ step }: { step: PlanStepView }) {
  const rows: [string, string][] = [];
  if (step.label) rows.push(['Key label', step.label]);
  if (step.algorithm) rows.push(['Algorithm', step.algorithm]);
  if (step.profile) rows.push(['Profile', step.profile]);
  if (step.subject) rows.push(['Subject', subjectText(step.subject)]);
  if (step.key) rows.push(['Key from step', step.key]);
  if (step.csr) rows.push(['CSR input', step.csr]);
  if (step.subjectFrom) rows.push(['Subject from step', step.subjectFrom]);
  if (step.issuer) rows.push(['Issuer', `certificate of step ${step.issuer}${step.issuerKey ? `, signed with the key of ${step.issuerKey}` : ''}`]);
  else if (step.profile) rows.push(['Issuer', 'self-signed']);
  if (step.validity) rows.push(['Validity', validityText(step.validity)]);
  if (step.pathLen !== undefined) rows.push(['Path length', String(step.pathLen)]);
  if (step.input) rows.push(['Input', step.input]);
  if (step.certificates) rows.push(['Certificates', step.certificates.join(' → ')]);
  if (step.output) rows.push(['Output', step.output]);
  return (
    <dl className="facts compact">
      {rows.map(([k, v]) => (
        <div className="field-pair" key={k}>
          <dt>{k}</dt>
          <dd>{k === 'Output' ? <code>{v}</code> : v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function PlanView({ plan }: { plan: PlanData }) {
  return (
    <section className="panel" aria-labelledby="plan-view-heading" data-testid="plan-view">
      <h2 id="plan-view-heading">Plan: {plan.title}</h2>
      {plan.description && <p>{plan.description}</p>}
      <ExampleSubjectsNotice subjects={plan.exampleSubjects} />
      <p className="muted">
        <code>{plan.file}</code> · SHA-256 <code className="hash">{plan.sha256}</code>
      </p>
      {plan.inputs.length > 0 && (
        <>
          <h3>Inputs</h3>
          <ul>
            {plan.inputs.map((i) => (
              <li key={i.name}>
                <code>{i.name}</code>: {i.description}
                {i.defaultPath ? <span className="muted"> (default {i.defaultPath})</span> : null}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Steps</h3>
      <ol className="plan-steps">
        {plan.steps.map((s) => (
          <li key={s.id} className="plan-step">
            <div className="plan-step-head">
              <strong>{s.title}</strong> <span className="badge">{s.type}</span> <code className="muted">{s.id}</code>
            </div>
            <p className="plan-step-desc">{timesIn(s.description)}</p>
            <StepParameters step={s} />
          </li>
        ))}
      </ol>
    </section>
  );
}
