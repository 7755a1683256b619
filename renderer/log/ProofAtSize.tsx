// The open entry's inclusion proof in the tree of a chosen earlier size, as `rootsmith log proof URL --index N
// --size S` gives it: made from the log's tiles, that tree's root proven consistent with the signed checkpoint by
// the backend (RFC 6962 2.1.2), and the path re-walked in this window (RFC 6962 2.1.1).
import { useEffect, useState } from 'react';
import { HashText } from './HashText';
import { useLogStore } from './log-store';

export function ProofAtSize({ index }: { index: number }) {
  const treeSize = useLogStore((s) => s.info?.treeSize ?? 0);
  const outcome = useLogStore((s) => s.pastProof);
  const proveAtSize = useLogStore((s) => s.proveAtSize);
  const [size, setSize] = useState(String(index + 1));
  useEffect(() => setSize(String(index + 1)), [index]);
  const n = Number(size);
  const valid = /^\d+$/.test(size.trim()) && n > index && n <= treeSize;
  return (
    <div data-testid="proof-at-size">
      <h3>Inclusion at an earlier tree size</h3>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void proveAtSize(n);
        }}
      >
        <label className="field" htmlFor="proof-at-size-input">
          <span>
            Tree size ({(index + 1).toLocaleString('en-US')} to {treeSize.toLocaleString('en-US')})
          </span>
          <input id="proof-at-size-input" type="number" min={index + 1} max={treeSize} value={size} onChange={(e) => setSize(e.target.value)} />
        </label>
        <button type="submit" className="secondary" disabled={!valid}>
          Prove inclusion at this size
        </button>
      </form>
      {outcome && outcome.proof.logIndex === index && (
        <>
          <p className={`verdict ${outcome.check.ok ? 'ok' : 'bad'}`} data-testid="proof-at-size-verdict" role="status">
            {outcome.check.ok
              ? `verified: entry #${index} is in the tree of ${outcome.proof.treeSize.toLocaleString('en-US')} (${outcome.check.steps.length} hashes, re-walked in this window), and that tree is consistent with the signed checkpoint of ${outcome.proof.checkpoint.size.toLocaleString('en-US')} (${outcome.proof.checkpoint.consistencyHashes.length} hashes, checked by the backend)`
              : `NOT verified: ${outcome.check.problem ?? 'the path does not reach the root of that tree'}`}
          </p>
          <dl className="fields">
            <dt>Leaf hash</dt>
            <dd>
              <HashText hex={outcome.proof.leafHash} label="Leaf hash" />
            </dd>
            <dt>Root at size {outcome.proof.treeSize.toLocaleString('en-US')}</dt>
            <dd>
              <HashText hex={outcome.proof.rootAtSize} label="Root at the chosen size" />
            </dd>
            <dt>Signed checkpoint root (size {outcome.proof.checkpoint.size.toLocaleString('en-US')})</dt>
            <dd>
              <HashText hex={outcome.proof.checkpoint.rootHash} label="Signed checkpoint root" />
            </dd>
          </dl>
          {outcome.proof.walk.steps.length > 0 && (
            <table className="table" aria-label="Inclusion proof at the chosen size">
              <thead>
                <tr>
                  <th>Step</th>
                  <th>Combines</th>
                  <th>Sibling</th>
                  <th>Result</th>
                </tr>
              </thead>
              <tbody>
                {outcome.proof.walk.steps.map((st) => (
                  <tr key={st.step} data-testid="proof-at-size-step">
                    <td>{st.step + 1}</td>
                    <td>
                      <code>{st.siblingSide === 'left' ? 'H(sibling ‖ node)' : 'H(node ‖ sibling)'}</code>
                    </td>
                    <td>
                      <HashText hex={st.sibling} label={`Sibling ${st.step + 1}`} />
                    </td>
                    <td>
                      <HashText hex={st.result} label={`Result ${st.step + 1}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
