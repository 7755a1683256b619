// An existing ceremony directory checked from the GUI, as `rootsmith ceremony verify DIR` does: the hash chain,
// every recorded output against its hash, completeness, the digest to compare with the signed printout, and the
// transcript decoded.
import { useState } from 'react';
import { DigestDisplay } from './DigestDisplay';
import { TranscriptView } from './TranscriptView';
import { useCeremonyStore } from './ceremony-store';

export function VerifyExisting() {
  const existing = useCeremonyStore((s) => s.existing);
  const verifyExisting = useCeremonyStore((s) => s.verifyExisting);
  const [dir, setDir] = useState('');
  const report = existing?.report;
  return (
    <section className="panel" aria-labelledby="verify-existing-heading" data-testid="verify-existing">
      <h2 id="verify-existing-heading">Check an existing ceremony directory</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void verifyExisting(dir.trim());
        }}
      >
        <label className="field grow" htmlFor="verify-existing-dir">
          <span>Ceremony directory (holding transcript.jsonl)</span>
          <input id="verify-existing-dir" value={dir} onChange={(e) => setDir(e.target.value)} spellCheck={false} />
        </label>
        <button type="submit" className="secondary" disabled={dir.trim() === ''}>
          Verify
        </button>
      </form>
      {report && (
        <div data-testid="verify-existing-result">
          <p className={report.ok ? 'verdict ok' : 'verdict bad'} data-testid="verify-existing-verdict">
            {report.ok
              ? `Verified: ${report.lines} lines chain correctly and all ${report.outputs.length} recorded output files match their hashes; the ceremony is ${report.complete ? 'complete' : 'not finished (it can be resumed)'}.`
              : 'This directory does not verify:'}
          </p>
          {!report.ok && (
            <ul className="problems">
              {report.problems.map((p) => (
                <li key={`${p.line}-${p.code}`}>
                  <span className="error-code">{p.code}</span> {p.line > 0 ? `line ${p.line}: ` : ''}
                  {p.message}
                </li>
              ))}
            </ul>
          )}
          {/* A digest is compared with the signed printout only when the directory verifies. */}
          {report.ok && report.digest && report.digestWords && <DigestDisplay digest={report.digest} words={report.digestWords} />}
          {report.signatures.map((s) => (
            <p key={s.line} className="muted">
              Line {s.line}: the digest is signed by the key “{s.keyLabel}”.
            </p>
          ))}
          {existing && existing.transcript.lines.length > 0 && <TranscriptView transcript={existing.transcript} />}
        </div>
      )}
    </section>
  );
}
