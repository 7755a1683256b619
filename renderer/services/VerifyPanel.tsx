// "Verify a signature": a bundle, the artifact, who must have signed it (identity and issuer) and the trusted root
// (the running Services stack's, or a trusted_root.json file); the backend verifies it as a Sigstore client would.
import { useState } from 'react';
import type { RequestOf } from '../../app/contract';
import { DisabledReason } from '../components/DisabledReason';
import { readFileAsBase64 } from '../components/read-file';
import { TextField } from '../components/TextField';
import { useServicesStore } from './services-store';

/** Bundles may be large; the artifact goes as base64 and the contract takes at most 8 MiB of it. */
const MAX_ARTIFACT = 8 * 1024 * 1024;

type TrustChoice = 'stack' | 'file';

function missing(bundle: File | null, artifact: File | null, identity: string, issuer: string, trust: TrustChoice, rootFile: File | null): string | null {
  const needs = [
    !bundle && 'choose the bundle (.sigstore.json)',
    !artifact && 'choose the file that was signed',
    identity.trim() === '' && 'give the identity (email or URI) it must be signed by',
    issuer.trim() === '' && 'give the OIDC issuer that vouched for that identity',
    trust === 'file' && !rootFile && 'choose the trusted_root.json file',
  ].filter((x): x is string => Boolean(x));
  return needs.length ? `To verify, ${needs.join('; ')}.` : null;
}

export function VerifyPanel() {
  const status = useServicesStore((s) => s.status);
  const verifyBundle = useServicesStore((s) => s.verifyBundle);
  const stackRuns = Boolean(status?.running && status.announced.trustedRoot);
  const [bundle, setBundle] = useState<File | null>(null);
  const [artifact, setArtifact] = useState<File | null>(null);
  const [identity, setIdentity] = useState('');
  // Untouched, the issuer is the Services stack's test OIDC issuer (the one rehearsals sign with).
  const [issuer, setIssuer] = useState<string | null>(null);
  const issuerValue = issuer ?? status?.announced.oidc ?? '';
  // Unchosen, the trusted root is the running stack's; without a running stack, a file.
  const [choice, setChoice] = useState<TrustChoice | null>(null);
  const trust: TrustChoice = choice ?? (stackRuns ? 'stack' : 'file');
  const [rootFile, setRootFile] = useState<File | null>(null);
  const tooBig = artifact && artifact.size > MAX_ARTIFACT ? `${artifact.name} is larger than 8 MiB; verify it with \`rootsmith verify\`.` : null;
  const reason = tooBig ?? missing(bundle, artifact, identity, issuerValue, trust, rootFile);

  return (
    <form
      className="panel inset"
      aria-label="Verify a signature"
      onSubmit={async (e) => {
        e.preventDefault();
        if (reason || !bundle || !artifact) return;
        // The last verdict goes at once: it described other inputs, and must not stand while these are read.
        useServicesStore.setState({ verification: null });
        const trustedRoot: RequestOf<'bundle', 'verify'>['trustedRoot'] =
          trust === 'stack' || !rootFile ? { source: 'stack' } : { source: 'json', json: await rootFile.text() };
        await verifyBundle({
          bundleJson: await bundle.text(),
          artifactBase64: await readFileAsBase64(artifact),
          artifactName: artifact.name,
          identity: identity.trim(),
          issuer: issuerValue.trim(),
          trustedRoot,
        });
      }}
    >
      <label className="field" htmlFor="verify-bundle">
        <span>Bundle (.sigstore.json)</span>
        <input id="verify-bundle" type="file" accept=".json,application/json" onChange={(e) => setBundle(e.target.files?.[0] ?? null)} />
      </label>
      <label className="field" htmlFor="verify-artifact">
        <span>File that was signed</span>
        <input id="verify-artifact" type="file" onChange={(e) => setArtifact(e.target.files?.[0] ?? null)} />
      </label>
      <TextField id="verify-identity" label="Signed by (identity: email or URI)" value={identity} onChange={setIdentity} placeholder="alice@example.com" />
      <TextField id="verify-issuer" label="OIDC issuer that vouched for it" value={issuerValue} onChange={setIssuer} placeholder="https://issuer.example.com" />
      <fieldset>
        <legend>Trusted root</legend>
        <label className="radio">
          <input type="radio" name="verify-trust" checked={trust === 'stack'} disabled={!stackRuns} onChange={() => setChoice('stack')} /> The running Services stack&apos;s trusted root
          {!stackRuns && <span className="muted"> (the services are not running)</span>}
        </label>
        <label className="radio">
          <input type="radio" name="verify-trust" checked={trust === 'file'} onChange={() => setChoice('file')} /> A trusted_root.json file
        </label>
        {trust === 'file' && (
          <label className="field" htmlFor="verify-trusted-root">
            <span>trusted_root.json</span>
            <input id="verify-trusted-root" type="file" accept=".json,application/json" onChange={(e) => setRootFile(e.target.files?.[0] ?? null)} />
          </label>
        )}
      </fieldset>
      <button type="submit" disabled={reason !== null} aria-describedby="verify-bundle-missing">
        Verify signature
      </button>
      <DisabledReason id="verify-bundle-missing" reason={reason} />
    </form>
  );
}
