// A rehearsal's bundle, decoded and verified: who signed, the certificate, the log entry and the timestamps.
import type { RehearsalView } from '../../app/contract';

export function RehearsalResult({ r }: { r: RehearsalView }) {
  const c = r.certificate;
  return (
    <div className="generated" data-testid="rehearsal-result">
      <h3>
        <span className="badge ok">Verified</span> {r.fileName} — signed by {r.verified.identity}, issuer {r.verified.issuer}
      </h3>
      <p className="muted">The real sigstore client signed it through the local CA, log and TSA, then verified the bundle with the trust root it fetched through TUF.</p>
      {r.digest && (
        <p>
          Artifact {r.digest.algorithm}: <code>{r.digest.hex}</code>
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
                {c.notBefore} → {c.notAfter}
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
          Logged as entry <strong>{t.logIndex}</strong> ({t.kind} {t.version}) at {t.integratedTime}; {t.inclusionProof ? `inclusion proof in a tree of ${t.treeSize}` : 'no inclusion proof'}
          {t.inclusionPromise ? ', signed entry timestamp' : ''}.
        </p>
      ))}
      {r.timestamps.map((t) => (
        <p key={t.serialHex}>
          Timestamped at <strong>{t.genTime}</strong> (policy {t.policyOid}, serial <code>{t.serialHex}</code>).
        </p>
      ))}
      <details>
        <summary>Raw bundle (JSON)</summary>
        <pre>{r.bundleJson}</pre>
      </details>
    </div>
  );
}
