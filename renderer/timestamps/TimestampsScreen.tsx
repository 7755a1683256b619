// The Timestamps area: the embedded RFC 3161 TSA, and tools to timestamp a file and verify a token.
import { BusyStatus } from '../components/BusyStatus';
import { StampTool } from './StampTool';
import { TsaPanel } from './TsaPanel';
import { VerifyTool } from './VerifyTool';
import { useTimestampsStore } from './timestamps-store';

export function TimestampsScreen() {
  const busy = useTimestampsStore((s) => s.busy);
  return (
    <div className="screen">
      <h1>Timestamps</h1>
      <BusyStatus busy={busy} />
      <TsaPanel />
      <StampTool />
      <VerifyTool />
    </div>
  );
}
