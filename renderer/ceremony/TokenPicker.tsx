// Where the keys live and where the files go: the PKCS#11 module and token (by default the one logged in on the
// Keys screen), the ceremony's output directory, and any files the plan takes as inputs. Before Start: each input
// parsed (subject and fingerprint for the witnesses), the directory's state (a folder of unrelated files needs
// an explicit yes), and the example subjects of a preset said plainly.
import { useEffect, useState } from 'react';
import type { InputCheck } from '../../app/contract';
import { Fingerprint } from '../components/Fingerprint';
import { useKeysStore } from '../keys/keys-store';
import { useCeremonyStore } from './ceremony-store';
import { ExampleSubjectsNotice } from './PlanView';
import { timeOf } from './TranscriptView';

/** What Start would read from one input: the certificate's names and fingerprint, or why it would refuse. */
function InputCheckView({ check }: { check: InputCheck }) {
  if (check.problem) {
    return (
      <p className="problems" role="alert" data-testid="input-check" data-input={check.name}>
        <span className="error-code">{check.problem.code}</span> {check.problem.message}
      </p>
    );
  }
  if (check.certificate) {
    const c = check.certificate;
    return (
      <div className="input-check" data-testid="input-check" data-input={check.name}>
        <p>
          Certificate for <strong data-field="subject">{c.subject}</strong>, issued by {c.issuer}, valid until {timeOf(c.notAfter)}. Read its SHA-256 aloud
          to the witnesses before Start:
        </p>
        <Fingerprint value={{ sha256Hex: c.sha256, words: '' }} large />
      </div>
    );
  }
  return check.fileSha256 ? (
    <p className="muted" data-testid="input-check" data-input={check.name}>
      SHA-256 of the file: <code className="hash">{check.fileSha256}</code>
    </p>
  ) : null;
}

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
  const check = useCeremonyStore((s) => s.check);
  const checkTarget = useCeremonyStore((s) => s.checkTarget);
  const allowUnrelated = useCeremonyStore((s) => s.allowUnrelatedFiles);
  const setAllowUnrelated = useCeremonyStore((s) => s.setAllowUnrelatedFiles);
  const roomReady = useCeremonyStore((s) => s.operator.trim() !== '' && s.witnesses.length > 0);
  const [modulePath, setModulePath] = useState(module);

  useEffect(() => {
    const timer = setTimeout(() => void checkTarget(), 250);
    return () => clearTimeout(timer);
  }, [plan, outDir, inputs, checkTarget]);

  useEffect(() => {
    const keys = useKeysStore.getState();
    setModulePath(keys.modulePath);
    void loadTokens(keys.modulePath, keys.selected ?? undefined);
  }, [loadTokens]);

  const chosen = tokens.find((t) => t.label === token);
  const missingInput = plan?.inputs.some((i) => (inputs[i.name] ?? '').trim() === '') ?? false;
  const inputProblem = check?.inputs.some((i) => i.problem) ?? true;
  const dirState = check?.dir.state;
  const dirOk = dirState === 'new' || dirState === 'empty' || dirState === 'resume' || dirState === 'complete' || (dirState === 'unrelated' && allowUnrelated);
  const ready = plan !== null && roomReady && token !== '' && outDir.trim() !== '' && !missingInput && !inputProblem && dirOk;
  // Said next to the disabled Start, so nobody has to guess what is missing.
  const waiting = [
    token === '' ? 'a token' : '',
    outDir.trim() === '' ? 'the output directory' : dirState === 'unrelated' && !allowUnrelated ? 'your yes to writing into that non-empty folder' : !dirOk && check ? 'another output directory' : '',
    missingInput ? 'every plan input' : inputProblem && check ? 'inputs that can be read' : '',
  ].filter(Boolean);

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
            : `“${chosen.label}” is not logged in: the ceremony asks for its PIN right after Start, before anything is recorded.`}
        </p>
      )}
      <label className="field" htmlFor="ceremony-out">
        <span>Output directory (on this machine; created if needed, resumed if it holds this plan’s transcript)</span>
        <input id="ceremony-out" value={outDir} onChange={(e) => setTarget({ outDir: e.target.value })} placeholder="/media/usb/ceremony-2026-01" spellCheck={false} />
      </label>
      {check && check.dir.state !== 'unset' && (
        <div data-testid="dir-check" data-state={check.dir.state}>
          {check.dir.state === 'unrelated' ? (
            <div className="network-warning" role="alert">
              <p>
                <strong>This folder is not empty.</strong> {check.dir.message} The ceremony would write its transcript and certificates among these files.
              </p>
              <label className="check-box">
                <input type="checkbox" checked={allowUnrelated} onChange={(e) => setAllowUnrelated(e.target.checked)} />
                Write the ceremony into this folder anyway
              </label>
            </div>
          ) : check.dir.state === 'other-plan' || check.dir.state === 'not-a-directory' ? (
            <p className="problems" role="alert">
              {check.dir.message}
            </p>
          ) : (
            <p className="muted">{check.dir.message}</p>
          )}
        </div>
      )}
      {plan && plan.inputs.length > 0 && (
        <fieldset className="field">
          <legend>Plan inputs</legend>
          {plan.inputs.map((i) => (
            <label className="field" htmlFor={`input-${i.name}`} key={i.name}>
              <span>
                {i.name}: {i.description}
              </span>
              <input id={`input-${i.name}`} value={inputs[i.name] ?? ''} onChange={(e) => setTarget({ inputs: { ...inputs, [i.name]: e.target.value } })} spellCheck={false} />
              {check?.inputs.filter((c) => c.name === i.name).map((c) => <InputCheckView key={c.name} check={c} />)}
            </label>
          ))}
        </fieldset>
      )}
      {plan && <ExampleSubjectsNotice subjects={plan.exampleSubjects} />}
      {!roomReady && (
        <p className="problems" role="alert">
          The room checklist is not complete: go back and list the operator and the witnesses present now.
        </p>
      )}
      <p className="muted">
        After Start, the token is opened (its PIN asked for unless it is logged in) and checked before anything is recorded: key labels the plan would
        create must be free, keys it uses must be there, imported certificates must match them. A refusal there leaves no transcript line.
      </p>
      <div className="row">
        <button type="button" className="secondary" onClick={() => setStage('room')}>
          Back
        </button>
        <button type="button" disabled={!ready} aria-describedby="start-waiting" onClick={() => void start()}>
          Start the ceremony
        </button>
        {!ready && waiting.length > 0 && (
          <span id="start-waiting" className="muted" data-testid="start-waiting">
            Start needs {waiting.join(', ')}.
          </span>
        )}
      </div>
    </section>
  );
}
