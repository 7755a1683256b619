// The transcript as it grows: one row per line (time, what happened, step, files), the raw JSON a click away.
import { useState } from 'react';
import type { CeremonyTranscriptView, TranscriptLineView } from '../../app/contract';
import { startsSession } from './participants';

/** The one time format of the ceremony screens: "2026-11-27 17:33:15Z" (UTC, whole seconds). */
export function timeOf(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** Every ISO 8601 UTC time inside a sentence (step descriptions) in the same format as timeOf. */
export function timesIn(text: string): string {
  return text.replace(/(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z/g, '$1 $2Z');
}

/** Extra words under a line's action: who was there (on every line that opens a session), and how it was confirmed when that changed. */
export function lineNotes(lines: TranscriptLineView[], index: number): string[] {
  const l = lines[index]!;
  const notes: string[] = [];
  if (startsSession(lines, index)) {
    if (l.operator) notes.push(`Operator: ${l.operator}`);
    if (l.witnesses?.length) notes.push(`Witnesses: ${l.witnesses.join(', ')}`);
  }
  const previous = lines.slice(0, index).reverse().find((p) => p.confirmation !== undefined)?.confirmation;
  if (l.confirmation && l.confirmation !== previous) notes.push(`Confirmation: ${l.confirmation}`);
  return notes;
}

/** What a line did, with the notes (confirmations, keys found) a reader needs under it. */
export function LineAction({ lines, index }: { lines: TranscriptLineView[]; index: number }) {
  return (
    <>
      {lines[index]!.action}
      {lineNotes(lines, index).map((n) => (
        <div className="muted" key={n}>
          {n}
        </div>
      ))}
    </>
  );
}

export function TranscriptView({ transcript }: { transcript: CeremonyTranscriptView }) {
  const [raw, setRaw] = useState(false);
  return (
    <section className="panel" aria-labelledby="transcript-heading" data-testid="transcript">
      <div className="panel-head">
        <h2 id="transcript-heading">Transcript ({transcript.lines.length} lines)</h2>
        <button type="button" className="secondary" aria-pressed={raw} onClick={() => setRaw(!raw)}>
          {raw ? 'Show decoded' : 'Show raw JSON lines'}
        </button>
      </div>
      {!transcript.chainOk && <p className="problems">The transcript’s hash chain does not verify.</p>}
      {transcript.lines.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : raw ? (
        <pre className="transcript-raw" data-testid="transcript-raw">
          {transcript.lines.map((l) => l.raw).join('\n')}
        </pre>
      ) : (
        <table className="table transcript-table" aria-label="Transcript lines">
          <thead>
            <tr>
              <th>#</th>
              <th>Time (UTC)</th>
              <th>Kind</th>
              <th>Step</th>
              <th>What happened</th>
              <th>Outputs</th>
            </tr>
          </thead>
          <tbody>
            {transcript.lines.map((l, i) => (
              <tr key={l.seq} data-testid="transcript-line">
                <td>{l.seq}</td>
                <td className="nowrap">{timeOf(l.time)}</td>
                <td>
                  <span className="badge">{l.kind}</span>
                </td>
                <td>{l.step ?? ''}</td>
                <td>
                  <LineAction lines={transcript.lines} index={i} />
                </td>
                <td>
                  {l.outputs.map((o) => (
                    <div key={o.file}>
                      <code>{o.file}</code>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
