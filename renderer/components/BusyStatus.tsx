// What a screen is doing while a backend call runs, announced politely to screen readers; nothing when idle.
import type { ReactNode } from 'react';

export function BusyStatus({ busy, testId, children }: { busy: string | null; testId?: string; children?: ReactNode }) {
  if (!busy) return null;
  return (
    <div className="busy" role="status" aria-live="polite" data-testid={testId}>
      {busy}
      {children}
    </div>
  );
}
