// Who took part in a ceremony, read from its transcript: every session (begin or resume) records its operator
// and witnesses on each line it writes, so the people of earlier sessions are never lost on a resumed ceremony.
import type { TranscriptLineView } from '../../app/contract';

export interface Participant {
  name: string;
  roles: ('Operator' | 'Witness')[];
  /** Transcript line numbers of the sessions in which this person took part. */
  sessions: number[];
}

export interface TranscriptSession {
  /** The line that opened the session (begin, or the first line a resumed run wrote). */
  line: number;
  operator?: string;
  witnesses: string[];
}

const peopleKey = (l: TranscriptLineView): string => JSON.stringify([l.operator ?? '', l.witnesses ?? []]);

/** Whether line `index` starts a session: the begin line, or the first line whose people differ from the line before. */
export function startsSession(lines: TranscriptLineView[], index: number): boolean {
  const l = lines[index]!;
  if (l.kind === 'begin') return true;
  if (l.operator === undefined && !l.witnesses?.length) return false;
  const before = lines.slice(0, index).reverse().find((p) => p.operator !== undefined || p.witnesses?.length);
  return before === undefined || peopleKey(before) !== peopleKey(l) || /^Ceremony resumed/.test(l.action);
}

export function transcriptSessions(lines: TranscriptLineView[]): TranscriptSession[] {
  return lines.flatMap((l, i) => (startsSession(lines, i) ? [{ line: l.seq, ...(l.operator !== undefined ? { operator: l.operator } : {}), witnesses: l.witnesses ?? [] }] : []));
}

/** Everyone who took part, in the order they first appear, each once with every role they had. */
export function participants(lines: TranscriptLineView[]): Participant[] {
  const byName = new Map<string, Participant>();
  const add = (name: string, role: 'Operator' | 'Witness', line: number) => {
    const p = byName.get(name) ?? { name, roles: [], sessions: [] };
    if (!p.roles.includes(role)) p.roles.push(role);
    if (!p.sessions.includes(line)) p.sessions.push(line);
    byName.set(name, p);
  };
  for (const s of transcriptSessions(lines)) {
    if (s.operator) add(s.operator, 'Operator', s.line);
    for (const w of s.witnesses) add(w, 'Witness', s.line);
  }
  return [...byName.values()];
}
