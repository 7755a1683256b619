// A certificate checked against a Rootsmith profile from the GUI, as `rootsmith ceremony lint CERT --profile P
// [--issuer ISSUER]` does: each finding with its severity, rule and message, a pass/fail verdict, raw JSON a click away.
import { useState } from 'react';
import type { LintReport } from '../../app/contract';
import { useCeremonyStore } from './ceremony-store';

type ProfileName = LintReport['profile'];

/** One line per profile, from the profile definitions in core/pki/profiles (Fulcio certificate-specification, RFC 3161 2.3). */
const PROFILE_DESCRIPTIONS: Record<ProfileName, string> = {
  'root-ca': 'Root CA: self-signed, CA, keyCertSign + cRLSign only, no extended key usage.',
  'fulcio-intermediate': 'Fulcio intermediate: CA with pathlen 0, extended key usage exactly codeSigning, issued by the root.',
  'tsa-intermediate': 'TSA intermediate: CA with pathlen 0 for timestamping leaves, extended key usage timeStamping.',
  'tsa-leaf': 'TSA signing certificate (RFC 3161 2.3): not a CA, digitalSignature, critical extended key usage timeStamping only.',
  'fulcio-leaf': 'Fulcio issued certificate: empty subject, one critical SAN (email or URI), codeSigning, OIDC issuer.',
};
const PROFILES = Object.keys(PROFILE_DESCRIPTIONS) as ProfileName[];

export function LintCertificate() {
  const report = useCeremonyStore((s) => s.lint);
  const lintCertificate = useCeremonyStore((s) => s.lintCertificate);
  const [cert, setCert] = useState('');
  const [issuer, setIssuer] = useState('');
  const [profile, setProfile] = useState<ProfileName>('root-ca');
  const [raw, setRaw] = useState(false);
  const errors = report ? report.findings.filter((f) => f.severity === 'error').length : 0;
  const warnings = report ? report.findings.length - errors : 0;
  return (
    <section className="panel" aria-labelledby="lint-certificate-heading" data-testid="lint-certificate">
      <h2 id="lint-certificate-heading">Check a certificate against a profile</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void lintCertificate(cert.trim(), profile, issuer.trim());
        }}
      >
        <div className="row">
          <label className="field grow" htmlFor="lint-cert">
            <span>Certificate (PEM file)</span>
            <input id="lint-cert" value={cert} onChange={(e) => setCert(e.target.value)} spellCheck={false} />
          </label>
          <label className="field grow" htmlFor="lint-issuer">
            <span>Issuer certificate (optional: checks the authority key identifier and signature)</span>
            <input id="lint-issuer" value={issuer} onChange={(e) => setIssuer(e.target.value)} spellCheck={false} />
          </label>
        </div>
        <div className="row">
          <label className="field" htmlFor="lint-profile">
            <span>Profile</span>
            <select id="lint-profile" value={profile} onChange={(e) => setProfile(e.target.value as ProfileName)} aria-describedby="lint-profile-description">
              {PROFILES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <p className="muted grow" id="lint-profile-description" data-testid="lint-profile-description">
            {PROFILE_DESCRIPTIONS[profile]}
          </p>
          <button type="submit" className="secondary" disabled={cert.trim() === ''}>
            Check
          </button>
        </div>
      </form>
      {report && (
        <div data-testid="lint-result">
          <div className="panel-head">
            <p className={report.ok ? 'verdict ok' : 'verdict bad'} data-testid="lint-verdict" role="status">
              {report.ok
                ? `Passes the ${report.profile} profile${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}.`
                : `Does not pass the ${report.profile} profile: ${errors} error${errors === 1 ? '' : 's'}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.`}
            </p>
            <button type="button" className="secondary" aria-pressed={raw} onClick={() => setRaw(!raw)}>
              {raw ? 'Decoded view' : 'Raw JSON'}
            </button>
          </div>
          {raw ? (
            <pre data-testid="lint-raw">{JSON.stringify(report, null, 2)}</pre>
          ) : (
            report.findings.length > 0 && (
              <table className="table" aria-label="Lint findings">
                <thead>
                  <tr>
                    <th>Severity</th>
                    <th>Rule</th>
                    <th>Field</th>
                    <th>Finding</th>
                  </tr>
                </thead>
                <tbody>
                  {report.findings.map((f, i) => (
                    <tr key={`${f.rule}-${i}`} data-testid="lint-finding">
                      <td>
                        <span className={`badge ${f.severity === 'error' ? 'bad' : 'warn'}`}>{f.severity}</span>
                      </td>
                      <td>
                        <code>{f.rule}</code>
                      </td>
                      <td>{f.field}</td>
                      <td>
                        {f.message} <span className="muted">({f.source})</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          )}
        </div>
      )}
    </section>
  );
}
