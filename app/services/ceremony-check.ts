// What a ceremony's Start would meet, checked before it begins: each plan input parsed as the import step will
// parse it (core readImportedCertificate), and the output directory's state (new, this plan's transcript, or
// unrelated files that Start refuses unless the operator confirms). Names print in RFC 4514 string order.
import fs from 'node:fs';
import path from 'node:path';
import { sha256, toHex } from '../../core/bytes';
import { systemClock } from '../../core/clock';
import { errorInfo, RootsmithError } from '../../core/errors';
import { CeremonyError, resolveInputs, TRANSCRIPT_FILE, type LoadedPlan } from '../../core/ceremony';
import { readImportedCertificate } from '../../core/ceremony/steps/import-certificate';
import type { StepEnv } from '../../core/ceremony/steps/types';
import { nameAttributes, viewCertificate } from '../../core/pki';
import type { CeremonyCheck, DirState, InputCheck } from '../contract/ceremony';

export class CeremonyStartError extends RootsmithError<'DIR_NOT_EMPTY' | 'INPUT_INVALID'> {}

const SHORT: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C' };

/** A DER Name as an RFC 4514 string: the last RDN of the encoding first (RFC 4514 2.1), e.g. "CN=Root, O=Org". */
export function rfc4514Name(der: Uint8Array): string {
  const attrs = nameAttributes(der);
  return attrs.length === 0 ? '(empty)' : [...attrs].reverse().map((a) => `${SHORT[a.oid] ?? a.oid}=${a.value}`).join(', ');
}

/** A step environment for reading and describing, one that never opens a token. */
export function readOnlyEnv(loaded: LoadedPlan, inputs: Record<string, string>): StepEnv {
  return {
    plan: loaded.plan,
    dir: '',
    inputs,
    clock: systemClock,
    state: { keys: new Map(), certs: new Map() },
    keyStore: () => Promise.reject(new CeremonyError('STEP_FAILED', 'Checking a plan does not open a token.')),
    recorded: new Set<string>(),
    resuming: false,
  };
}

/** Each declared input: its file, SHA-256, and (for an imported certificate) subject and fingerprint, or why Start would refuse it. */
export function checkInputs(loaded: LoadedPlan, given: Record<string, string>): InputCheck[] {
  const { plan } = loaded;
  return Object.keys(plan.inputs ?? {}).map((name): InputCheck => {
    const value = given[name]?.trim();
    let file: string;
    try {
      file = resolveInputs({ ...plan, inputs: { [name]: plan.inputs![name]! } }, loaded.file, value ? { [name]: value } : {})[name]!;
    } catch (e) {
      const info = errorInfo(e);
      return { name, problem: { code: info.code, message: info.message } };
    }
    const out: InputCheck = { name, file, fileSha256: toHex(sha256(new Uint8Array(fs.readFileSync(file)))) };
    const importer = plan.steps.find((s) => s.type === 'import-certificate' && s.input === name);
    if (importer?.type === 'import-certificate') {
      try {
        const der = readImportedCertificate(importer, readOnlyEnv(loaded, { [name]: file }));
        const v = viewCertificate(der);
        out.certificate = { subject: rfc4514Name(v.subject), issuer: rfc4514Name(v.issuer), sha256: toHex(sha256(der)), notAfter: v.notAfter.toISOString() };
      } catch (e) {
        const info = errorInfo(e);
        out.problem = { code: info.code, message: info.message };
      }
    }
    return out;
  });
}

/** The state of the output directory for this plan. */
export function checkDir(out: string, planSha256: string): CeremonyCheck['dir'] {
  if (out.trim() === '') return { path: '', state: 'unset', message: 'Choose the output directory.' };
  const dir = path.resolve(out.trim());
  const result = (state: DirState, message: string, files?: string[]) => ({ path: dir, state, message, ...(files ? { files } : {}) });
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return result('new', `${dir} does not exist yet: the ceremony creates it.`);
  }
  if (!stat.isDirectory()) return result('not-a-directory', `${dir} is a file; the ceremony directory must be a directory.`);
  const files = fs.readdirSync(dir).sort();
  if (files.length === 0) return result('empty', `${dir} is empty.`);
  if (files.includes(TRANSCRIPT_FILE)) {
    const text = fs.readFileSync(path.join(dir, TRANSCRIPT_FILE), 'utf8');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    let begin: { inputs?: { planSha256?: unknown; plan?: unknown } } = {};
    try {
      begin = JSON.parse(lines[0] ?? '{}') as typeof begin;
    } catch {
      // An unreadable first line is another plan's for this purpose: resume refuses it with the reason.
    }
    if (begin.inputs?.planSha256 !== planSha256) {
      return result('other-plan', `${dir} holds the transcript of ${typeof begin.inputs?.plan === 'string' ? `plan "${begin.inputs.plan}"` : 'another plan'}: a ceremony resumes only with the plan it began with. Choose another directory.`);
    }
    const complete = lines.some((l) => l.includes('"kind":"end"'));
    return complete
      ? result('complete', `${dir} holds this plan's finished transcript (${lines.length} lines): starting shows its digest again and changes nothing.`)
      : result('resume', `${dir} holds this plan's transcript (${lines.length} lines): Start resumes at the first unfinished step.`);
  }
  const shown = files.slice(0, 8);
  return result('unrelated', `${dir} is not empty and holds no transcript of this plan: ${shown.join(', ')}${files.length > shown.length ? ` and ${files.length - shown.length} more` : ''}.`, files);
}

/** Start's refusal of an unconfirmed directory of unrelated files, or of an input that cannot be read. */
export function refuseUnsafeStart(check: CeremonyCheck, allowUnrelatedFiles: boolean): void {
  const bad = check.inputs.find((i) => i.problem);
  if (bad) throw new CeremonyStartError('INPUT_INVALID', `${bad.problem!.message} Nothing was started or recorded.`, { details: { input: bad.name } });
  if (check.dir.state === 'unrelated' && !allowUnrelatedFiles) {
    throw new CeremonyStartError('DIR_NOT_EMPTY', `${check.dir.message} Nothing was started: choose an empty or new directory, or confirm that the ceremony may write there.`, { details: { dir: check.dir.path } });
  }
}
