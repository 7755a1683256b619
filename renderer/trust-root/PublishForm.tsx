// Publish once every threshold is met: the online keys sign snapshot and timestamp.
import { useCallback, useState } from 'react';
import type { TufSignerSpec } from '../../app/contract';
import { InlineError, inlineErrorId } from './InlineError';
import { SignerPicker } from './SignerPicker';
import { useTrustRootStore } from './trust-root-store';

export function PublishForm({ ready }: { ready: boolean }) {
  const publish = useTrustRootStore((s) => s.publish);
  const failed = useTrustRootStore((s) => s.actionError?.action === 'publish');
  const [snapshot, setSnapshot] = useState<TufSignerSpec | null>(null);
  const [timestamp, setTimestamp] = useState<TufSignerSpec | null>(null);
  const onSnapshot = useCallback((s: TufSignerSpec | null) => setSnapshot(s), []);
  const onTimestamp = useCallback((s: TufSignerSpec | null) => setTimestamp(s), []);
  return (
    <div>
      {!ready && <p className="muted">Publishing is possible once every threshold above is met.</p>}
      <div className="row">
        <div className="grow">
          <h4>Snapshot key</h4>
          <SignerPicker idPrefix="tuf-snapshot" onChange={onSnapshot} allowToken={false} />
        </div>
        <div className="grow">
          <h4>Timestamp key</h4>
          <SignerPicker idPrefix="tuf-timestamp" onChange={onTimestamp} allowToken={false} />
        </div>
      </div>
      <button type="button" disabled={!ready || !snapshot || !timestamp} aria-describedby={failed ? inlineErrorId('publish') : undefined} onClick={() => snapshot && timestamp && void publish(snapshot, timestamp)}>
        Publish
      </button>
      <InlineError action="publish" />
    </div>
  );
}
