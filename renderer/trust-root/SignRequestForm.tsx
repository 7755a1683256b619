// The signer's view: open a signing request, read the change and the SHA-256 of the exact bytes, sign with a
// token key or a key file, then carry the signature file back (or import it here when this is the coordinator).
// Requests already written (also before this window opened) are listed with their files; a refused signature is
// explained next to the Sign button.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TufSignerSpec } from '../../app/contract';
import { ChangeDiff } from './ChangeDiff';
import { InlineError, inlineErrorId } from './InlineError';
import { SignerPicker } from './SignerPicker';
import { useTrustRootStore } from './trust-root-store';

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function SignRequestForm() {
  const staged = useTrustRootStore((s) => s.status?.staged);
  const signFailed = useTrustRootStore((s) => s.actionError?.action === 'sign');
  const review = useTrustRootStore((s) => s.review);
  const signed = useTrustRootStore((s) => s.signed);
  const status = useTrustRootStore((s) => s.status);
  const reviewRequest = useTrustRootStore((s) => s.reviewRequest);
  const sign = useTrustRootStore((s) => s.sign);
  const importSignatures = useTrustRootStore((s) => s.importSignatures);
  const [spec, setSpec] = useState<TufSignerSpec | null>(null);
  const onSigner = useCallback((s: TufSignerSpec | null) => setSpec(s), []);
  const allowed = useMemo(() => (review ? { role: review.role, keys: review.signers } : undefined), [review]);
  const requests = (staged ?? []).flatMap((c) => (c.requestFile ? [{ role: c.role, version: c.version, file: c.requestFile }] : []));
  const download = useMemo(() => (signed ? URL.createObjectURL(new Blob([signed.json], { type: 'application/json' })) : null), [signed]);
  useEffect(() => () => {
    if (download) URL.revokeObjectURL(download);
  }, [download]);

  return (
    <div>
      <div className="row">
        {requests.map((r) => (
          <button key={r.role} type="button" className="secondary" onClick={() => void reviewRequest({ requestFile: r.file })}>
            Review the {r.role} v{r.version} request
          </button>
        ))}
        <label className="field" htmlFor="tuf-request-file">
          <span>…or open a request file</span>
          <input
            id="tuf-request-file"
            type="file"
            accept=".json,application/json"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) await reviewRequest({ requestJson: await file.text() });
            }}
          />
        </label>
      </div>
      {review && (
        <section className="panel inset" aria-label="Request review">
          <h3>
            Approve {review.role} v{review.version}?
          </h3>
          <p>
            Bytes to sign: {review.payloadLength} bytes, SHA-256
            <br />
            <code className="hash big" data-testid="payload-sha256">
              {review.payloadSha256}
            </code>
          </p>
          <p className="muted">Compare this hash with the coordinator's before signing.</p>
          <ChangeDiff diff={review.diff} />
          <p>
            {review.thresholds.map((t) => (
              <span key={t.by} className="badge">
                {t.threshold} of {t.owners.join(', ')} ({t.by})
              </span>
            ))}
          </p>
          <SignerPicker idPrefix="tuf-sign" onChange={onSigner} {...(allowed ? { allowed } : {})} />
          <button type="button" disabled={!spec} aria-describedby={signFailed ? inlineErrorId('sign') : undefined} onClick={() => spec && void sign(spec)}>
            Sign {review.role} v{review.version}
          </button>
          <InlineError action="sign" />
        </section>
      )}
      {signed && (
        <div className="generated" role="status">
          Signed {signed.signature.role} v{signed.signature.version} as <strong>{signed.signer}</strong>.{' '}
          <a download={`${signed.signature.role}-v${signed.signature.version}-${signed.signer}.sig.json`} href={download ?? undefined}>
            Save the signature file
          </a>{' '}
          {status && (
            <button type="button" className="secondary" onClick={() => void importSignatures([{ name: `signature by ${signed.signer}`, contentBase64: toBase64(signed.json) }])}>
              Import into this repository
            </button>
          )}
        </div>
      )}
    </div>
  );
}
