// Files a plan needs from outside the ceremony (a CSR, a previous ceremony's certificates): declared under
// `inputs:`, found relative to the plan file, or given as `--input name=path`.
import fs from 'node:fs';
import path from 'node:path';
import { CeremonyError } from './errors';
import type { Plan } from './plan-schema';

/** Absolute paths of every declared input; PLAN_INVALID (field `inputs.<name>`) when one is unknown or missing. */
export function resolveInputs(plan: Plan, planFile: string | undefined, given: Record<string, string>, cwd = process.cwd()): Record<string, string> {
  const declared = plan.inputs ?? {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(declared, name)) {
      throw new CeremonyError('PLAN_INVALID', `--input ${name}=... names no input of this plan (declared: ${Object.keys(declared).join(', ') || 'none'}).`, { details: { field: `inputs.${name}` } });
    }
  }
  const out: Record<string, string> = {};
  for (const [name, input] of Object.entries(declared)) {
    const file = given[name] !== undefined ? path.resolve(cwd, given[name]) : input.path !== undefined ? path.resolve(planFile ? path.dirname(planFile) : cwd, input.path) : undefined;
    if (file === undefined) {
      throw new CeremonyError('PLAN_INVALID', `The plan needs input "${name}" (${input.description}): pass --input ${name}=PATH.`, { details: { field: `inputs.${name}` } });
    }
    if (!fs.existsSync(file)) {
      throw new CeremonyError('PLAN_INVALID', `Input "${name}" (${input.description}) names ${file}, which does not exist.`, { details: { field: `inputs.${name}` } });
    }
    if (!fs.statSync(file).isFile()) {
      throw new CeremonyError('PLAN_INVALID', `Input "${name}" (${input.description}) names ${file}, which is a directory; a file was expected.`, { details: { field: `inputs.${name}` } });
    }
    out[name] = file;
  }
  return out;
}
