// "Rehearse": pick a file and an identity; the backend signs it through the local stack and verifies it.
import { useState } from 'react';
import { useServicesStore } from './services-store';

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function RehearsePanel() {
  const rehearse = useServicesStore((s) => s.rehearse);
  const [file, setFile] = useState<File | null>(null);
  const [email, setEmail] = useState('alice@example.com');
  return (
    <form
      className="panel inset"
      aria-label="Rehearse"
      onSubmit={async (e) => {
        e.preventDefault();
        if (file) await rehearse(file.name, await readAsBase64(file), email.trim());
      }}
    >
      <h3>Rehearse a signature</h3>
      <label className="field" htmlFor="rehearse-file">
        <span>File to sign</span>
        <input id="rehearse-file" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <label className="field" htmlFor="rehearse-email">
        <span>Identity (email) the test OIDC issuer vouches for</span>
        <input id="rehearse-email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <button type="submit" disabled={!file || email.trim() === ''}>
        Sign and verify
      </button>
    </form>
  );
}
