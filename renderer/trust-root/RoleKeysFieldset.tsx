// One role's keys, threshold and validity while a repository or a delegation is being set up, with the reason
// next to each field when it would be refused (e.g. a threshold above the number of keys).
import { AddKeyInput } from './AddKeyInput';
import type { RoleKeysDraft, RoleKeysProblems } from './role-keys';

interface Props {
  idPrefix: string;
  role: string;
  /** What the role does, in a few words. */
  hint?: string;
  draft: RoleKeysDraft;
  problems: RoleKeysProblems;
  /** Show problems only once the user tried to submit (no red text on an empty form). */
  showProblems: boolean;
  withDays?: boolean;
  onChange(draft: RoleKeysDraft): void;
}

function Problem({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} className="problems" role="alert">
      {text}
    </p>
  ) : null;
}

export function RoleKeysFieldset({ idPrefix, role, hint, draft, problems, showProblems, withDays = true, onChange }: Props) {
  const shown = showProblems ? problems : {};
  return (
    <fieldset className="panel inset" aria-label={`${role} keys`} data-testid={`${idPrefix}-fieldset`}>
      <legend>
        <strong>{role}</strong> {hint && <span className="muted">{hint}</span>}
      </legend>
      {draft.keys.length === 0 ? (
        <p className="muted">No {role} key yet.</p>
      ) : (
        <ul className="diff-list" aria-label={`${role} keys chosen`}>
          {draft.keys.map((k, i) => (
            <li key={`${i}-${k.publicKeyPem.length}`}>
              <strong>{k.owner || '(no owner)'}</strong> <span className="muted">{k.from}</span>{' '}
              <button type="button" className="secondary" aria-label={`Remove ${role} key ${k.owner || i + 1}`} onClick={() => onChange({ ...draft, keys: draft.keys.filter((_, j) => j !== i) })}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <Problem id={`${idPrefix}-keys-problem`} text={shown.keys} />
      <AddKeyInput idPrefix={idPrefix} role={role} onAdd={(k) => onChange({ ...draft, keys: [...draft.keys, k] })} />
      <div className="row">
        <label className="field" htmlFor={`${idPrefix}-threshold`}>
          <span>{role} threshold (signatures required)</span>
          <input
            id={`${idPrefix}-threshold`}
            type="number"
            min={1}
            value={Number.isNaN(draft.threshold) ? '' : draft.threshold}
            aria-invalid={shown.threshold !== undefined}
            aria-describedby={shown.threshold ? `${idPrefix}-threshold-problem` : undefined}
            onChange={(e) => onChange({ ...draft, threshold: e.target.valueAsNumber })}
          />
        </label>
        {withDays && (
          <label className="field" htmlFor={`${idPrefix}-days`}>
            <span>{role} valid for (days)</span>
            <input
              id={`${idPrefix}-days`}
              type="number"
              min={1}
              value={Number.isNaN(draft.days) ? '' : draft.days}
              aria-invalid={shown.days !== undefined}
              aria-describedby={shown.days ? `${idPrefix}-days-problem` : undefined}
              onChange={(e) => onChange({ ...draft, days: e.target.valueAsNumber })}
            />
          </label>
        )}
      </div>
      <Problem id={`${idPrefix}-threshold-problem`} text={shown.threshold} />
      <Problem id={`${idPrefix}-days-problem`} text={shown.days} />
    </fieldset>
  );
}
