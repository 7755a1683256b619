// Reads a noun's usage text as structure: its verbs (and sub-verbs such as `tuf key add`), each verb's lines and
// flags. Drives `--help` for one verb, "did you mean --flag", and a noun verb that needs a sub-verb.
//
// A usage text is: a first line `rootsmith NOUN <verb> ...` (a noun with verbs) or `rootsmith NOUN ARGS...`;
// one line per verb indented by exactly two spaces (`  init DIR ...`, `  key add ROLE ...`), its continuation
// lines indented further, and notes that apply to every verb: at column 0 (`REF: ...`) or labelled
// (`  every verb: --timeout S`).

export interface VerbSection {
  /** ['init'] or, for a sub-verb, ['key', 'add']. */
  words: string[];
  lines: string[];
}

export interface UsageShape {
  header: string;
  hasVerbs: boolean;
  sections: VerbSection[];
  notes: string[];
}

const verbLine = /^ {2}([a-z][a-z0-9-]*)(?: ([a-z][a-z0-9-]*))?(?=\s|$)/;

export function usageShape(usage: string): UsageShape {
  const all = usage.split('\n');
  // The header is the first line and the lines continuing it (indented further than a verb).
  let n = 1;
  while (n < all.length && /^ {3,}\S/.test(all[n]!)) n++;
  const header = all.slice(0, n).join('\n');
  const lines = all.slice(n);
  const hasVerbs = (all[0] ?? '').includes('<verb>');
  const sections: VerbSection[] = [];
  const notes: string[] = [];
  // Where continuation lines go: the last verb's lines, or the notes.
  let current: string[] | undefined;
  for (const line of lines) {
    const m = hasVerbs ? verbLine.exec(line) : null;
    if (/^\S/.test(line) || /^ {2}[a-z][a-z0-9 -]*:\s/.test(line)) {
      // A note at column 0, or a labelled line such as "  every verb: --timeout S": it applies to every verb.
      notes.push(line);
      current = notes;
    } else if (m) {
      const section = { words: m[2] ? [m[1]!, m[2]] : [m[1]!], lines: [line] };
      sections.push(section);
      current = section.lines;
    } else if (/^ {3,}\S/.test(line) && current) current.push(line);
  }
  return { header, hasVerbs, sections, notes };
}

/** The leading words of args that name a verb of this noun (['key', 'add'], ['init']), or [] when none does. */
export function verbWords(shape: UsageShape, args: readonly string[]): string[] {
  const [a, b] = args;
  if (!shape.hasVerbs || a === undefined) return [];
  if (b !== undefined && shape.sections.some((s) => s.words[0] === a && s.words[1] === b)) return [a, b];
  return shape.sections.some((s) => s.words[0] === a) ? [a] : [];
}

function sectionsFor(shape: UsageShape, words: readonly string[]): VerbSection[] {
  if (words.length === 0) return [];
  return shape.sections.filter((s) => words.every((w, i) => s.words[i] === w));
}

/** Usage for what `args` names: one verb (or all sub-verbs of one), else the whole noun. */
export function helpText(usage: string, args: readonly string[]): string {
  const shape = usageShape(usage);
  const chosen = sectionsFor(shape, verbWords(shape, args));
  if (chosen.length === 0) return usage;
  return [shape.header, ...chosen.flatMap((s) => s.lines), ...shape.notes].join('\n');
}

/** The flags a verb's usage names (the noun's, when no verb is named), for "did you mean". */
export function flagsFor(usage: string, args: readonly string[]): string[] {
  const shape = usageShape(usage);
  const chosen = sectionsFor(shape, verbWords(shape, args));
  const text = chosen.length > 0 ? [...chosen.flatMap((s) => s.lines), ...shape.notes].join('\n') : usage;
  return [...new Set([...(text.match(/--[a-z][a-z0-9-]*/g) ?? []), '--json', '--help'])];
}

/**
 * When args name a verb that only exists with a sub-verb (`tuf key` of `tuf key add|remove`) but give no valid
 * sub-verb: the sub-verbs. Otherwise undefined.
 */
export function missingSubVerb(usage: string, args: readonly string[]): string[] | undefined {
  const shape = usageShape(usage);
  const [a, b] = args;
  if (!shape.hasVerbs || a === undefined) return undefined;
  const mine = shape.sections.filter((s) => s.words[0] === a);
  if (mine.length === 0 || mine.some((s) => s.words.length === 1)) return undefined;
  const subs = mine.map((s) => s.words[1]!);
  return b !== undefined && subs.includes(b) ? undefined : subs;
}

/** The number of single-character edits between two strings (Levenshtein). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The closest candidate within a few edits (about a third of the word, dashes aside), if there is one. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const bare = (w: string) => w.replace(/^-+/, '');
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(bare(word).length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(bare(word), bare(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
