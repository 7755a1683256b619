// The embedded TSA in this backend: the Services stack's when the stack runs (no second TSA, no second root),
// else one started here (rehearsal identity, or a given key and chain); its URL, policy, chain and token count.
import { useEffect, useState } from 'react';
import { SecretInput } from '../components/SecretInput';
import { useTimestampsStore } from './timestamps-store';
import { utcTime } from '../components/utc-time';

function StartForm() {
  const start = useTimestampsStore((s) => s.start);
  const [key, setKey] = useState('');
  const [chainPath, setChainPath] = useState('');
  const [policy, setPolicy] = useState('');
  const [secret, setSecret] = useState('');
  const given = key.trim() !== '' || chainPath.trim() !== '';
  return (
    <form
      aria-label="Start the timestamp authority"
      onSubmit={async (e) => {
        e.preventDefault();
        await start({
          ...(given ? { key: key.trim(), chainPath: chainPath.trim() } : {}),
          ...(policy.trim() ? { policy: policy.trim() } : {}),
          ...(given && secret ? { secret } : {}),
        });
        setSecret('');
      }}
    >
      <p className="muted">With no key and chain, a rehearsal TSA (O=Rootsmith rehearsal) is made in the app's data directory on first start and reused after.</p>
      <details>
        <summary>Use a key and chain from a ceremony</summary>
        <label className="field" htmlFor="tsa-key">
          <span>Key (PKCS#11 URI or key file)</span>
          <input id="tsa-key" value={key} onChange={(e) => setKey(e.target.value)} placeholder="pkcs11:token=…;object=tsa-key" />
        </label>
        <label className="field" htmlFor="tsa-chain">
          <span>Chain file (PEM, leaf first)</span>
          <input id="tsa-chain" value={chainPath} onChange={(e) => setChainPath(e.target.value)} />
        </label>
        <label className="field" htmlFor="tsa-policy">
          <span>Policy OID (optional)</span>
          <input id="tsa-policy" value={policy} onChange={(e) => setPolicy(e.target.value)} placeholder="1.3.6.1.4.1.57264.2" />
        </label>
        <SecretInput id="tsa-secret" label="PIN or passphrase for the key" value={secret} onChange={setSecret} />
      </details>
      <button type="submit">Start the timestamp authority</button>
    </form>
  );
}

export function TsaPanel() {
  const status = useTimestampsStore((s) => s.status);
  const refresh = useTimestampsStore((s) => s.refresh);
  const stop = useTimestampsStore((s) => s.stop);
  const running = status?.running ?? false;
  const fromStack = status?.source === 'stack';

  useEffect(() => {
    void refresh();
    if (!running) return undefined;
    const timer = setInterval(() => void refresh(), 2000);
    return () => clearInterval(timer);
  }, [refresh, running]);

  return (
    <section className="panel" aria-labelledby="tsa-heading">
      <div className="panel-head">
        <h2 id="tsa-heading">{fromStack ? 'Timestamp authority of the Services stack' : 'Embedded timestamp authority'}</h2>
        {running && <span className="badge ok">running</span>}
      </div>
      {!status?.running ? (
        <StartForm />
      ) : (
        <>
          <dl className="facts">
            <dt>URL</dt>
            <dd>
              <code data-testid="tsa-url">{status.url}</code> <span className="muted">POST /api/v1/timestamp · GET /api/v1/timestamp/certchain</span>
            </dd>
            <dt>Tokens issued</dt>
            <dd className="big-number" data-testid="tsa-issued" aria-live="polite">
              {status.issued}
            </dd>
            <dt>Policy</dt>
            <dd>{status.policyOid}</dd>
            <dt>Key</dt>
            <dd>
              <code className="wrap">{status.keyRef}</code> {status.rehearsal && <span className="badge warn">rehearsal — not for production</span>}
            </dd>
          </dl>
          <h3>Certificate chain</h3>
          <ol className="chain" aria-label="TSA certificate chain">
            {status.chain.map((c, i) => (
              <li key={c.sha256Hex}>
                <strong>{c.subject}</strong> <span className="badge">{i === 0 ? 'TSA certificate' : i === status.chain.length - 1 ? 'root' : 'intermediate'}</span>
                <div className="muted">
                  issued by {c.issuer} · valid {utcTime(c.notBefore)} to {utcTime(c.notAfter)}
                </div>
                <div className="hash">SHA-256 {c.sha256Hex}</div>
              </li>
            ))}
          </ol>
          <details>
            <summary>Chain as PEM</summary>
            <pre>{status.chainPem}</pre>
          </details>
          {fromStack ? (
            <p className="muted" data-testid="tsa-from-stack">
              This is the TSA the Services stack runs; stamping below uses it by default. Stop it on the Services screen.
            </p>
          ) : (
            <button type="button" className="secondary" onClick={() => void stop()}>
              Stop the timestamp authority
            </button>
          )}
        </>
      )}
    </section>
  );
}
