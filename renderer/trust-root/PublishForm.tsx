// Publish once every threshold is met: the online keys sign snapshot and timestamp.
import { InlineError, inlineErrorId } from './InlineError';
import { useOnlineKeyPickers } from './OnlineKeyPickers';
import { useTrustRootStore } from './trust-root-store';

export function PublishForm({ ready }: { ready: boolean }) {
  const publish = useTrustRootStore((s) => s.publish);
  const failed = useTrustRootStore((s) => s.actionError?.action === 'publish');
  const { snapshot, timestamp, pickers } = useOnlineKeyPickers('tuf');
  return (
    <div>
      {!ready && <p className="muted">Publishing is possible once every threshold above is met.</p>}
      {pickers}
      <button type="button" disabled={!ready || !snapshot || !timestamp} aria-describedby={failed ? inlineErrorId('publish') : undefined} onClick={() => snapshot && timestamp && void publish(snapshot, timestamp)}>
        Publish
      </button>
      <InlineError action="publish" />
    </div>
  );
}
