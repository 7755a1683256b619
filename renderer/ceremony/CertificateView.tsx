// One certificate of the ceremony decoded: names, validity, serial, key, and the extensions that make it a CA
// (RFC 5280 4.2.1.2 SKI, 4.2.1.1 AKI, 4.2.1.3 key usage, 4.2.1.9 basic constraints, 4.2.1.12 EKU); PEM on demand.
import { useState } from 'react';
import type { CeremonyCertificateView } from '../../app/contract';
import { Fingerprint } from '../components/Fingerprint';
import { timeOf } from './TranscriptView';

const colons = (hex: string) => (hex.match(/.{1,2}/g) ?? []).join(':');
const crit = (critical: boolean) => (critical ? ' (critical)' : '');

export function CertificateView({ cert }: { cert: CeremonyCertificateView }) {
  const [pem, setPem] = useState(false);
  const rows: [string, string][] = [
    ['Subject', cert.subject],
    ['Issuer', cert.selfIssued ? `${cert.issuer} (self-issued)` : cert.issuer],
    ['Valid from', timeOf(cert.notBefore)],
    ['Valid until', timeOf(cert.notAfter)],
    ['Serial', colons(cert.serialHex)],
    ['Public key', cert.publicKey],
    ['Signature', cert.signatureAlgorithm],
  ];
  if (cert.basicConstraints) {
    const bc = cert.basicConstraints;
    rows.push(['Basic constraints', `${bc.ca ? 'CA' : 'not a CA'}${bc.pathLen !== undefined ? `, path length ${bc.pathLen}` : ''}${crit(bc.critical)}`]);
  }
  if (cert.keyUsage) rows.push(['Key usage', `${cert.keyUsage.usages.join(', ')}${crit(cert.keyUsage.critical)}`]);
  rows.push(['Extended key usage', cert.extKeyUsage ? `${cert.extKeyUsage.usages.map((u) => u.name).join(', ')}${crit(cert.extKeyUsage.critical)}` : 'none']);
  if (cert.subjectKeyIdHex) rows.push(['Subject key ID', colons(cert.subjectKeyIdHex)]);
  if (cert.authorityKeyIdHex) rows.push(['Authority key ID', colons(cert.authorityKeyIdHex)]);
  return (
    <article className="cert-view" aria-label={`Certificate ${cert.file}`} data-testid="certificate" data-file={cert.file}>
      <h3>
        {cert.file} <span className="muted">step {cert.step}</span>
      </h3>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div className="field-pair" key={k}>
            <dt>{k}</dt>
            <dd data-field={k}>{v}</dd>
          </div>
        ))}
      </dl>
      <Fingerprint value={cert.fingerprint} />
      <button type="button" className="link" aria-expanded={pem} onClick={() => setPem(!pem)}>
        {pem ? 'Hide PEM' : 'Show PEM'}
      </button>
      {pem && <pre>{cert.pem}</pre>}
    </article>
  );
}
