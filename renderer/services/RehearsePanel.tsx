// "Rehearse": pick a file and an identity; the backend signs it through the local stack and verifies it.
import { useState } from 'react';
import { useServicesStore } from './services-store';
import { DisabledReason } from '../components/DisabledReason';
import { readFileAsBase64 } from '../components/read-file';

/** Said before anything is sent, in words, rather than the schema's "email: an email address". */
function emailIssue(email: string): string | null {
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254) return null;
  return `"${email}" is not an email address. The test OIDC issuer vouches for an email identity, such as alice@example.com.`;
}

export function RehearsePanel() {
  const rehearse = useServicesStore((s) => s.rehearse);
  const [file, setFile] = useState<File | null>(null);
  const [email, setEmail] = useState('alice@example.com');
  const [emailProblem, setEmailProblem] = useState<string | null>(null);
  return (
    <form
      className="panel inset"
      aria-label="Rehearse"
      onSubmit={async (e) => {
        e.preventDefault();
        const problem = emailIssue(email.trim());
        setEmailProblem(problem);
        if (problem) return;
        if (file) await rehearse(file.name, await readFileAsBase64(file), email.trim());
      }}
    >
      <h3>Rehearse a signature</h3>
      <label className="field" htmlFor="rehearse-file">
        <span>File to sign</span>
        <input id="rehearse-file" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <label className="field" htmlFor="rehearse-email">
        <span>Identity (email) the test OIDC issuer vouches for</span>
        <input
          id="rehearse-email"
          value={email}
          aria-invalid={emailProblem ? true : undefined}
          aria-describedby={emailProblem ? 'rehearse-email-error' : undefined}
          onChange={(e) => setEmail(e.target.value)}
        />
        {emailProblem && (
          <small id="rehearse-email-error" className="field-error" role="alert">
            {emailProblem}
          </small>
        )}
      </label>
      <button type="submit" disabled={!file || email.trim() === ''} aria-describedby="rehearse-missing">
        Sign and verify
      </button>
      <DisabledReason id="rehearse-missing" reason={!file ? 'Choose a file to sign.' : email.trim() === '' ? 'Give the identity (email) to sign as.' : null} />
    </form>
  );
}
