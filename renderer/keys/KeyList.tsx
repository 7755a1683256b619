// The keys on the token, each with its PKCS#11 URI, protection flags and fingerprint.
import { Fingerprint } from '../components/Fingerprint';
import { useKeysStore } from './keys-store';

export function KeyList() {
  const keys = useKeysStore((s) => s.keys);
  if (keys.length === 0) return <p className="muted">No keys on this token yet.</p>;
  return (
    <ul className="key-list" aria-label="Keys">
      {keys.map((k) => (
        <li key={k.uri} className="key-card" data-testid="key-card">
          <div className="key-head">
            <strong>{k.label}</strong>
            <span className="badge">{k.algorithm}</span>
            {k.hasPrivateKey && (k.extractable === false && k.sensitive === true ? <span className="badge ok">non-extractable</span> : <span className="badge bad">private key may be extractable</span>)}
          </div>
          <code className="uri">{k.uri}</code>
          {k.fingerprint && <Fingerprint value={k.fingerprint} />}
          {k.publicKeyPem && (
            <details>
              <summary>Public key (PEM)</summary>
              <pre>{k.publicKeyPem}</pre>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
