// The failure of one action (sign, publish, refresh) shown right under its button, with its code, where the eye
// already is; announced to screen readers. The button names it with aria-describedby={inlineErrorId(action)}.
import type { InlineAction } from './trust-root-store';
import { useTrustRootStore } from './trust-root-store';

export const inlineErrorId = (action: InlineAction) => `tuf-${action}-error`;

export function InlineError({ action }: { action: InlineAction }) {
  const failed = useTrustRootStore((s) => (s.actionError?.action === action ? s.actionError.error : null));
  if (!failed) return null;
  return (
    <p id={inlineErrorId(action)} className="problems" role="alert">
      <span className="error-code">{failed.code}</span> {failed.message}
    </p>
  );
}
