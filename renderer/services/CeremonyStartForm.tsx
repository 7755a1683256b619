// "Start with ceremony keys": per service the key (picked from a logged-in token, or typed as a PKCS#11 URI or key
// file) and chain file, and the User PIN (or key file passphrase), which lives in this form only until it is
// submitted. A half-filled form asks before any service runs on a rehearsal key.
import { useState } from 'react';
import { ceremonyRequest, emptyCeremonyValues, needsPassphrase, rehearsalServices, validateCeremony, type CeremonyField, type CeremonyValues, type FieldErrors } from './ceremony-fields';
import { useServicesStore } from './services-store';
import { TextField } from '../components/TextField';
import { useLoggedInKeys } from '../components/use-logged-in-keys';
import { TokenKeyPicker } from './TokenKeyPicker';

const keyHint = 'pkcs11:token=…;object=…;type=private or a key file path';

export function CeremonyStartForm({ dataDir }: { dataDir: string }) {
  const start = useServicesStore((s) => s.start);
  const busy = useServicesStore((s) => s.busy);
  const { keys: tokenKeys, loaded } = useLoggedInKeys();
  const [values, setValues] = useState<CeremonyValues>(emptyCeremonyValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  /** The services about to run on rehearsal keys, while the person is asked to confirm. */
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const set = (name: CeremonyField, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setConfirming(null);
  };
  const field = (name: CeremonyField, label: string, placeholder?: string) => (
    <TextField
      id={`ceremony-${name}`}
      label={label}
      value={values[name]}
      error={errors[name]}
      {...(placeholder ? { placeholder } : {})}
      type={name === 'pin' || name === 'passphrase' ? 'password' : 'text'}
      onChange={(value) => set(name, value)}
    />
  );
  const keyField = (name: CeremonyField, label: string, what: string, p256Only = false) => (
    <>
      <TokenKeyPicker
        id={`ceremony-${name}-pick`}
        what={what}
        keys={tokenKeys}
        value={values[name]}
        onPick={(uri) => set(name, uri)}
        {...(p256Only ? { accept: (k) => k.key.algorithm === 'ecdsa-p256' } : {})}
      />
      {field(name, label, keyHint)}
    </>
  );
  const submit = async (confirmed: boolean) => {
    const found = validateCeremony(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const rehearsal = rehearsalServices(values);
    if (rehearsal.length > 0 && !confirmed) {
      setConfirming(rehearsal);
      return;
    }
    setConfirming(null);
    const request = ceremonyRequest(values, dataDir);
    // The secrets leave the form with this one request; a retry means typing them again.
    setValues((v) => ({ ...v, pin: '', passphrase: '' }));
    await start(request);
  };
  return (
    <form
      className="panel inset"
      aria-label="Start with ceremony keys"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(false);
      }}
    >
      <h3>Start with ceremony keys</h3>
      <p className="muted">Keys and chains come from a ceremony (e.g. the private-sigstore preset). Each key left empty runs on a rehearsal key; you are asked before that happens.</p>
      {loaded && tokenKeys.length === 0 && (
        <p className="muted" data-testid="no-token-keys">
          No token is logged in: log in on the Keys screen to pick its keys here, or type each key's PKCS#11 URI or file path.
        </p>
      )}
      <fieldset className="field">
        <legend>Transparency log</legend>
        {keyField('logKey', 'Log key (ECDSA P-256)', 'log key', true)}
      </fieldset>
      <fieldset className="field">
        <legend>Timestamp authority</legend>
        {keyField('tsaKey', 'TSA key', 'TSA key')}
        {field('tsaChain', 'TSA chain file', 'tsa-chain.pem, leaf first')}
        {field('tsaPolicy', 'TSA policy OID', '1.3.6.1.4.1.57264.2 (default)')}
      </fieldset>
      <fieldset className="field">
        <legend>Certificate authority</legend>
        {keyField('caKey', 'CA key', 'CA key')}
        {field('caChain', 'CA chain file', 'fulcio-chain.pem, issuing certificate first')}
        {keyField('ctlogKey', 'CT log key', 'CT log key')}
        {field('oidcIssuer', 'OIDC issuer to trust', 'default: the local test issuer (needed for rehearsals)')}
      </fieldset>
      {field('pin', 'User PIN')}
      {needsPassphrase(values) && field('passphrase', 'Key file passphrase')}
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      {confirming ? (
        <div className="confirm network-warning" role="alertdialog" aria-labelledby="rehearsal-confirm-title" data-testid="rehearsal-confirm">
          <p id="rehearsal-confirm-title">
            <strong>These services will run on rehearsal keys, not on ceremony keys:</strong>
          </p>
          <ul>
            {confirming.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <div className="row">
            <button type="button" disabled={busy !== null} onClick={() => void submit(true)}>
              Start anyway
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(null)}>
              Go back and fill them in
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" disabled={busy !== null}>
          Start with ceremony keys
        </button>
      )}
    </form>
  );
}
