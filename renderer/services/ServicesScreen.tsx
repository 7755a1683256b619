// The Services screen: start and stop the embedded private Sigstore, see its URLs, health and live counts, and
// rehearse: sign a file through it with the real client and see the bundle decoded and verified.
import { useEffect, useState } from 'react';
import { RehearsalResult } from './RehearsalResult';
import { RehearsePanel } from './RehearsePanel';
import { ServiceTable } from './ServiceTable';
import { useServicesStore } from './services-store';

export function ServicesScreen() {
  const status = useServicesStore((s) => s.status);
  const busy = useServicesStore((s) => s.busy);
  const rehearsal = useServicesStore((s) => s.rehearsal);
  const refresh = useServicesStore((s) => s.refresh);
  const start = useServicesStore((s) => s.start);
  const stop = useServicesStore((s) => s.stop);
  const [dataDir, setDataDir] = useState('');

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 3000);
    return () => clearInterval(timer);
  }, [refresh]);

  return (
    <div className="screen">
      <h1>Services</h1>
      {busy && (
        <div className="busy" role="status" aria-live="polite">
          {busy}
        </div>
      )}
      <section className="panel" aria-labelledby="stack-heading">
        <h2 id="stack-heading">Private Sigstore on this machine</h2>
        <p className="muted">For rehearsals: everything listens on 127.0.0.1 only, with rehearsal keys kept in the data directory. Run HSM-backed services with `rootsmith serve`.</p>
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
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              void start(dataDir.trim());
            }}
          >
            <label className="field grow" htmlFor="stack-data-dir">
              <span>Data directory (empty: Rootsmith's own rehearsal directory)</span>
              <input id="stack-data-dir" value={dataDir} onChange={(e) => setDataDir(e.target.value)} />
            </label>
            <button type="submit">Start all services</button>
          </form>
        )}
      </section>
      {status?.running && (
        <section className="panel" aria-labelledby="rehearse-heading">
          <h2 id="rehearse-heading">Rehearsal</h2>
          <RehearsePanel />
          {rehearsal && <RehearsalResult r={rehearsal} />}
        </section>
      )}
    </div>
  );
}
