// The ceremony while it runs and after: the step waiting for the operator (or the PIN prompt), progress, the
// fingerprints to read aloud, the certificates decoded, the live transcript, and at the end the digest.
import type { CeremonySessionState } from '../../app/contract';
import { CertificateView } from './CertificateView';
import { DigestDisplay } from './DigestDisplay';
import { PinPrompt } from './PinPrompt';
import { ReadAloudFingerprints } from './ReadAloudFingerprints';
import { StepCard } from './StepCard';
import { StepProgress } from './StepProgress';
import { TranscriptView } from './TranscriptView';
import { useCeremonyStore } from './ceremony-store';

function SessionStatus({ session }: { session: CeremonySessionState }) {
  const verify = useCeremonyStore((s) => s.verify);
  const setStage = useCeremonyStore((s) => s.setStage);
  const start = useCeremonyStore((s) => s.start);
  const reset = useCeremonyStore((s) => s.reset);
  switch (session.status) {
    case 'awaiting-confirmation':
      return session.pending ? <StepCard pending={session.pending} /> : null;
    case 'awaiting-pin':
      return <PinPrompt token={session.token} {...(session.pinError ? { error: session.pinError } : {})} />;
    case 'running':
      return (
        <div className="step-card running" role="status" aria-live="polite" data-testid="step-running">
          <span className="spinner" aria-hidden="true" /> Working: {session.log[session.log.length - 1] ?? 'starting…'}
        </div>
      );
    case 'complete':
      return (
        <div className="ceremony-done" data-testid="ceremony-complete">
          <h2>The ceremony is complete</h2>
          {session.result && <DigestDisplay digest={session.result.digest} words={session.result.digestWords} />}
          {verify && (
            <p className={verify.ok ? 'verdict ok' : 'verdict bad'} data-testid="verify-verdict">
              {verify.ok
                ? `Transcript verified: ${verify.lines} lines chain correctly and all ${verify.outputs.length} output files match their recorded hashes.`
                : `Transcript does not verify: ${verify.problems.map((p) => p.message).join(' ')}`}
            </p>
          )}
          <div className="row">
            <button type="button" onClick={() => setStage('print')}>
              Print transcript…
            </button>
            <button type="button" className="secondary" onClick={reset}>
              New ceremony
            </button>
          </div>
        </div>
      );
    case 'failed':
    case 'cancelled':
      return (
        <div className="step-card stopped" role="alert" data-testid="ceremony-stopped">
          <h2>{session.status === 'cancelled' ? 'The ceremony was stopped' : 'The ceremony failed'}</h2>
          {session.error && (
            <p>
              <span className="error-code">{session.error.code}</span> {session.error.message}
            </p>
          )}
          <p className="muted">Everything done so far is on the transcript; starting again resumes at the first unfinished step.</p>
          <div className="row">
            <button type="button" onClick={() => void start()}>
              Start again (resume)
            </button>
            <button type="button" className="secondary" onClick={() => setStage('token')}>
              Back
            </button>
          </div>
        </div>
      );
  }
}

export function CeremonyRun() {
  const session = useCeremonyStore((s) => s.session);
  const working = useCeremonyStore((s) => s.working);
  const transcript = useCeremonyStore((s) => s.transcript);
  const certificates = useCeremonyStore((s) => s.certificates);
  const setStage = useCeremonyStore((s) => s.setStage);
  if (!session) {
    return working ? (
      <div className="busy" role="status">
        Starting the ceremony…
      </div>
    ) : (
      <section className="panel">
        <p>The ceremony did not start (see the message above).</p>
        <button type="button" className="secondary" onClick={() => setStage('token')}>
          Back
        </button>
      </section>
    );
  }
  return (
    <>
      <SessionStatus session={session} />
      <StepProgress session={session} />
      {transcript && <ReadAloudFingerprints lines={transcript.lines} />}
      {certificates.length > 0 && (
        <section className="panel" aria-labelledby="certificates-heading">
          <h2 id="certificates-heading">Certificates</h2>
          <div className="cert-grid">
            {certificates.map((c) => (
              <CertificateView key={c.file} cert={c} />
            ))}
          </div>
        </section>
      )}
      {transcript && <TranscriptView transcript={transcript} />}
    </>
  );
}
