// Pick two checkpoints from the history; the backend fetches the consistency proof and this window checks it,
// showing consistent / not consistent and every proof hash with what it did to the two roots.
import { useEffect, useState } from 'react';
import { HashText } from './HashText';
import { useLogStore } from './log-store';

export function ConsistencyCheck() {
  const info = useLogStore((s) => s.info);
  const checkpoints = useLogStore((s) => s.checkpoints);
  const outcome = useLogStore((s) => s.consistency);
  const run = useLogStore((s) => s.checkConsistency);
  const sizes = [...new Set(checkpoints.map((c) => c.treeSize))].filter((n) => n > 0).sort((a, b) => a - b);
  const [first, setFirst] = useState<number | null>(null);
  const [second, setSecond] = useState<number | null>(null);

  useEffect(() => {
    if (sizes.length === 0) return;
    if (first === null || !sizes.includes(first)) setFirst(sizes[0]!);
    if (second === null || !sizes.includes(second)) setSecond(sizes[sizes.length - 1]!);
  }, [sizes.join(','), first, second]);

  if (!info) return null;
  return (
    <section className="panel" aria-labelledby="consistency-heading">
      <h2 id="consistency-heading">Consistency between checkpoints</h2>
      {sizes.length < 2 && <p className="muted">Only one checkpoint seen so far: refresh later (or after new entries) to compare two.</p>}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (first !== null && second !== null) void run(Math.min(first, second), Math.max(first, second));
        }}
      >
        <SizeSelect id="cons-first" label="First checkpoint (size)" sizes={sizes} value={first} onChange={setFirst} />
        <SizeSelect id="cons-second" label="Second checkpoint (size)" sizes={sizes} value={second} onChange={setSecond} />
        <div className="field">
          <button type="submit" disabled={sizes.length === 0}>
            Check consistency
          </button>
        </div>
      </form>
      {outcome && (
        <div data-testid="consistency-result">
          <p className={`verdict ${outcome.check.ok ? 'ok' : 'bad'}`} role="status">
            {outcome.check.ok
              ? `consistent: the log of ${outcome.proof.secondSize.toLocaleString('en-US')} entries extends the log of ${outcome.proof.firstSize.toLocaleString('en-US')} (checked in this window)`
              : `NOT consistent: ${outcome.check.problem ?? 'the proof does not connect the two roots'}`}
          </p>
          <table className="table" aria-label="Consistency proof">
            <thead>
              <tr>
                <th>#</th>
                <th>Proof hash</th>
                <th>Role</th>
                <th>First tree root so far</th>
                <th>Second tree root so far</th>
              </tr>
            </thead>
            <tbody>
              {outcome.check.seedHex && (
                <tr>
                  <td>start</td>
                  <td>
                    <HashText hex={outcome.check.seedHex} />
                  </td>
                  <td>{outcome.check.seedHex === outcome.proof.firstRootHex ? 'the first root itself (its tree is complete)' : 'first hash of the proof'}</td>
                  <td>
                    <HashText hex={outcome.check.seedHex} />
                  </td>
                  <td>
                    <HashText hex={outcome.check.seedHex} />
                  </td>
                </tr>
              )}
              {outcome.check.steps.map((s, i) => (
                <tr key={i} data-testid="consistency-step">
                  <td>{i + 1}</td>
                  <td>
                    <HashText hex={s.siblingHex} />
                  </td>
                  <td>{s.side === 'left' ? 'left sibling: both trees' : 'right sibling: new entries only'}</td>
                  <td>
                    <HashText hex={s.oldRootHex} />
                  </td>
                  <td>
                    <HashText hex={s.newRootHex} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="fields">
            <dt>First checkpoint root</dt>
            <dd>
              <HashText hex={outcome.proof.firstRootHex} /> {outcome.check.computedOldRootHex === outcome.check.expectedOldRootHex ? <span className="badge ok">matches</span> : <span className="badge bad">differs</span>}
            </dd>
            <dt>Second checkpoint root</dt>
            <dd>
              <HashText hex={outcome.proof.secondRootHex} /> {outcome.check.computedNewRootHex === outcome.check.expectedNewRootHex ? <span className="badge ok">matches</span> : <span className="badge bad">differs</span>}
            </dd>
          </dl>
        </div>
      )}
    </section>
  );
}

function SizeSelect(props: { id: string; label: string; sizes: number[]; value: number | null; onChange(size: number): void }) {
  return (
    <label className="field" htmlFor={props.id}>
      <span>{props.label}</span>
      <select id={props.id} value={props.value ?? ''} onChange={(e) => props.onChange(Number(e.target.value))}>
        {props.sizes.map((s) => (
          <option key={s} value={s}>
            {s.toLocaleString('en-US')}
          </option>
        ))}
      </select>
    </label>
  );
}
