// What is staged and waiting for signatures, role by role, with the hash of the exact bytes once requested.
import type { TufStagedChange } from '../../app/contract';
import { ChangeDiff } from './ChangeDiff';

export function StagedChanges({ staged }: { staged: TufStagedChange[] }) {
  if (staged.length === 0) return <p className="muted">Nothing staged: the published repository is current.</p>;
  return (
    <>
      {staged.map((c) => (
        <article key={c.role} className="panel inset" aria-label={`Staged ${c.role}`}>
          <h3>
            {c.role} v{c.version}
          </h3>
          {c.requestSha256 ? (
            <>
              <p className="muted">
                Bytes to sign: SHA-256 <code className="hash">{c.requestSha256}</code>
              </p>
              {c.requestFile && (
                <p data-testid="request-file">
                  Signing request: <code>{c.requestFile}</code> — give this file to each offline signer.
                </p>
              )}
            </>
          ) : (
            <p className="muted">No signing request written yet.</p>
          )}
          <ChangeDiff diff={c.diff} />
        </article>
      ))}
    </>
  );
}
