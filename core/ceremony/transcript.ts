// The ceremony transcript file: append-only JSON lines, each fsynced before the step is considered done, so a
// crash loses nothing that was recorded. Opening an existing transcript verifies its chain first.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import { CeremonyError } from './errors';
import { GENESIS_PREV, sealEntry, serializeEntry, type TranscriptEntry, type TranscriptFields } from './transcript-entry';
import { checkTranscriptText } from './transcript-verify';

export class Transcript {
  private constructor(
    readonly file: string,
    private readonly clock: Clock,
    private readonly list: TranscriptEntry[],
  ) {}

  /** Opens `file` (creating it when absent); refuses a transcript whose chain does not verify. */
  static open(file: string, clock: Clock): Transcript {
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.closeSync(fs.openSync(file, 'wx', 0o644));
      return new Transcript(file, clock, []);
    }
    let text = fs.readFileSync(file, 'utf8');
    // A crash mid-append can leave a partial last line: it was never acknowledged, so it is dropped.
    if (text.length > 0 && !text.endsWith('\n')) {
      text = text.slice(0, text.lastIndexOf('\n') + 1);
      fs.truncateSync(file, Buffer.byteLength(text));
    }
    const check = checkTranscriptText(text);
    if (!check.ok) {
      const first = check.problems[0]!;
      throw new CeremonyError('TRANSCRIPT_CORRUPT', `The transcript ${file} does not verify: ${first.message}`, { details: { line: first.line } });
    }
    return new Transcript(file, clock, check.entries);
  }

  get entries(): readonly TranscriptEntry[] {
    return this.list;
  }

  /** Hash of the last line, or the genesis value for an empty transcript. */
  get head(): string {
    return this.list[this.list.length - 1]?.hash ?? GENESIS_PREV;
  }

  append(fields: TranscriptFields): TranscriptEntry {
    const entry = sealEntry(fields, this.list.length + 1, this.clock.now(), this.head);
    const line = serializeEntry(entry);
    // Canonical JSON (OLPC) escapes only '"' and '\\': a raw line break in a value would split the line and
    // corrupt the chain, so multi-line text (PEM) must be given as an array of lines.
    if (/[\r\n]/.test(line)) {
      throw new CeremonyError('STEP_FAILED', 'A transcript entry may not contain a line break in any value; give multi-line text as an array of lines.');
    }
    const fd = fs.openSync(this.file, 'a');
    try {
      fs.writeSync(fd, `${line}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.list.push(entry);
    return entry;
  }
}
