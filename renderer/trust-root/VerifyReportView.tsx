// A verification report as a reader checks it: the verdict, the root chain version by version, each role's
// signatures and expiry, the targets, what the tuf-js client did, and every failure with its engine and reason.
import type { TufSignatureCount, TufVerifyReport } from '../../app/contract';

const sigs = (c: TufSignatureCount | null) => (c ? `${c.valid} of ${c.threshold} needed${c.signedBy.length ? ` (${c.signedBy.join(', ')})` : ''}` : '—');
const mark = (ok: boolean) => <span className={`badge ${ok ? 'ok' : 'warn'}`}>{ok ? 'ok' : 'FAILED'}</span>;

export function VerifyReportView({ report: r }: { report: TufVerifyReport }) {
  const c = r.engines.tufJs;
  const badTargets = r.targets.filter((t) => !t.ok).length;
  return (
    <section className="panel inset" aria-label="Verification report">
      <p className={`verdict ${r.ok ? 'ok' : 'bad'}`} role="status">
        {r.ok ? 'Verified' : 'Verification FAILED'}: {r.repo} as of {r.at}
      </p>
      <h4>Root chain</h4>
      <table className="table" aria-label="Root chain">
        <tbody>
          {r.rootChain.versions.map((v) => (
            <tr key={v.version}>
              <td>root v{v.version}</td>
              <td>{mark(v.ok)}</td>
              <td>own keys: {sigs(v.bySelf)}</td>
              <td>{v.byPrevious ? `previous root's keys: ${sigs(v.byPrevious)}` : 'the trusted root you gave'}</td>
              <td>expires {v.expires}{v.errors.length > 0 ? ` — ${v.errors.join('; ')}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Roles</h4>
      <table className="table" aria-label="Role signatures">
        <tbody>
          {r.roles.map((x) => (
            <tr key={x.role}>
              <td>
                <strong>{x.role}</strong>
              </td>
              <td>{mark(x.ok)}</td>
              <td>v{x.version ?? '?'}</td>
              <td>signatures: {sigs(x.signatures)}</td>
              <td>expires {x.expires ?? '?'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {r.targets.length === 0
          ? 'Targets: none are listed.'
          : `Targets: ${r.targets.length - badTargets} of ${r.targets.length} match their length and hashes (${r.targets.map((t) => `${t.path}${t.ok ? '' : ' FAILED'}`).join(', ')}).`}
      </p>
      <p data-testid="tufjs-result">
        tuf-js client:{' '}
        {c.ran
          ? c.ok
            ? `updated to ${Object.entries(c.versions ?? {}).map(([k, v]) => `${k} v${v}`).join(', ')} and fetched ${c.targets?.length ?? 0} target${c.targets?.length === 1 ? '' : 's'}`
            : 'FAILED'
          : `not run (${c.reason ?? 'no reason given'})`}
      </p>
      {r.failures.length > 0 && (
        <>
          <h4>Failures</h4>
          <ul className="problems" aria-label="Verification failures">
            {r.failures.map((f, i) => (
              <li key={i}>
                [{f.engine}] <strong>{f.code}</strong>
                {f.role ? ` ${f.role}${f.version !== null ? ` v${f.version}` : ''}` : ''}: {f.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <details>
        <summary>Raw report (JSON)</summary>
        <pre>{JSON.stringify(r, null, 2)}</pre>
      </details>
    </section>
  );
}
