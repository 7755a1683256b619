// A guided form to generate a key pair inside the token: label, curve, and what the token will enforce.
import { useState } from 'react';
import type { KeyCurve } from '../../app/contract';
import { DisabledReason } from '../components/DisabledReason';
import { useKeysStore } from './keys-store';

const curves: { value: KeyCurve; label: string; hint: string }[] = [
  { value: 'p384', label: 'ECDSA P-384', hint: 'recommended for root and intermediate CA keys' },
  { value: 'p256', label: 'ECDSA P-256', hint: 'TUF signing keys, logs, timestamp authority' },
  { value: 'ed25519', label: 'Ed25519', hint: 'only where the token supports EdDSA' },
];

export function GenerateKeyForm() {
  const generate = useKeysStore((s) => s.generate);
  const [label, setLabel] = useState('');
  const [curve, setCurve] = useState<KeyCurve>('p384');
  return (
    <form
      className="panel inset"
      aria-label="Generate a key"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await generate(label.trim(), curve)) setLabel('');
      }}
    >
      <h3>Generate a key pair</h3>
      <label className="field" htmlFor="key-label">
        <span>Key label</span>
        <input id="key-label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. root-ca-2026" />
      </label>
      <fieldset className="field">
        <legend>Algorithm</legend>
        {curves.map((c) => (
          <label key={c.value} className="radio">
            <input type="radio" name="curve" value={c.value} checked={curve === c.value} onChange={() => setCurve(c.value)} />
            {c.label} <span className="muted">— {c.hint}</span>
          </label>
        ))}
      </fieldset>
      <p className="muted">The private key is created inside the token as sensitive and non-extractable: it can sign, but it can never leave the device. An existing label or ID is never overwritten.</p>
      <button type="submit" disabled={label.trim().length === 0} aria-describedby="generate-missing">
        Generate inside the token
      </button>
      <DisabledReason id="generate-missing" reason={label.trim().length === 0 ? 'Give the key a label to generate it.' : null} />
    </form>
  );
}
