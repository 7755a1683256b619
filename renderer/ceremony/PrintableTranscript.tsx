// The transcript as paper: every line, every output with its fingerprint, the digest, and a signature line for
// everyone who took part in any of its sessions (read from the transcript, not from this window's room
// checklist). The print stylesheet (@media print) shows only this.
import { useEffect, useRef } from 'react';
import type { CeremonyCertificateView, CeremonySessionState, CeremonyTranscriptView } from '../../app/contract';
import { participants, transcriptSessions } from './participants';
import { LineAction, timeOf } from './TranscriptView';

interface Props {
  session: CeremonySessionState;
  transcript: CeremonyTranscriptView;
  certificates: CeremonyCertificateView[];
  onClose(): void;
}

function OutputsTable({ transcript }: { transcript: CeremonyTranscriptView }) {
  const latest = new Map<string, { sha256: string; line: number }>();
  transcript.lines.forEach((l) => l.outputs.forEach((o) => latest.set(o.file, { sha256: o.sha256, line: l.seq })));
  const keys = transcript.lines.filter((l) => l.kind === 'step' && l.key);
  return (
    <>
      <h2>Keys</h2>
      <table className="table print-table">
        <thead>
          <tr>
            <th>Label</th>
            <th>Algorithm</th>
            <th>SHA-256 of the public key</th>
            <th>Words</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((l) => (
            <tr key={l.seq}>
              <td>{l.key!.label}</td>
              <td>{l.key!.algorithm}</td>
              <td>
                <code className="hash">{l.key!.spkiSha256}</code>
              </td>
              <td>{l.key!.words}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Output files</h2>
      <table className="table print-table">
        <thead>
          <tr>
            <th>File</th>
            <th>SHA-256</th>
            <th>Line</th>
          </tr>
        </thead>
        <tbody>
          {[...latest].map(([file, o]) => (
            <tr key={file}>
              <td>
                <code>{file}</code>
              </td>
              <td>
                <code className="hash">{o.sha256}</code>
              </td>
              <td>{o.line}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function PrintableTranscript({ session, transcript, certificates, onClose }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const sessions = transcriptSessions(transcript.lines);
  const signers = participants(transcript.lines);
  return (
    <div className="printable" data-testid="printable-transcript">
      <div className="row no-print print-toolbar">
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Back to the ceremony
        </button>
      </div>
      <h1 ref={heading} tabIndex={-1}>
        Ceremony transcript: {session.plan.title}
      </h1>
      <dl className="facts">
        <dt>Plan</dt>
        <dd>{session.plan.name}</dd>
        <dt>Directory</dt>
        <dd>
          <code>{session.dir}</code>
        </dd>
        <dt>Token</dt>
        <dd>{session.token}</dd>
        <dt>{sessions.length === 1 ? 'Session' : `Sessions (${sessions.length})`}</dt>
        <dd>
          <ul className="plain-list" data-testid="print-sessions">
            {sessions.map((s) => (
              <li key={s.line}>
                From line {s.line}: operator {s.operator ?? '(not recorded)'}; witnesses {s.witnesses.length ? s.witnesses.join(', ') : '(none recorded)'}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <h2>Transcript lines</h2>
      <table className="table print-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Time (UTC)</th>
            <th>Step</th>
            <th>What happened</th>
            <th>Outputs</th>
          </tr>
        </thead>
        <tbody>
          {transcript.lines.map((l, i) => (
            <tr key={l.seq}>
              <td>{l.seq}</td>
              <td className="nowrap">{timeOf(l.time)}</td>
              <td>{l.step ?? l.kind}</td>
              <td>
                <LineAction lines={transcript.lines} index={i} />
              </td>
              <td>{l.outputs.map((o) => o.file).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <OutputsTable transcript={transcript} />
      {certificates.length > 0 && <h2>Certificates</h2>}
      {certificates.length > 0 && <table className="table print-table">
        <thead>
          <tr>
            <th>File</th>
            <th>Subject / issuer</th>
            <th>Valid</th>
            <th>SHA-256 of the certificate</th>
          </tr>
        </thead>
        <tbody>
          {certificates.map((c) => (
            <tr key={c.file}>
              <td>
                <code>{c.file}</code>
              </td>
              <td>
                {c.subject}
                <div className="muted">issued by {c.issuer}</div>
              </td>
              <td className="nowrap">
                {timeOf(c.notBefore)} – {timeOf(c.notAfter)}
              </td>
              <td>
                <code className="hash">{c.fingerprint.sha256Hex}</code>
                <div>{c.fingerprint.words}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>}
      {session.result && (
        <div className="print-digest">
          <h2>Transcript digest (SHA-256 of the last line)</h2>
          <code className="digest-hex">{session.result.digest}</code>
          <div className="digest-words">{session.result.digestWords}</div>
        </div>
      )}
      <h2>Signatures</h2>
      <p>By signing, each person confirms that the digest above was read aloud and matches what they wrote down.</p>
      <div className="signature-lines">
        {signers.map((s) => (
          <div className="signature-line" key={s.name} data-testid="signature-line">
            <div className="signature-rule" />
            <div>
              {s.roles.join(' and ')}: {s.name} <span className="muted">(session{s.sessions.length === 1 ? '' : 's'} from line {s.sessions.join(', ')})</span> · date ____________
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
