// The inclusion proof drawn as the path of hashes from the leaf (bottom) to the root (top): each sibling on its
// side, each parent the renderer computed, and the computed root set against the checkpoint's root.
import { HashText } from './HashText';
import type { ProofVerdict } from './log-store';

export function ProofPath({ verdict, index }: { verdict: ProofVerdict; index: number }) {
  const { check } = verdict;
  const topDown = [...check.steps].reverse();
  const expected = verdict.checkpointRootHex ?? check.expectedRootHex;
  const rootsEqual = check.computedRootHex !== undefined && check.computedRootHex === expected;
  return (
    <div className="proof-path" data-testid="proof-path" role="group" aria-label="Inclusion proof path">
      <div className={`proof-roots ${rootsEqual ? 'ok' : 'bad'}`} data-testid="proof-roots">
        <div className="proof-node root">
          <span className="proof-label">Computed root (in this window)</span>
          {check.computedRootHex ? <HashText hex={check.computedRootHex} label="Computed root" /> : <span className="muted">not reached</span>}
        </div>
        <span className="proof-equals" aria-label={rootsEqual ? 'equal' : 'not equal'}>
          {rootsEqual ? '=' : '≠'}
        </span>
        <div className="proof-node checkpoint">
          <span className="proof-label">Checkpoint root{verdict.checkpointSize !== undefined ? ` (size ${verdict.checkpointSize.toLocaleString('en-US')})` : ''}</span>
          <HashText hex={expected} label="Checkpoint root" />
        </div>
      </div>
      <ol className="proof-steps" reversed>
        {topDown.map((s) => (
          <li key={s.level} className={`proof-step side-${s.side}`} data-testid="proof-step">
            <div className="proof-cell left">
              {s.side === 'left' && (
                <div className="proof-node sibling">
                  <span className="proof-label">left sibling</span>
                  <HashText hex={s.siblingHex} />
                  <span className="proof-arrow" aria-hidden="true">
                    ↗
                  </span>
                </div>
              )}
            </div>
            <div className="proof-cell center">
              <div className="proof-node parent">
                <span className="proof-label">level {s.level}: H({s.side === 'left' ? 'sibling ‖ below' : 'below ‖ sibling'})</span>
                <HashText hex={s.parentHex} />
              </div>
            </div>
            <div className="proof-cell right">
              {s.side === 'right' && (
                <div className="proof-node sibling">
                  <span className="proof-arrow" aria-hidden="true">
                    ↖
                  </span>
                  <span className="proof-label">right sibling</span>
                  <HashText hex={s.siblingHex} />
                </div>
              )}
            </div>
          </li>
        ))}
        <li className="proof-step leaf">
          <div className="proof-cell left" />
          <div className="proof-cell center">
            <div className="proof-node leaf-node">
              <span className="proof-label">leaf #{index}: SHA-256(0x00 ‖ body)</span>
              <HashText hex={check.leafHashHex} label="Leaf hash" />
            </div>
          </div>
          <div className="proof-cell right" />
        </li>
      </ol>
    </div>
  );
}
