// One entry, decoded: what was signed, by whom (certificate subject, SAN, OIDC issuer, key), the signature,
// the backend's key checks, and the inclusion proof drawn and checked here. Raw JSON is one click away.
import { useState } from 'react';
import type { EntrySignatureView } from '../../app/contract';
import { HashText } from './HashText';
import { ProofAtSize } from './ProofAtSize';
import { ProofPath } from './ProofPath';
import { useLogStore } from './log-store';
import { utcTime } from '../components/utc-time';

function Check({ label, value }: { label: string; value: string }) {
  const cls = value === 'valid' ? 'ok' : value === 'invalid' ? 'bad' : 'warn';
  return (
    <span className={`badge ${cls}`}>
      {label}: {value}
    </span>
  );
}

function SignatureView({ sig, n }: { sig: EntrySignatureView; n: number }) {
  const cert = sig.certificate;
  return (
    <div className="panel inset">
      <h4>Signature {n}</h4>
      <dl className="fields">
        {cert && (
          <>
            <dt>Certificate subject</dt>
            <dd data-testid="cert-subject">{cert.subject || '(empty)'}</dd>
            <dt>Subject alternative names</dt>
            <dd data-testid="cert-san">{cert.san.length ? cert.san.join(', ') : '(none)'}</dd>
            <dt>OIDC issuer (extension)</dt>
            <dd data-testid="cert-oidc-issuer">{cert.oidcIssuer ?? '(none)'}</dd>
            <dt>Certificate issuer</dt>
            <dd>{cert.issuer}</dd>
            <dt>Valid</dt>
            <dd>
              {utcTime(cert.notBefore)} → {utcTime(cert.notAfter)}
            </dd>
          </>
        )}
        {sig.publicKeyAlgorithm && (
          <>
            <dt>Public key</dt>
            <dd data-testid="public-key">
              {sig.publicKeyAlgorithm}
              {sig.publicKeyFingerprintHex && (
                <>
                  {' '}
                  · SHA-256 <HashText hex={sig.publicKeyFingerprintHex} full label="Key hash" />
                </>
              )}
            </dd>
          </>
        )}
        <dt>Signature</dt>
        <dd>
          <code className="wrap" data-testid="signature">
            {sig.signatureBase64}
          </code>
        </dd>
      </dl>
      {(sig.certificatePem ?? sig.publicKeyPem) && (
        <details>
          <summary>{sig.certificatePem ? 'Certificate (PEM)' : 'Public key (PEM)'}</summary>
          <pre>{sig.certificatePem ?? sig.publicKeyPem}</pre>
        </details>
      )}
    </div>
  );
}

export function EntryDetail() {
  const detail = useLogStore((s) => s.detail);
  const verdict = useLogStore((s) => s.verdict);
  const closeDetail = useLogStore((s) => s.closeDetail);
  const [raw, setRaw] = useState(false);
  if (!detail) return null;
  const { body, verification } = detail;
  return (
    <section className="panel" aria-labelledby="entry-heading" data-testid="entry-detail">
      <div className="panel-head">
        <h2 id="entry-heading">Entry #{detail.index}</h2>
        <div className="row">
          <button type="button" className="secondary" aria-pressed={raw} onClick={() => setRaw(!raw)}>
            {raw ? 'Decoded view' : 'Raw JSON'}
          </button>
          <button type="button" className="secondary" onClick={closeDetail}>
            Close
          </button>
        </div>
      </div>
      {raw ? (
        <pre data-testid="entry-raw">{JSON.stringify(detail.raw, null, 2)}</pre>
      ) : (
        <>
          <dl className="fields">
            <dt>UUID</dt>
            <dd>
              <HashText hex={detail.uuid} full />
            </dd>
            <dt>Kind</dt>
            <dd>
              {body.kind} v{body.apiVersion}
            </dd>
            <dt>Integrated</dt>
            <dd>{utcTime(detail.integratedTime)}</dd>
            {body.digest && (
              <>
                <dt>{body.kind === 'dsse' ? 'Payload digest' : 'Artifact digest'}</dt>
                <dd>
                  {body.digest.algorithm}:<HashText hex={body.digest.hex} full />
                </dd>
              </>
            )}
            {body.envelopeDigestHex && (
              <>
                <dt>Envelope digest</dt>
                <dd>
                  <HashText hex={body.envelopeDigestHex} full />
                </dd>
              </>
            )}
            <dt>Log ID</dt>
            <dd>
              <HashText hex={detail.logIdHex} full label="Log ID" />
            </dd>
          </dl>
          <p className="checks">
            <Check label="Signed entry timestamp" value={verification.signedEntryTimestamp} />
            <Check label="Checkpoint signature" value={verification.checkpointSignature} />
            <Check label="Inclusion (backend)" value={verification.inclusion} />
          </p>
          {verification.problems.length > 0 && (
            <ul className="problems">
              {verification.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {body.signatures.map((s, i) => (
            <SignatureView key={i} sig={s} n={i + 1} />
          ))}
          <h3>Inclusion proof</h3>
          {verdict ? (
            <>
              <p className={`verdict ${verdict.verified ? 'ok' : 'bad'}`} data-testid="proof-verdict" role="status">
                {verdict.verified
                  ? `verified: the path from leaf #${detail.index} reaches the checkpoint’s root (${verdict.check.steps.length} hashes, checked in this window with SHA-256)`
                  : `NOT verified: ${verdict.check.problem ?? 'the proof does not match the checkpoint'}`}
              </p>
              <ProofPath verdict={verdict} index={detail.index} />
            </>
          ) : (
            <p className="muted">The log sent no inclusion proof with this entry.</p>
          )}
          <ProofAtSize index={detail.index} />
        </>
      )}
    </section>
  );
}
