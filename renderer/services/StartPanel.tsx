// Starting the stack: one click on rehearsal keys (the default), or the ceremony-keys form for HSM-backed services.
// While a start runs, the form is locked (a second start would be refused and the typed directory lost).
import { useState } from 'react';
import { CeremonyStartForm } from './CeremonyStartForm';
import { useServicesStore } from './services-store';

export function StartPanel() {
  const start = useServicesStore((s) => s.start);
  const busy = useServicesStore((s) => s.busy);
  const [dataDir, setDataDir] = useState('');
  const [ceremony, setCeremony] = useState(false);
  const starting = busy !== null;
  return (
    <>
      <form
        className="row"
        aria-busy={starting}
        onSubmit={(e) => {
          e.preventDefault();
          if (starting) return;
          void start(dataDir.trim() ? { dataDir: dataDir.trim() } : {});
        }}
      >
        <label className="field grow" htmlFor="stack-data-dir">
          <span>Data directory (empty: Rootsmith's own rehearsal directory)</span>
          <input id="stack-data-dir" value={dataDir} disabled={starting} onChange={(e) => setDataDir(e.target.value)} />
        </label>
        <button type="submit" disabled={starting}>
          {starting ? 'Starting…' : 'Start all services'}
        </button>
        <button type="button" className="secondary" aria-expanded={ceremony} disabled={starting} onClick={() => setCeremony((c) => !c)}>
          Use ceremony keys…
        </button>
      </form>
      {ceremony && <CeremonyStartForm dataDir={dataDir} />}
    </>
  );
}
