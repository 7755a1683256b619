// Turns schema issues into one sentence a person can act on, naming each field once ("days must be at most
// 36500"), with Zod's default wording replaced by words and repeated issues (two checks, one rule) said once.

interface Issue {
  code?: string;
  path?: readonly PropertyKey[];
  message?: string;
  origin?: string;
  expected?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  inclusive?: boolean;
  values?: readonly unknown[];
  keys?: readonly string[];
  format?: string;
}

/** One problem: the field's path ('(request)' for the request as a whole) and what is wrong with it, as words. */
export interface IssueWords {
  field: string;
  text: string;
}

// Zod's own messages start like this; the schema's custom messages never do.
const zodDefault = /^(Too big|Too small|Invalid input|Invalid option|Invalid string|Invalid [a-z]+|Unrecognized keys?)\b/;

function listOf(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

function bound(issue: Issue, big: boolean): string {
  const n = String(big ? issue.maximum : issue.minimum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (!big && n === '1') return 'must not be empty';
      return `must be ${big ? 'at most' : 'at least'} ${n} characters long`;
    case 'array':
    case 'set':
      if (!big && n === '1') return 'needs at least one item';
      return `must have ${big ? 'at most' : 'at least'} ${n} items`;
    default:
      if (inclusive) return `must be ${big ? 'at most' : 'at least'} ${n}`;
      return `must be ${big ? 'below' : 'above'} ${n}`;
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** Words for one issue, from its code when the message is Zod's default. */
function issueText(issue: Issue, field: string): string {
  const message = issue.message ?? '';
  if (message && !zodDefault.test(message)) {
    // A schema message that names its own field ("chainPem has no PEM certificate") would say it twice.
    const last = field.split('.').pop() ?? '';
    return last && message.startsWith(`${last} `) ? message.slice(last.length + 1) : message;
  }
  switch (issue.code) {
    case 'too_big':
      return bound(issue, true);
    case 'too_small':
      return bound(issue, false);
    case 'invalid_type':
      if (/received undefined$/.test(message)) return 'is required';
      if (issue.expected === 'int') return 'must be a whole number';
      return issue.expected ? `must be ${article(issue.expected)}` : 'has the wrong type';
    case 'invalid_value':
      if (issue.values && issue.values.length === 1) return `must be ${listOf(issue.values)}`;
      return issue.values ? `must be one of ${listOf(issue.values)}` : 'is not one of the allowed values';
    case 'unrecognized_keys':
      return `has ${issue.keys && issue.keys.length === 1 ? 'an unknown field' : 'unknown fields'}: ${listOf(issue.keys ?? [])}`;
    case 'invalid_format':
      return issue.format && issue.format !== 'regex' ? `is not ${article(issue.format)}` : 'has the wrong format';
    default:
      return 'is not valid';
  }
}

/** "days must be at most 36500", or "key: key ID must be hex bytes" when the text is not a predicate. */
export function sayIssue(name: string, text: string): string {
  return /^(must|is|are|has|have|needs?|cannot|should|does|contains)\b/.test(text) ? `${name} ${text}` : `${name}: ${text}`;
}

export function issueWords(issues: readonly unknown[]): IssueWords[] {
  const out: IssueWords[] = [];
  for (const raw of issues) {
    const issue = raw as Issue;
    const field = (issue.path ?? []).map(String).join('.') || '(request)';
    const text = issueText(issue, field);
    if (!out.some((o) => o.field === field && o.text === text)) out.push({ field, text });
  }
  return out;
}

export function describeIssues(issues: readonly unknown[]): { message: string; fields: string[]; issues: IssueWords[] } {
  const words = issueWords(issues);
  const fields = [...new Set(words.map((w) => w.field))];
  const parts = words.map((w) => sayIssue(w.field === '(request)' ? 'the request' : w.field, w.text));
  return { message: `The request is not valid: ${parts.join('; ')}.`, fields, issues: words };
}
