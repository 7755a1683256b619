// "Refresh the online roles" (`rootsmith tuf refresh-online` in the GUI): the online keys re-sign snapshot and
// timestamp with new expiry dates, so clients keep accepting the published repository (their freeze-attack checks).
import { useCallback, useState } from 'react';
import type { TufSignerSpec } from '../../app/contract';
import { InlineError, inlineErrorId } from './InlineError';
import { SignerPicker } from './SignerPicker';
import { useTrustRootStore } from './trust-root-store';

export function RefreshOnlineForm() {
  const refreshOnline = useTrustRootStore((s) => s.refreshOnline);
  const refreshed = useTrustRootStore((s) => s.refreshed);
  const failed = useTrustRootStore((s) => s.actionError?.action === 'refresh');
  const [snapshot, setSnapshot] = useState<TufSignerSpec | null>(null);
  const [timestamp, setTimestamp] = useState<TufSignerSpec | null>(null);
  const onSnapshot = useCallback((s: TufSignerSpec | null) => setSnapshot(s), []);
  const onTimestamp = useCallback((s: TufSignerSpec | null) => setTimestamp(s), []);
  return (
    <div>
      <p className="muted">Re-signs snapshot and timestamp with the online keys; nothing staged is published.</p>
      <div className="row">
        <div className="grow">
          <h4>Snapshot key</h4>
          <SignerPicker idPrefix="tuf-refresh-snapshot" onChange={onSnapshot} allowToken={false} />
        </div>
        <div className="grow">
          <h4>Timestamp key</h4>
          <SignerPicker idPrefix="tuf-refresh-timestamp" onChange={onTimestamp} allowToken={false} />
        </div>
      </div>
      <button type="button" disabled={!snapshot || !timestamp} aria-describedby={failed ? inlineErrorId('refresh') : undefined} onClick={() => snapshot && timestamp && void refreshOnline(snapshot, timestamp)}>
        Refresh snapshot and timestamp
      </button>
      <InlineError action="refresh" />
      {refreshed && (
        <div className="generated" role="status">
          Refreshed: {Object.entries(refreshed.versions).filter(([r]) => r === 'snapshot' || r === 'timestamp').map(([r, v]) => `${r} v${v}`).join(', ')}
        </div>
      )}
    </div>
  );
}
