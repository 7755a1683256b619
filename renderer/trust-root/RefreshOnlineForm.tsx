// "Refresh the online roles" (`rootsmith tuf refresh-online` in the GUI): the online keys re-sign snapshot and
// timestamp with new expiry dates, so clients keep accepting the published repository (their freeze-attack checks).
import { InlineError, inlineErrorId } from './InlineError';
import { useOnlineKeyPickers } from './OnlineKeyPickers';
import { useTrustRootStore } from './trust-root-store';

export function RefreshOnlineForm() {
  const refreshOnline = useTrustRootStore((s) => s.refreshOnline);
  const refreshed = useTrustRootStore((s) => s.refreshed);
  const failed = useTrustRootStore((s) => s.actionError?.action === 'refresh');
  const { snapshot, timestamp, pickers } = useOnlineKeyPickers('tuf-refresh');
  return (
    <div>
      <p className="muted">Re-signs snapshot and timestamp with the online keys; nothing staged is published.</p>
      {pickers}
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
