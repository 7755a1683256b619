// Choose the log to explore: a Rekor URL, or the embedded log this backend runs: the Services stack's log when
// the stack runs (stopped on the Services screen), else one started and stopped here.
import { useEffect, useState } from 'react';
import { useLogStore } from './log-store';

export function LogConnect() {
  const urlInput = useLogStore((s) => s.urlInput);
  const setUrlInput = useLogStore((s) => s.setUrlInput);
  const connect = useLogStore((s) => s.connect);
  const embedded = useLogStore((s) => s.embedded);
  const loadEmbeddedStatus = useLogStore((s) => s.loadEmbeddedStatus);
  const startEmbedded = useLogStore((s) => s.startEmbedded);
  const stopEmbedded = useLogStore((s) => s.stopEmbedded);
  const [dataDir, setDataDir] = useState('');
  const fromStack = embedded.running && embedded.source === 'stack';
  const embeddedName = fromStack ? 'the Services log' : 'the embedded log';

  useEffect(() => {
    void loadEmbeddedStatus();
  }, [loadEmbeddedStatus]);

  return (
    <section className="panel" aria-labelledby="log-connect-heading">
      <h2 id="log-connect-heading">Log</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void connect(urlInput.trim() || undefined);
        }}
      >
        <label className="field grow" htmlFor="log-url">
          <span>Log URL (Rekor v1 API); leave empty for {embedded.running ? `${embeddedName} at ${embedded.url ?? ''}` : 'the embedded log'}</span>
          <input id="log-url" value={urlInput} placeholder="http://127.0.0.1:3000" onChange={(e) => setUrlInput(e.target.value)} />
        </label>
        <div className="field">
          <button type="submit">Connect</button>
        </div>
      </form>
      <div className="row embedded-row">
        {embedded.running ? (
          <>
            <span className="badge ok">{fromStack ? 'Services log running' : 'embedded log running'}</span>
            <code>{embedded.url}</code>
            <button type="button" className="secondary" onClick={() => void connect()}>
              {fromStack ? 'Explore the Services log' : 'Explore the embedded log'}
            </button>
            {fromStack ? (
              <span className="muted">Part of the Services stack: stop it on the Services screen.</span>
            ) : (
              <button type="button" className="secondary" onClick={() => void stopEmbedded()}>
                Stop the embedded log
              </button>
            )}
          </>
        ) : (
          <>
            <label className="field grow" htmlFor="log-data-dir">
              <span>Data directory for the embedded log (optional)</span>
              <input id="log-data-dir" value={dataDir} onChange={(e) => setDataDir(e.target.value)} />
            </label>
            <div className="field">
              <button type="button" className="secondary" onClick={() => void startEmbedded(dataDir.trim() || undefined)}>
                Start the embedded log
              </button>
            </div>
          </>
        )}
      </div>
    </section>
  );
}
