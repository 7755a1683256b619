// "Discard staged changes" (`rootsmith tuf discard` in the GUI): drops every staged role version, its signing
// request and the signatures gathered for it. Asks first, naming what is lost; the published repository is untouched.
import { useEffect, useRef, useState } from 'react';
import type { TufStagedChange } from '../../app/contract';
import { useTrustRootStore } from './trust-root-store';

export function DiscardStaged({ staged }: { staged: TufStagedChange[] }) {
  const discard = useTrustRootStore((s) => s.discard);
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  // Focus the safe choice, so a stray Enter keeps the changes.
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);
  if (staged.length === 0) return null;
  if (!asking) {
    return (
      <button type="button" className="secondary danger" onClick={() => setAsking(true)}>
        Discard staged changes…
      </button>
    );
  }
  const what = staged.map((c) => `${c.role} v${c.version}`).join(', ');
  return (
    <div className="panel inset" role="alertdialog" aria-labelledby="tuf-discard-title" aria-describedby="tuf-discard-text">
      <h3 id="tuf-discard-title">Discard the staged changes?</h3>
      <p id="tuf-discard-text">
        This drops {what}, their signing requests and every signature imported for them. Signers who still hold a request
        file can no longer have their signatures imported. The published repository does not change.
      </p>
      <div className="row">
        <button
          type="button"
          className="secondary danger"
          onClick={async () => {
            if (await discard()) setAsking(false);
          }}
        >
          Discard {what}
        </button>
        <button type="button" className="secondary" ref={keep} onClick={() => setAsking(false)}>
          Keep them
        </button>
      </div>
    </div>
  );
}
