// Starting the stack: one click on rehearsal keys (the default), or the ceremony-keys form for HSM-backed services.
import { useState } from 'react';
import { CeremonyStartForm } from './CeremonyStartForm';
import { useServicesStore } from './services-store';

export function StartPanel() {
  const start = useServicesStore((s) => s.start);
  const [dataDir, setDataDir] = useState('');
  const [ceremony, setCeremony] = useState(false);
  return (
    <>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void start(dataDir.trim() ? { dataDir: dataDir.trim() } : {});
        }}
      >
        <label className="field grow" htmlFor="stack-data-dir">
          <span>Data directory (empty: Rootsmith's own rehearsal directory)</span>
          <input id="stack-data-dir" value={dataDir} onChange={(e) => setDataDir(e.target.value)} />
        </label>
        <button type="submit">Start all services</button>
        <button type="button" className="secondary" aria-expanded={ceremony} onClick={() => setCeremony((c) => !c)}>
          Use ceremony keys…
        </button>
      </form>
      {ceremony && <CeremonyStartForm dataDir={dataDir} />}
    </>
  );
}
