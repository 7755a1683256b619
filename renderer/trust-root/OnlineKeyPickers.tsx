// The snapshot and timestamp key pickers that publishing and refreshing the online roles both need: the two keys
// as state, and the two pickers side by side (key files only: online keys are not HSM keys here).
import { useCallback, useState, type ReactNode } from 'react';
import type { TufSignerSpec } from '../../app/contract';
import { SignerPicker } from './SignerPicker';

export interface OnlineKeys {
  snapshot: TufSignerSpec | null;
  timestamp: TufSignerSpec | null;
  pickers: ReactNode;
}

export function useOnlineKeyPickers(idPrefix: string): OnlineKeys {
  const [snapshot, setSnapshot] = useState<TufSignerSpec | null>(null);
  const [timestamp, setTimestamp] = useState<TufSignerSpec | null>(null);
  const onSnapshot = useCallback((s: TufSignerSpec | null) => setSnapshot(s), []);
  const onTimestamp = useCallback((s: TufSignerSpec | null) => setTimestamp(s), []);
  const pickers = (
    <div className="row">
      <div className="grow">
        <h4>Snapshot key</h4>
        <SignerPicker idPrefix={`${idPrefix}-snapshot`} onChange={onSnapshot} allowToken={false} />
      </div>
      <div className="grow">
        <h4>Timestamp key</h4>
        <SignerPicker idPrefix={`${idPrefix}-timestamp`} onChange={onTimestamp} allowToken={false} />
      </div>
    </div>
  );
  return { snapshot, timestamp, pickers };
}
