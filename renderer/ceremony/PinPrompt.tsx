// The token's PIN, asked for at the moment the ceremony first needs the token. It lives in this form only until
// it is submitted, and is cleared at once.
import { useState } from 'react';
import { SecretInput } from '../components/SecretInput';
import { useCeremonyStore } from './ceremony-store';

export function PinPrompt({ token, error }: { token: string; error?: { code: string; message: string } }) {
  const providePin = useCeremonyStore((s) => s.providePin);
  const cancel = useCeremonyStore((s) => s.cancel);
  const [pin, setPin] = useState('');
  return (
    <form
      className="step-card pin-prompt"
      aria-label="Token PIN"
      data-testid="pin-prompt"
      onSubmit={(e) => {
        e.preventDefault();
        const value = pin;
        setPin('');
        void providePin(value);
      }}
    >
      <h2>The ceremony needs the token “{token}”</h2>
      <p>Enter the user PIN. It is used to log in for this ceremony only and is never stored or recorded.</p>
      {error && (
        <p className="pin-error" role="alert">
          <span className="error-code">{error.code}</span> {error.message}
        </p>
      )}
      <SecretInput id="ceremony-pin" label={`User PIN for "${token}"`} value={pin} onChange={setPin} autoFocus />
      <div className="row">
        <button type="submit" disabled={pin.length < 4}>
          Log in and continue
        </button>
        <button type="button" className="secondary danger" onClick={() => void cancel()}>
          Stop the ceremony
        </button>
      </div>
    </form>
  );
}
