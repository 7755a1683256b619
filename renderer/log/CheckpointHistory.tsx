// The log's size and every checkpoint seen so far (this session, or recorded by `rootsmith log monitor`), newest first.
import { HashText } from './HashText';
import { useLogStore } from './log-store';
import { utcTime } from '../components/utc-time';

export function CheckpointHistory() {
  const info = useLogStore((s) => s.info);
  const checkpoints = useLogStore((s) => s.checkpoints);
  const refresh = useLogStore((s) => s.refresh);
  if (!info) return null;
  const sorted = [...checkpoints].sort((a, b) => b.treeSize - a.treeSize);
  return (
    <section className="panel" aria-labelledby="checkpoints-heading">
      <div className="panel-head">
        <h2 id="checkpoints-heading">Checkpoints</h2>
        <button type="button" className="secondary" onClick={() => void refresh()}>
          Refresh
        </button>
      </div>
      <p className="log-size">
        <span data-testid="log-size">{info.treeSize.toLocaleString('en-US')}</span> entries in <strong>{info.checkpoint.origin}</strong>
        {info.embedded && <span className="badge">embedded</span>}
      </p>
      <p>
        Root hash <HashText hex={info.rootHashHex} full label="Checkpoint root hash" />
      </p>
      <table className="table" aria-label="Checkpoint history">
        <thead>
          <tr>
            <th>Size</th>
            <th>Root hash</th>
            <th>Signature</th>
            <th>First seen</th>
            <th>Seen by</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((c) => (
            <tr key={`${c.treeSize}-${c.rootHashHex}`}>
              <td>{c.treeSize.toLocaleString('en-US')}</td>
              <td>
                <HashText hex={c.rootHashHex} full />
              </td>
              <td>
                <span className={`badge ${c.signature === 'valid' ? 'ok' : c.signature === 'invalid' ? 'bad' : ''}`}>{c.signature}</span>
              </td>
              <td>{utcTime(c.seenAt)}</td>
              <td>{c.source === 'monitor' ? 'the monitor (earlier)' : 'this session'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
