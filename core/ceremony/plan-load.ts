// Reads a ceremony plan: YAML text -> strictly parsed Plan -> cross-step validation. Every problem is reported
// at once with the field it is about (details.field of the first, details.problems for all).
import fs from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { sha256, toHex } from '../bytes';
import { CeremonyError } from './errors';
import { planSchema, type Plan } from './plan-schema';
import { validatePlan, type PlanProblem } from './plan-validate';

export interface LoadedPlan {
  plan: Plan;
  /** SHA-256 of the plan file's bytes: recorded in the transcript so a resumed run proves it ran the same plan. */
  sha256: string;
  /** The file it was read from, when any. */
  file?: string;
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(plan)';
}

function fail(problems: PlanProblem[], source: string): never {
  const first = problems[0]!;
  const list = problems.slice(0, 8).map((p) => `${p.field}: ${p.message}`).join('; ');
  const more = problems.length > 8 ? ` (and ${problems.length - 8} more)` : '';
  throw new CeremonyError('PLAN_INVALID', `The ceremony plan ${source} is invalid: ${list}${more}`, { details: { field: first.field, problems } });
}

/** Parses and validates plan text; `now` is the reference time for validity checks. */
export function parsePlan(text: string, now: Date, source = '(text)'): LoadedPlan {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, lineCounter: new LineCounter() });
  if (doc.errors.length > 0) {
    // One problem per distinct message and place, with the line it is on (the yaml parser can report a single
    // unclosed flow map several times over).
    const seen = new Set<string>();
    const problems: PlanProblem[] = [];
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line;
      const text = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      if (seen.has(text)) continue;
      seen.add(text);
      problems.push({ field: '(yaml)', message: line !== undefined ? `line ${line}: ${text}` : text });
    }
    fail(problems, source);
  }
  const parsed = planSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    fail(
      parsed.error.issues.map((issue) => {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
        const field = fieldPath(keys.length > 0 ? [...issue.path, keys[0]!] : issue.path);
        if (keys.length > 0) return { field, message: `unknown field${keys.length > 1 ? 's' : ''} ${keys.join(', ')}` };
        return { field, message: issue.code === 'invalid_type' && issue.message.endsWith('received undefined') ? 'required field is missing' : issue.message };
      }),
      source,
    );
  }
  const problems = validatePlan(parsed.data, now);
  if (problems.length > 0) fail(problems, source);
  return { plan: parsed.data, sha256: toHex(sha256(new TextEncoder().encode(text))) };
}

export function loadPlanFile(file: string, now: Date): LoadedPlan {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CeremonyError('PLAN_NOT_FOUND', `Cannot read the ceremony plan ${file}.`, { cause: e, details: { file } });
  }
  return { ...parsePlan(text, now, file), file };
}
