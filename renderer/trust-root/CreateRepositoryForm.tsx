// A guided "Create a repository" (`rootsmith tuf init` in the GUI): the directory, then for root, targets,
// snapshot and timestamp the keys, threshold and validity. Root v1 and targets v1 come out staged for signing.
import { useEffect, useRef, useState } from 'react';
import type { RequestOf } from '../../app/contract';
import { focusFirstProblem } from './focus-problem';
import { RoleKeysFieldset } from './RoleKeysFieldset';
import { emptyDraft, hasProblems, roleKeysProblems, toKeyInputs, type RoleKeysDraft } from './role-keys';
import { useTrustRootStore } from './trust-root-store';
import { TextField } from '../components/TextField';

type TopRole = 'root' | 'targets' | 'snapshot' | 'timestamp';
// Days start at core/tuf/expiry.ts DEFAULT_EXPIRY_DAYS (the renderer may not import core); the user can change them.
const ROLES: { role: TopRole; hint: string; days: number }[] = [
  { role: 'root', hint: 'offline keys that approve every other key', days: 365 },
  { role: 'targets', hint: 'offline keys that list the files clients trust', days: 365 },
  { role: 'snapshot', hint: 'online key, signs at every publish', days: 21 },
  { role: 'timestamp', hint: 'online key, re-signs often to prove freshness', days: 7 },
];
const ONLINE = new Set<TopRole>(['snapshot', 'timestamp']);

function dirProblem(dir: string): string | undefined {
  if (dir.trim() === '') return 'Give the directory for the new repository.';
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(dir.trim())) return 'Give an absolute path (e.g. /srv/trust-root).';
  return undefined;
}

export function CreateRepositoryForm({ onCreated, onCancel }: { onCreated(): void; onCancel?: () => void }) {
  const createRepository = useTrustRootStore((s) => s.createRepository);
  const createDir = useTrustRootStore((s) => s.createDir);
  const [dir, setDir] = useState(createDir ?? '');
  const formRef = useRef<HTMLFormElement>(null);
  // "Create a repository in this directory…" under the Open form fills the directory and brings the form into view.
  useEffect(() => {
    if (createDir === null) return;
    setDir(createDir);
    const input = formRef.current?.querySelector<HTMLInputElement>('#tuf-create-dir');
    input?.focus();
    input?.scrollIntoView({ block: 'center' });
  }, [createDir]);
  const [drafts, setDrafts] = useState<Record<TopRole, RoleKeysDraft>>(() => Object.fromEntries(ROLES.map((r) => [r.role, emptyDraft(r.days)])) as Record<TopRole, RoleKeysDraft>);
  const [tried, setTried] = useState(false);

  const problems = Object.fromEntries(ROLES.map(({ role }) => [role, roleKeysProblems(role, drafts[role])])) as Record<TopRole, ReturnType<typeof roleKeysProblems>>;
  const dirIssue = dirProblem(dir);
  const invalid = dirIssue !== undefined || ROLES.some(({ role }) => hasProblems(problems[role]));

  const request = (): RequestOf<'tuf', 'init'> => {
    const role = (r: TopRole) => ({ keys: toKeyInputs(drafts[r].keys, ONLINE.has(r)), threshold: drafts[r].threshold });
    return {
      dir: dir.trim(),
      root: role('root'),
      targets: role('targets'),
      snapshot: role('snapshot'),
      timestamp: role('timestamp'),
      expiryDays: { root: drafts.root.days, targets: drafts.targets.days, snapshot: drafts.snapshot.days, timestamp: drafts.timestamp.days },
    };
  };

  return (
    <form
      ref={formRef}
      className="panel"
      aria-labelledby="tuf-create-title"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setTried(true);
        if (invalid) return focusFirstProblem(e.currentTarget);
        if (await createRepository(request())) onCreated();
      }}
    >
      <div className="panel-head">
        <h2 id="tuf-create-title">Create a repository</h2>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Close
          </button>
        )}
      </div>
      <p className="muted">
        Nothing is signed here: root v1 and targets v1 are staged, and each holder signs them in a signing session. Only public keys are asked for.
      </p>
      <TextField
        id="tuf-create-dir"
        label="Directory for the new repository (must not hold a repository already)"
        value={dir}
        onChange={setDir}
        placeholder="/path/to/new-trust-root"
        error={tried ? dirIssue : undefined}
      />
      {ROLES.map(({ role, hint }) => (
        <RoleKeysFieldset
          key={role}
          idPrefix={`tuf-create-${role}`}
          role={role}
          hint={hint}
          draft={drafts[role]}
          problems={problems[role]}
          showProblems={tried}
          onChange={(d) => setDrafts((all) => ({ ...all, [role]: d }))}
        />
      ))}
      {tried && invalid && (
        <p className="problems" role="status">
          Fix the fields marked above, then create the repository.
        </p>
      )}
      <button type="submit">Create the repository</button>
    </form>
  );
}
