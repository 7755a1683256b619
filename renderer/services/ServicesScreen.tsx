// The Services screen: start and stop the embedded private Sigstore, see its URLs, health and live counts, and
// rehearse: sign a file through it with the real client and see the bundle decoded and verified; and verify any
// bundle against the stack's trusted root or a trusted_root.json file.
import { useEffect } from 'react';
import { BusyStatus } from '../components/BusyStatus';
import { RehearsalResult } from './RehearsalResult';
import { RehearsePanel } from './RehearsePanel';
import { ServiceTable } from './ServiceTable';
import { StartPanel } from './StartPanel';
import { VerificationResult } from './VerificationResult';
import { VerifyPanel } from './VerifyPanel';
import { useServicesStore } from './services-store';
import { useAppStore } from '../shell/app-store';

export function ServicesScreen() {
  const status = useServicesStore((s) => s.status);
  const busy = useServicesStore((s) => s.busy);
  const rehearsal = useServicesStore((s) => s.rehearsal);
  const verification = useServicesStore((s) => s.verification);
  const refresh = useServicesStore((s) => s.refresh);
  const stop = useServicesStore((s) => s.stop);
  // The backend reports each service as it comes up; shown under the busy line so a slow start visibly moves.
  const progress = useAppStore((s) => (s.progress?.operation.startsWith('stack.') ? s.progress.message : null));

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 3000);
    return () => clearInterval(timer);
  }, [refresh]);

  return (
    <div className="screen">
      <h1>Services</h1>
      <BusyStatus busy={busy} testId="services-busy">
        {progress && <div className="muted">{progress}</div>}
      </BusyStatus>
      <section className="panel" aria-labelledby="stack-heading">
        <h2 id="stack-heading">Private Sigstore on this machine</h2>
        <p className="muted">Everything listens on 127.0.0.1 only. By default the services sign with rehearsal keys kept in the data directory; with ceremony keys they sign with your HSM keys and chains, as `rootsmith serve --tsa-key …` does.</p>
        {status?.running ? (
          <>
            <p>
              Running from <code>{status.dataDir}</code>{' '}
              <button type="button" className="secondary" onClick={() => void stop()}>
                Stop all
              </button>
            </p>
            <ServiceTable status={status} />
            {status.announced.tufRoot && (
              <p className="muted">
                Clients trust <code>{status.announced.tufRoot}</code> (initial TUF root) and fetch the trust root from <code>{status.announced.tuf}</code>.
              </p>
            )}
          </>
        ) : (
          <StartPanel />
        )}
      </section>
      {status?.running && (
        <section className="panel" aria-labelledby="rehearse-heading">
          <h2 id="rehearse-heading">Rehearsal</h2>
          <RehearsePanel />
          {rehearsal && <RehearsalResult r={rehearsal} />}
        </section>
      )}
      <section className="panel" aria-labelledby="verify-heading">
        <h2 id="verify-heading">Verify a signature</h2>
        <p className="muted">Checks a Sigstore bundle as a Sigstore client would, with the same code as `rootsmith verify`: the signature over the file, the certificate chain, the log entry, and who signed it.</p>
        <VerifyPanel />
        {verification && <VerificationResult v={verification} />}
      </section>
    </div>
  );
}
