// Log in to the selected token. The PIN lives in this form only until it is submitted.
import { useState } from 'react';
import { DisabledReason } from '../components/DisabledReason';
import { SecretInput } from '../components/SecretInput';
import { useKeysStore } from './keys-store';

export function LoginForm({ token }: { token: string }) {
  const login = useKeysStore((s) => s.login);
  const [pin, setPin] = useState('');
  return (
    <form
      className="row"
      aria-label={`Log in to ${token}`}
      onSubmit={async (e) => {
        e.preventDefault();
        const value = pin;
        setPin('');
        await login(value);
      }}
    >
      <SecretInput id="login-pin" label={`User PIN for "${token}"`} value={pin} onChange={setPin} autoFocus />
      <button type="submit" disabled={pin.length === 0} aria-describedby="login-missing">
        Log in
      </button>
      <DisabledReason id="login-missing" reason={pin.length === 0 ? 'Enter the User PIN to log in.' : null} />
    </form>
  );
}
