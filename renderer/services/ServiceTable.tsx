// The running services: URL, health, live counts and the keys they sign with, one row each.
import type { StackStatus } from '../../app/contract';
import { KeyUseCell } from './KeyUseCell';

const titles: Record<string, string> = {
  log: 'Transparency log (Rekor API)',
  tsa: 'Timestamp authority (RFC 3161)',
  ca: 'Certificate authority (Fulcio API)',
  oidc: 'Test OIDC issuer — rehearsals only',
  tuf: 'TUF mirror (trust root)',
};

function counts(stats: Record<string, number>): string {
  return Object.entries(stats)
    .map(([k, v]) => `${k.replace(/([A-Z])/g, ' $1').toLowerCase()}: ${v}`)
    .join(' · ');
}

export function ServiceTable({ status }: { status: StackStatus }) {
  return (
    <table className="table" aria-label="Services">
      <thead>
        <tr>
          <th>Service</th>
          <th>URL</th>
          <th>Health</th>
          <th>Live counts</th>
          <th>Keys</th>
        </tr>
      </thead>
      <tbody>
        {status.services.map((s) => (
          <tr key={s.name} data-testid={`service-${s.name}`}>
            <td>{titles[s.name] ?? s.name}</td>
            <td>
              <code>{s.url}</code>
            </td>
            <td>{s.healthy ? <span className="badge ok">up</span> : <span className="badge bad">not answering</span>}</td>
            <td className="muted">{counts(s.stats)}</td>
            <td>
              <KeyUseCell keys={s.keys} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
