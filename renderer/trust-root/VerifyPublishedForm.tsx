// "Verify a published repository" (`rootsmith tuf verify` in the GUI): from a trusted root file obtained out of
// band, check a published directory or mirror URL as a client would, and show the report engine by engine.
import { useState } from 'react';
import { TextField } from '../components/TextField';
import { useTrustRootStore } from './trust-root-store';
import { VerifyReportView } from './VerifyReportView';

export function VerifyPublishedForm() {
  const verify = useTrustRootStore((s) => s.verify);
  const report = useTrustRootStore((s) => s.verifyReport);
  const openDir = useTrustRootStore((s) => s.status?.dir ?? null);
  const [root, setRoot] = useState('');
  const [repo, setRepo] = useState('');
  const [at, setAt] = useState('');
  const [tried, setTried] = useState(false);
  const rootIssue = root.trim() === '' ? 'Give the trusted root file (e.g. 1.root.json, obtained from its signers).' : undefined;
  const repoIssue = repo.trim() === '' ? 'Give the published directory or the mirror URL.' : undefined;
  return (
    <div>
      <form
        aria-label="Verify a published repository"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (rootIssue || repoIssue) return;
          void verify({ root: root.trim(), repo: repo.trim(), ...(at.trim() ? { at: at.trim() } : {}) });
        }}
      >
        <TextField id="tuf-verify-root" label="Trusted root file (a root.json you already trust)" value={root} onChange={setRoot} placeholder="/path/to/1.root.json" error={tried ? rootIssue : undefined} />
        <div className="row">
          <div className="grow">
            <TextField id="tuf-verify-repo" label="Published repository (directory or mirror URL)" value={repo} onChange={setRepo} placeholder="/path/to/trust-root or https://…" error={tried ? repoIssue : undefined} />
          </div>
          {openDir && (
            <button type="button" className="secondary" onClick={() => setRepo(openDir)}>
              Use the open repository
            </button>
          )}
        </div>
        <TextField id="tuf-verify-at" label="As of (UTC time, empty: now; the tuf-js client runs only for now)" value={at} onChange={setAt} placeholder="2026-12-01T00:00:00Z" />
        <button type="submit">Verify</button>
      </form>
      {report && <VerifyReportView report={report} />}
    </div>
  );
}
