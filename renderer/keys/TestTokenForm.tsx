// Creates a throwaway SoftHSM2 token for rehearsals: never one of the user's real tokens.
import { useState } from 'react';
import { SecretInput } from '../components/SecretInput';
import { useKeysStore } from './keys-store';

export function TestTokenForm() {
  const createTestToken = useKeysStore((s) => s.createTestToken);
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState('rehearsal');
  const [pin, setPin] = useState('');
  const [soPin, setSoPin] = useState('');
  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Create a rehearsal token…
      </button>
    );
  }
  return (
    <form
      className="panel inset"
      aria-label="Create a rehearsal token"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await createTestToken(label, pin, soPin);
        setPin('');
        setSoPin('');
        if (ok) setOpen(false);
      }}
    >
      <p className="muted">A SoftHSM2 token in its own directory, for rehearsals and tests. It is not a real HSM: never use it for production keys.</p>
      <label className="field" htmlFor="test-token-label">
        <span>Token label</span>
        <input id="test-token-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={32} />
      </label>
      <SecretInput id="test-token-pin" label="User PIN" value={pin} onChange={setPin} />
      <SecretInput id="test-token-so-pin" label="Security officer PIN" value={soPin} onChange={setSoPin} />
      <div className="row">
        <button type="submit">Create token</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
