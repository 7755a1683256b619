// Where the keys live and where the files go: the PKCS#11 module and token (by default the one logged in on the
// Keys screen), the ceremony's output directory, and any files the plan takes as inputs.
import { useEffect, useState } from 'react';
import { useKeysStore } from '../keys/keys-store';
import { useCeremonyStore } from './ceremony-store';

export function TokenPicker() {
  const plan = useCeremonyStore((s) => s.plan);
  const module = useCeremonyStore((s) => s.module);
  const tokens = useCeremonyStore((s) => s.tokens);
  const token = useCeremonyStore((s) => s.token);
  const outDir = useCeremonyStore((s) => s.outDir);
  const inputs = useCeremonyStore((s) => s.inputs);
  const loadTokens = useCeremonyStore((s) => s.loadTokens);
  const setTarget = useCeremonyStore((s) => s.setTarget);
  const setStage = useCeremonyStore((s) => s.setStage);
  const start = useCeremonyStore((s) => s.start);
  const [modulePath, setModulePath] = useState(module);

  useEffect(() => {
    const keys = useKeysStore.getState();
    setModulePath(keys.modulePath);
    void loadTokens(keys.modulePath, keys.selected ?? undefined);
  }, [loadTokens]);

  const chosen = tokens.find((t) => t.label === token);
  const missingInput = plan?.inputs.some((i) => (inputs[i.name] ?? '').trim() === '') ?? false;
  const ready = plan !== null && token !== '' && outDir.trim() !== '' && !missingInput;

  return (
    <section className="panel" aria-labelledby="token-picker-heading">
      <h2 id="token-picker-heading">3. Choose the token and the output directory</h2>
      <form
        className="row"
        aria-label="PKCS#11 module"
        onSubmit={(e) => {
          e.preventDefault();
          void loadTokens(modulePath.trim());
        }}
      >
        <label className="field grow" htmlFor="ceremony-module">
          <span>PKCS#11 module</span>
          <input id="ceremony-module" value={modulePath} onChange={(e) => setModulePath(e.target.value)} spellCheck={false} />
        </label>
        <button type="submit" className="secondary">
          Load tokens
        </button>
      </form>
      <div className="field">
        <label htmlFor="ceremony-token">
          <span className="muted">Token</span>
        </label>
        <select id="ceremony-token" value={token} onChange={(e) => setTarget({ token: e.target.value })}>
          {tokens.length === 0 && <option value="">No initialised token in this module</option>}
          {tokens.map((t) => (
            <option key={t.slotId} value={t.label}>
              {t.label} — {t.manufacturer} {t.model}, serial {t.serial}
              {t.loggedIn ? ' (logged in)' : ''}
            </option>
          ))}
        </select>
      </div>
      {chosen && (
        <p className="muted" data-testid="token-note">
          {chosen.loggedIn
            ? `“${chosen.label}” is logged in on the Keys screen: the ceremony uses that session.`
            : `“${chosen.label}” is not logged in: the ceremony asks for its PIN when the first step needs the token.`}
        </p>
      )}
      <label className="field" htmlFor="ceremony-out">
        <span>Output directory (on this machine; created if needed, resumed if it holds this plan’s transcript)</span>
        <input id="ceremony-out" value={outDir} onChange={(e) => setTarget({ outDir: e.target.value })} placeholder="/media/usb/ceremony-2026-01" spellCheck={false} />
      </label>
      {plan && plan.inputs.length > 0 && (
        <fieldset className="field">
          <legend>Plan inputs</legend>
          {plan.inputs.map((i) => (
            <label className="field" htmlFor={`input-${i.name}`} key={i.name}>
              <span>
                {i.name}: {i.description}
              </span>
              <input id={`input-${i.name}`} value={inputs[i.name] ?? ''} onChange={(e) => setTarget({ inputs: { ...inputs, [i.name]: e.target.value } })} spellCheck={false} />
            </label>
          ))}
        </fieldset>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={() => setStage('room')}>
          Back
        </button>
        <button type="button" disabled={!ready} onClick={() => void start()}>
          Start the ceremony
        </button>
      </div>
    </section>
  );
}
