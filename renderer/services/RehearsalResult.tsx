// A Sigstore bundle decoded for people: who signed, the certificate, the log entry and the timestamps. Shows a
// rehearsal's bundle (signed and verified here), and a bundle checked in "Verify a signature" under its own verdict.
import type { ReactNode } from 'react';
import type { DecodedBundle, RehearsalView } from '../../app/contract';
import { utcTime } from '../components/utc-time';

/** Hash names as people write them (the bundle's enum says SHA2_256). */
function hashName(algorithm: string): string {
  const m = /^SHA2_(\d+)$/i.exec(algorithm);
  return m ? `SHA-${m[1]}` : algorithm;
}

/** The bundle file's name for a download: the signed file's name plus Sigstore's usual suffix. */
function bundleFileName(fileName: string | undefined): string {
  return `${fileName ?? 'artifact'}.sigstore.json`;
}

interface Props {
  r: RehearsalView | DecodedBundle;
  /** Replaces the rehearsal's heading and note, e.g. with a verification verdict. */
  heading?: ReactNode;
  testId?: string;
  /** A bundle that was refused: framed as a failure, not in the green of a verified one. */
  refused?: boolean;
}

export function RehearsalResult({ r, heading, testId = 'rehearsal-result', refused = false }: Props) {
  const c = r.certificate;
  const rehearsal = 'verified' in r ? r : null;
  return (
    <div className={refused ? 'generated refused' : 'generated'} data-testid={testId}>
      {heading ??
        (rehearsal && (
          <>
            <h3>
              <span className="badge ok">Verified</span> {rehearsal.fileName} — signed by {rehearsal.verified.identity}, issuer {rehearsal.verified.issuer}
            </h3>
            <p className="muted">The real sigstore client signed it through the local CA, log and TSA, then verified the bundle with the trust root it fetched through TUF.</p>
          </>
        ))}
      {r.digest && (
        <p>
          Artifact {hashName(r.digest.algorithm)}: <code className="wrap">{r.digest.hex}</code>
        </p>
      )}
      {c && (
        <table className="table" aria-label="Signing certificate">
          <tbody>
            <tr>
              <th>Identity (SAN)</th>
              <td>{c.sans.map((s) => `${s.type}: ${s.value}`).join(', ')}</td>
            </tr>
            <tr>
              <th>OIDC issuer</th>
              <td>{c.oidcIssuer ?? '—'}</td>
            </tr>
            <tr>
              <th>Issued by</th>
              <td>{c.issuer}</td>
            </tr>
            <tr>
              <th>Valid</th>
              <td>
                {utcTime(c.notBefore)} → {utcTime(c.notAfter)}
              </td>
            </tr>
            <tr>
              <th>Key</th>
              <td>{c.keyDescription}</td>
            </tr>
            <tr>
              <th>Serial</th>
              <td>
                <code>{c.serialHex}</code>
              </td>
            </tr>
          </tbody>
        </table>
      )}
      {r.tlogEntries.map((t) => (
        <p key={t.logIndex}>
          Logged as entry <strong>{t.logIndex}</strong> ({t.kind} {t.version}) at {utcTime(t.integratedTime)}; {t.inclusionProof ? `inclusion proof in a tree of ${t.treeSize}` : 'no inclusion proof'}
          {t.inclusionPromise ? ', signed entry timestamp' : ''}.
        </p>
      ))}
      {r.timestamps.map((t) => (
        <p key={t.serialHex}>
          Timestamped at <strong>{utcTime(t.genTime)}</strong> (policy {t.policyOid}, serial <code>{t.serialHex}</code>).
        </p>
      ))}
      {rehearsal && (
        <p>
          <a href={`data:application/json;charset=utf-8,${encodeURIComponent(r.bundleJson)}`} download={bundleFileName(rehearsal.fileName)}>
            Save the bundle ({bundleFileName(rehearsal.fileName)})
          </a>
        </p>
      )}
      <details>
        <summary>Raw bundle (JSON)</summary>
        <pre>{r.bundleJson}</pre>
      </details>
    </div>
  );
}
