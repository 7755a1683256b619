// A decoded timestamp token as a person reads it: when, under which policy, which serial, for which data, by whom.
import type { DecodedTimestampView } from '../../app/contract';
import { utcTime } from '../components/utc-time';

function accuracyText(a: { seconds: number; millis: number; micros: number } | undefined): string {
  if (!a) return 'not stated';
  const parts = [a.seconds && `${a.seconds} s`, a.millis && `${a.millis} ms`, a.micros && `${a.micros} µs`].filter(Boolean);
  return `± ${parts.join(' ')}`;
}

export function DecodedToken({ value, title }: { value: DecodedTimestampView; title: string }) {
  const t = value.token;
  return (
    <section className="token-view" aria-label={title} data-testid="decoded-token">
      <h3>
        {title} <span className={`badge ${value.status === 'granted' ? 'ok' : 'bad'}`}>{String(value.status)}</span>
      </h3>
      {!t ? (
        <p>
          No timestamp token: {value.failures.join(', ') || 'no failure named'} {value.statusStrings.join('; ')}
        </p>
      ) : (
        <dl className="facts">
          <dt>Time (genTime)</dt>
          <dd data-testid="token-gentime">{utcTime(t.genTime)}</dd>
          <dt>Accuracy</dt>
          <dd>{accuracyText(t.accuracy)}</dd>
          <dt>Policy</dt>
          <dd data-testid="token-policy">{t.policyOid}</dd>
          <dt>Serial number</dt>
          <dd className="hash" data-testid="token-serial">
            {t.serialHex}
          </dd>
          <dt>Message imprint</dt>
          <dd className="hash" data-testid="token-imprint">
            {t.imprint.algorithm} {t.imprint.hashHex}
          </dd>
          {t.nonceHex && (
            <>
              <dt>Nonce</dt>
              <dd className="hash">{t.nonceHex}</dd>
            </>
          )}
          <dt>Signed by</dt>
          <dd data-testid="token-signer">{t.signer?.subject ?? `${t.signerId.issuer ?? ''} serial ${t.signerId.serialHex ?? t.signerId.keyIdHex ?? ''} (certificate not in token)`}</dd>
          <dt>Signature</dt>
          <dd>
            {t.signatureAlgorithm} over {t.digestAlgorithm}
          </dd>
          <dt>Certificates in token</dt>
          <dd>{t.certificates.length === 0 ? 'none' : t.certificates.map((c) => c.subject).join(' · ')}</dd>
        </dl>
      )}
      <details>
        <summary>Raw decoded fields (JSON)</summary>
        <pre>{JSON.stringify(value, null, 2)}</pre>
      </details>
    </section>
  );
}
