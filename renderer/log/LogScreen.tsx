// The Log explorer: connect to a log, see its checkpoints, browse and search entries, open one with its proof
// drawn and checked, and check consistency between two checkpoints.
import { BusyStatus } from '../components/BusyStatus';
import { CheckpointHistory } from './CheckpointHistory';
import { ConsistencyCheck } from './ConsistencyCheck';
import { EntryDetail } from './EntryDetail';
import { EntryList } from './EntryList';
import { EntrySearch } from './EntrySearch';
import { LogConnect } from './LogConnect';
import { useLogStore } from './log-store';

export function LogScreen() {
  const busy = useLogStore((s) => s.busy);
  const info = useLogStore((s) => s.info);
  return (
    <div className="screen">
      <h1>Log explorer</h1>
      <BusyStatus busy={busy} />
      <LogConnect />
      {info && (
        <>
          <CheckpointHistory />
          <section className="panel" aria-labelledby="entries-heading">
            <h2 id="entries-heading">Entries</h2>
            <EntryList />
          </section>
          <EntryDetail />
          <EntrySearch />
          <ConsistencyCheck />
        </>
      )}
    </div>
  );
}
