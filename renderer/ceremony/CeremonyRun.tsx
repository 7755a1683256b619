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
      return <SessionStopped session={session} />;
  }
}

/**
 * The end of a session that did not complete. A refusal before the ceremony began (a key label taken, the PIN
 * prompt cancelled) recorded nothing and cannot be resumed as it is; a Stop is a pause, resumed by starting again.
 */
function SessionStopped({ session }: { session: CeremonySessionState }) {
  const transcript = useCeremonyStore((s) => s.transcript);
  const start = useCeremonyStore((s) => s.start);
  const newSitting = useCeremonyStore((s) => s.newSitting);
  const setStage = useCeremonyStore((s) => s.setStage);
  const began = (transcript?.lines.length ?? 0) > 0 && transcript?.dir === session.dir;
  const paused = session.status === 'cancelled';
  const stoppedAt = session.steps.find((s) => s.status === 'declined');
  if (!began) {
    return (
      <div className="step-card stopped" role="alert" data-testid="ceremony-stopped" data-began="false">
        <h2>The ceremony did not begin</h2>
        {session.error && (
          <p>
            <span className="error-code">{session.error.code}</span> {session.error.message}
          </p>
        )}
        <p className="muted">Nothing was recorded: the checks before the first step refused it. Fix what the message says (another token, or another plan), then start again.</p>
        <div className="row">
          <button type="button" className="secondary" onClick={() => setStage('token')}>
            Back to the token
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="step-card stopped" role="alert" data-testid="ceremony-stopped" data-began="true">
      <h2>{paused ? `The ceremony is paused${stoppedAt ? ` before “${stoppedAt.title}”` : ''}` : 'The ceremony failed'}</h2>
      {session.error && (paused ? <p>{session.error.message}</p> : (
        <p>
          <span className="error-code">{session.error.code}</span> {session.error.message}
        </p>
      ))}
      <p className="muted">
        Everything done so far is on the transcript. Start again with the same people to resume at the first unfinished step, or end this sitting: the next
        one lists who is in the room then, and the transcript keeps who was here now.
      </p>
      <div className="row">
        <button type="button" onClick={() => void start()}>
          Start again (resume)
        </button>
        <button type="button" className="secondary" onClick={newSitting}>
          End this sitting
        </button>
      </div>
    </div>
  );
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
