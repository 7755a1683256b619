// "Delegate targets" (`rootsmith tuf delegate` in the GUI): trust another role, with its own keys and threshold,
// for target paths matching the patterns (TUF 2.1.1 delegations; `terminating` stops the search at this role).
import { useState } from 'react';
import type { TufStatus } from '../../app/contract';
import { focusFirstProblem } from './focus-problem';
import { RoleKeysFieldset } from './RoleKeysFieldset';
import { emptyDraft, hasProblems, roleKeysProblems, toKeyInputs, type RoleKeysDraft } from './role-keys';
import { useTrustRootStore } from './trust-root-store';
import { TextField } from '../components/TextField';

const TOP_LEVEL = new Set(['root', 'targets', 'snapshot', 'timestamp']);
const splitPatterns = (text: string) => text.split(/[\n,]/).map((p) => p.trim()).filter((p) => p !== '');

function nameProblem(name: string, existing: string[]): string | undefined {
  const n = name.trim();
  if (n === '') return 'Give the delegated role a name.';
  if (TOP_LEVEL.has(n)) return `"${n}" is a top-level role; choose another name.`;
  if (existing.includes(n)) return `"${n}" is already delegated.`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(n)) return 'Use letters, digits, ".", "_" and "-" (the name becomes a file name).';
  return undefined;
}

export function DelegateTargetsForm({ status }: { status: TufStatus }) {
  const delegate = useTrustRootStore((s) => s.delegate);
  const [name, setName] = useState('');
  const [draft, setDraft] = useState<RoleKeysDraft>(() => emptyDraft(status.expiryDays.delegated));
  const [patterns, setPatterns] = useState('');
  const [terminating, setTerminating] = useState(false);
  const [tried, setTried] = useState(false);

  const existing = status.roles.filter((r) => r.kind === 'delegated').map((r) => r.role);
  const nameIssue = nameProblem(name, existing);
  const keyIssues = roleKeysProblems('delegated role', draft, false);
  const pathIssue = splitPatterns(patterns).length === 0 ? 'Give at least one path pattern, e.g. releases/* (one per line).' : undefined;
  const invalid = nameIssue !== undefined || pathIssue !== undefined || hasProblems(keyIssues);

  return (
    <form
      className="panel inset"
      aria-label="Delegate targets"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setTried(true);
        if (invalid) return focusFirstProblem(e.currentTarget);
        const ok = await delegate({ name: name.trim(), keys: toKeyInputs(draft.keys, false), threshold: draft.threshold, paths: splitPatterns(patterns), ...(terminating ? { terminating } : {}) });
        if (ok) {
          setName('');
          setDraft(emptyDraft(status.expiryDays.delegated));
          setPatterns('');
          setTerminating(false);
          setTried(false);
        }
      }}
    >
      <h3>Delegate targets</h3>
      <p className="muted">The targets role lists the new role with its keys and paths; the new role’s own metadata starts empty. Both are staged for signing.</p>
      <TextField id="tuf-delegate-name" label="Delegated role name" value={name} onChange={setName} placeholder="e.g. releases" error={tried ? nameIssue : undefined} />
      <RoleKeysFieldset idPrefix="tuf-delegate" role="delegated role" draft={draft} problems={keyIssues} showProblems={tried} withDays={false} onChange={setDraft} />
      <label className="field" htmlFor="tuf-delegate-paths">
        <span>Path patterns it may sign for (one per line, * matches within a path segment)</span>
        <textarea
          id="tuf-delegate-paths"
          rows={3}
          value={patterns}
          onChange={(e) => setPatterns(e.target.value)}
          placeholder="releases/*"
          aria-invalid={tried && pathIssue !== undefined}
          aria-describedby={tried && pathIssue ? 'tuf-delegate-paths-problem' : undefined}
        />
      </label>
      {tried && pathIssue && (
        <p id="tuf-delegate-paths-problem" className="problems" role="alert">
          {pathIssue}
        </p>
      )}
      <label className="radio" htmlFor="tuf-delegate-terminating">
        <input id="tuf-delegate-terminating" type="checkbox" checked={terminating} onChange={(e) => setTerminating(e.target.checked)} /> Terminating: clients look no further than this role for
        these paths
      </label>
      <button type="submit">Stage the delegation</button>
    </form>
  );
}
