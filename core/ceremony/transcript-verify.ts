// Recomputes a transcript's hash chain line by line and checks every output file it names against its hash.
// Any edited byte, reordered, inserted or removed line, or changed output is reported with its line number.
import fs from 'node:fs';
import path from 'node:path';
import { sha256, toHex } from '../bytes';
import { entryHash, GENESIS_PREV, serializeEntry, transcriptEntrySchema, type TranscriptEntry } from './transcript-entry';

export interface TranscriptProblem {
  line: number;
  code: 'TRANSCRIPT_CORRUPT' | 'OUTPUT_MISSING' | 'OUTPUT_MODIFIED';
  message: string;
}

export interface TranscriptCheck {
  ok: boolean;
  lines: number;
  /** Hash of the last line: the digest read aloud and signed at the end of the ceremony. */
  digest: string | null;
  entries: TranscriptEntry[];
  problems: TranscriptProblem[];
}

/** Parses and checks the chain of a transcript's text (no file checks). */
export function checkTranscriptText(text: string): TranscriptCheck {
  const problems: TranscriptProblem[] = [];
  const entries: TranscriptEntry[] = [];
  const rawLines = text.split('\n');
  if (rawLines[rawLines.length - 1] === '') rawLines.pop();
  else if (rawLines.length > 0) problems.push({ line: rawLines.length, code: 'TRANSCRIPT_CORRUPT', message: `Line ${rawLines.length} is not terminated: the transcript was cut short or edited.` });
  let prev = GENESIS_PREV;
  rawLines.forEach((raw, i) => {
    const line = i + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      problems.push({ line, code: 'TRANSCRIPT_CORRUPT', message: `Line ${line} is not valid JSON.` });
      prev = '';
      return;
    }
    const shaped = transcriptEntrySchema.safeParse(parsed);
    if (!shaped.success) {
      problems.push({ line, code: 'TRANSCRIPT_CORRUPT', message: `Line ${line} is not a transcript entry (${shaped.error.issues[0]?.path.join('.') || 'shape'}): it was edited.` });
      prev = '';
      return;
    }
    const entry = shaped.data as TranscriptEntry;
    if (serializeEntry(entry) !== raw) problems.push({ line, code: 'TRANSCRIPT_CORRUPT', message: `Line ${line} is not in canonical form: it was edited after it was written.` });
    const { hash, ...rest } = entry;
    if (entryHash(rest) !== hash) problems.push({ line, code: 'TRANSCRIPT_CORRUPT', message: `Line ${line}'s content does not match its hash: it was edited after it was written.` });
    if (entry.seq !== line) problems.push({ line, code: 'TRANSCRIPT_CORRUPT', message: `Line ${line} carries sequence number ${String(entry.seq)}: lines were removed, inserted or reordered.` });
    if (entry.prev !== prev) problems.push({ line, code: 'TRANSCRIPT_CORRUPT', message: `Line ${line} does not chain to line ${line - 1}: a line before it was changed, removed or inserted.` });
    prev = hash;
    entries.push(entry);
  });
  const last = entries[entries.length - 1];
  return { ok: problems.length === 0, lines: rawLines.length, digest: last ? last.hash : null, entries, problems };
}

/** Checks every output file `entries` record, relative to `dir`, against its latest recorded hash. */
export function checkOutputs(dir: string, entries: readonly TranscriptEntry[]): TranscriptProblem[] {
  const problems: TranscriptProblem[] = [];
  // The latest record of each output file wins: a resumed step may rewrite what an interrupted one began.
  const latest = new Map<string, { sha256: string; line: number }>();
  entries.forEach((e, i) => e.outputs?.forEach((o) => latest.set(o.file, { sha256: o.sha256, line: i + 1 })));
  for (const [name, { sha256: want, line }] of latest) {
    const p = path.resolve(dir, name);
    if (!p.startsWith(path.resolve(dir) + path.sep)) {
      problems.push({ line, code: 'TRANSCRIPT_CORRUPT', message: `Line ${line} names an output outside the ceremony directory: ${name}.` });
    } else if (!fs.existsSync(p)) {
      problems.push({ line, code: 'OUTPUT_MISSING', message: `Output ${name} (recorded on line ${line}) is missing.` });
    } else if (toHex(sha256(fs.readFileSync(p))) !== want) {
      problems.push({ line, code: 'OUTPUT_MODIFIED', message: `Output ${name} does not match the hash recorded on line ${line}: it was changed after the ceremony wrote it.` });
    }
  }
  return problems;
}

/** Checks the transcript at `file` and every output it records, relative to `dir`. */
export function verifyTranscriptFile(dir: string, file: string): TranscriptCheck {
  const check = checkTranscriptText(fs.readFileSync(path.join(dir, file), 'utf8'));
  check.problems.push(...checkOutputs(dir, check.entries));
  check.ok = check.problems.length === 0;
  return check;
}
