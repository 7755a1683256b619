// Turns schema issues into one sentence a person can act on, naming each field.

interface Issue {
  path?: readonly PropertyKey[];
  message?: string;
}

export function describeIssues(issues: readonly unknown[]): { message: string; fields: string[] } {
  const parts: string[] = [];
  const fields: string[] = [];
  for (const raw of issues) {
    const issue = raw as Issue;
    const field = (issue.path ?? []).map(String).join('.') || '(request)';
    fields.push(field);
    parts.push(`${field}: ${issue.message ?? 'invalid'}`);
  }
  return { message: `The request is not valid. ${parts.join('; ')}.`, fields };
}
