// "Start with ceremony keys": per service the key reference (PKCS#11 URI or key file) and chain file, and the
// token PIN (or key file passphrase), which lives in this form only until it is submitted.
import { useState } from 'react';
import { ceremonyRequest, emptyCeremonyValues, needsPassphrase, validateCeremony, type CeremonyField, type CeremonyValues, type FieldErrors } from './ceremony-fields';
import { useServicesStore } from './services-store';
import { TextField } from '../components/TextField';

const keyHint = 'pkcs11:token=…;object=…;type=private or a key file path';

export function CeremonyStartForm({ dataDir }: { dataDir: string }) {
  const start = useServicesStore((s) => s.start);
  const busy = useServicesStore((s) => s.busy);
  const [values, setValues] = useState<CeremonyValues>(emptyCeremonyValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const field = (name: CeremonyField, label: string, placeholder?: string) => (
    <TextField
      id={`ceremony-${name}`}
      label={label}
      value={values[name]}
      error={errors[name]}
      {...(placeholder ? { placeholder } : {})}
      type={name === 'pin' || name === 'passphrase' ? 'password' : 'text'}
      onChange={(value) => setValues((v) => ({ ...v, [name]: value }))}
    />
  );
  return (
    <form
      className="panel inset"
      aria-label="Start with ceremony keys"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const found = validateCeremony(values);
        setErrors(found);
        if (Object.keys(found).length > 0) return;
        const request = ceremonyRequest(values, dataDir);
        // The secrets leave the form with this one request; a retry means typing them again.
        setValues((v) => ({ ...v, pin: '', passphrase: '' }));
        await start(request);
      }}
    >
      <h3>Start with ceremony keys</h3>
      <p className="muted">Each key left empty runs on a rehearsal key. Keys and chains come from a ceremony (e.g. the private-sigstore preset).</p>
      <fieldset className="field">
        <legend>Transparency log</legend>
        {field('logKey', 'Log key (ECDSA P-256)', keyHint)}
      </fieldset>
      <fieldset className="field">
        <legend>Timestamp authority</legend>
        {field('tsaKey', 'TSA key', keyHint)}
        {field('tsaChain', 'TSA chain file', 'tsa-chain.pem, leaf first')}
        {field('tsaPolicy', 'TSA policy OID', '1.3.6.1.4.1.57264.2 (default)')}
      </fieldset>
      <fieldset className="field">
        <legend>Certificate authority</legend>
        {field('caKey', 'CA key', keyHint)}
        {field('caChain', 'CA chain file', 'fulcio-chain.pem, issuing certificate first')}
        {field('ctlogKey', 'CT log key', keyHint)}
        {field('oidcIssuer', 'OIDC issuer to trust', 'default: the local test issuer (needed for rehearsals)')}
      </fieldset>
      {field('pin', 'Token PIN')}
      {needsPassphrase(values) && field('passphrase', 'Key file passphrase')}
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" disabled={busy !== null}>
        Start with ceremony keys
      </button>
    </form>
  );
}
