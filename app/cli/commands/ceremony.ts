// `rootsmith ceremony run|check|verify|lint|presets`: CA key ceremonies from declarative plans, their
// hash-chained transcripts, and the certificate linter, from the command line.
import path from 'node:path';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { systemClock } from '../../../core/clock';
import {
  loadPlanFile,
  openPkcs11KeyStore,
  resolveInputs,
  softwareKeyStore,
  runCeremony,
  stepTitle,
  type CeremonyEvent,
  type CeremonyUi,
} from '../../../core/ceremony';
import { lintProfiles, type LintReport } from '../../contract/ceremony';
import type { Backend } from '../../services';
import { listPresetFiles, resolvePlanFile } from '../../services/ceremony-presets';
import { lintReport, verifyReport } from '../../services/ceremony-service';
import { UsageError } from '../errors';
import { CommandFailed, emit } from '../output';
import { readSecret } from '../secrets';

export const ceremonyUsage = `rootsmith ceremony <verb> [options]
  run      PLAN --out DIR --token LABEL [--module PATH] [--pin-env NAME] [--yes] [--operator NAME]
           [--witness NAME]... [--input NAME=PATH]... [--json]
                                  run (or resume) a ceremony plan (a file or a preset name) against a token;
                                  asks "Proceed? [y/N]" before each step unless --yes
           (rehearsal without an HSM: --key-dir DIR instead of --token: encrypted key files, PIN as passphrase)
  check    PLAN [--json]          validate a plan completely and list its steps, without touching a token
  verify   DIR [--json]           recompute the transcript's hash chain and check every output against it
  lint     CERT.pem --profile root-ca|fulcio-intermediate|tsa-intermediate|tsa-leaf|fulcio-leaf
           [--issuer ISSUER.pem] [--json]
                                  lint a certificate against a profile
  presets  [--json]               list the shipped ceremony plans
Test seam: with ROOTSMITH_TEST_PAUSE_AFTER_STEP=STEP_ID set, \`run\` prints "ROOTSMITH_TEST_PAUSED STEP_ID" to
stderr after recording that step and waits forever (crash tests kill it there). Never set it in a real ceremony.`;

const PAUSE_ENV = 'ROOTSMITH_TEST_PAUSE_AFTER_STEP';

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new UsageError(`${what} is required.\n${ceremonyUsage}`);
  return value;
}

function parseInputs(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0 || eq === item.length - 1) throw new UsageError(`--input takes NAME=PATH, not "${item}".`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

// One reader for every confirmation: lines piped in together (a scripted "y\ny\n...") are kept for the next
// question, and nothing listens to stdin between questions, so the no-echo PIN prompt never feeds an answer.
const stdinLines = { buffered: '', ended: false };

function askLine(question: string): Promise<string | null> {
  process.stderr.write(question);
  const stdin = process.stdin;
  return new Promise((resolve) => {
    const take = (): boolean => {
      const nl = stdinLines.buffered.indexOf('\n');
      if (nl < 0 && !stdinLines.ended) return false;
      const line = nl < 0 ? null : stdinLines.buffered.slice(0, nl).replace(/\r$/, '');
      stdinLines.buffered = nl < 0 ? '' : stdinLines.buffered.slice(nl + 1);
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause();
      resolve(line);
      return true;
    };
    const onData = (chunk: Buffer) => {
      stdinLines.buffered += chunk.toString('utf8');
      take();
    };
    const onEnd = () => {
      stdinLines.ended = true;
      take();
    };
    if (take()) return;
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}

function describeEvent(e: CeremonyEvent): string | null {
  switch (e.type) {
    case 'begin':
      return e.resumed ? `Resuming the ceremony; already done: ${e.completed.join(', ') || 'nothing'}. Transcript: ${e.transcript}` : `Ceremony begins. Transcript: ${e.transcript}`;
    case 'step-skipped':
      return `[${e.step.index + 1}/${e.step.total}] ${e.step.title}: already done`;
    case 'step-start':
      return `[${e.step.index + 1}/${e.step.total}] ${e.step.title}\n    ${e.description}`;
    case 'step-done':
      return `    done: ${e.action}`;
    case 'key-found':
      return `    found key "${e.label}" on the token, as recorded (step ${e.stepId})`;
    case 'end':
      return `Transcript digest: ${e.digest}\n  read aloud: ${e.words}${e.signedBy ? `\n  signed with the key of step ${e.signedBy}` : ''}`;
  }
}


export async function runCeremonyCommand(argv: string[], _backend: Backend): Promise<void> {
  const [verb, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      out: { type: 'string' },
      module: { type: 'string' },
      token: { type: 'string' },
      'key-dir': { type: 'string' },
      'pin-env': { type: 'string' },
      yes: { type: 'boolean', default: false },
      operator: { type: 'string' },
      witness: { type: 'string', multiple: true },
      input: { type: 'string', multiple: true },
      profile: { type: 'string' },
      issuer: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  const json = values.json ?? false;
  const one = (what: string): string => {
    if (positionals.length !== 1) throw new UsageError(`ceremony ${verb ?? ''} takes exactly one ${what}.\n${ceremonyUsage}`);
    return positionals[0]!;
  };

  switch (verb) {
    case 'presets': {
      const presets = listPresetFiles().map((file) => {
        const { plan } = loadPlanFile(file, systemClock.now());
        return { name: plan.name, title: plan.title, file, steps: plan.steps.length, inputs: Object.keys(plan.inputs ?? {}) };
      });
      emit(json, { presets }, () => presets.map((p) => `${p.name.padEnd(26)} ${p.title}${p.inputs.length ? ` (inputs: ${p.inputs.join(', ')})` : ''}`).join('\n'));
      return;
    }
    case 'check': {
      const loaded = loadPlanFile(resolvePlanFile(one('PLAN')), systemClock.now());
      const steps = loaded.plan.steps.map((s) => ({ id: s.id, type: s.type, title: stepTitle(s) }));
      emit(json, { name: loaded.plan.name, title: loaded.plan.title, file: loaded.file, sha256: loaded.sha256, steps }, () =>
        [`${loaded.plan.title} (${loaded.file}): valid, ${steps.length} steps`, ...steps.map((s, i) => `  ${i + 1}. ${s.title} [${s.type} ${s.id}]`)].join('\n'),
      );
      return;
    }
    case 'run': {
      const planFile = resolvePlanFile(one('PLAN'));
      const dir = path.resolve(required(values.out, '--out DIR'));
      const keyDir = values['key-dir'] !== undefined ? path.resolve(values['key-dir']) : undefined;
      if (keyDir !== undefined && values.token !== undefined) throw new UsageError('Give --token (an HSM) or --key-dir (rehearsal key files), not both.');
      if (keyDir !== undefined && (keyDir === dir || keyDir.startsWith(dir + path.sep))) {
        throw new UsageError('--key-dir must be outside the ceremony directory: nothing in it may hold a private key.');
      }
      const token = keyDir !== undefined ? `software:${keyDir}` : required(values.token, '--token LABEL (or --key-dir DIR for a rehearsal)');
      const loaded = loadPlanFile(planFile, systemClock.now());
      const inputs = resolveInputs(loaded.plan, loaded.file, parseInputs(values.input));
      fs.mkdirSync(dir, { recursive: true });
      const ui: CeremonyUi = {
        async confirm(step, description) {
          if (values.yes) return true;
          const answer = await askLine(`\nStep ${step.index + 1} of ${step.total}: ${step.title}\n  ${description}\nProceed? [y/N] `);
          return answer !== null && /^y(es)?$/i.test(answer.trim());
        },
        pin: () => readSecret({ envName: values['pin-env'], prompt: keyDir !== undefined ? 'Passphrase for the rehearsal key files: ' : `PIN for token "${token}": `, flag: '--pin-env' }),
        progress(e) {
          const text = describeEvent(e);
          if (text !== null) process.stderr.write(`${text}\n`);
        },
      };
      const pauseAt = process.env[PAUSE_ENV];
      const result = await runCeremony({
        plan: loaded,
        dir,
        inputs,
        ui,
        clock: systemClock,
        openKeyStore: async (pin) => (keyDir !== undefined ? softwareKeyStore(keyDir, await pin()) : openPkcs11KeyStore(values.module, token, await pin())),
        ...(values.operator !== undefined ? { operator: values.operator } : {}),
        ...(values.witness !== undefined ? { witnesses: values.witness } : {}),
        confirmation: values.yes ? 'accepted by --yes (scripted rehearsal)' : 'confirmed by the operator at the terminal',
        ...(pauseAt
          ? {
              afterStep: async (id: string) => {
                if (id !== pauseAt) return;
                // Test seam (see ceremonyUsage): stop at an exact point so a crash test can SIGKILL us here.
                process.stderr.write(`ROOTSMITH_TEST_PAUSED ${id}\n`);
                await new Promise<never>(() => setInterval(() => undefined, 60_000));
              },
            }
          : {}),
      });
      emit(json, { ...result, token }, () =>
        [
          result.alreadyComplete ? `The ceremony in ${dir} was already complete; nothing was done.` : `Ceremony complete in ${dir}.`,
          ...result.steps.map((s) => `  ${s.status === 'done' ? 'done        ' : 'already done'}  ${s.id}: ${s.action}`),
          `Outputs: ${result.outputs.join(', ')}`,
          `Transcript digest: ${result.digest}`,
          `  read aloud: ${result.digestWords}`,
        ].join('\n'),
      );
      return;
    }
    case 'verify': {
      const report = verifyReport(one('DIR'));
      if (!report.ok) {
        const list = report.problems.map((p) => `  line ${p.line}: ${p.message} [${p.code}]`).join('\n');
        throw new CommandFailed({ code: report.problems[0]!.code, message: `The ceremony in ${report.dir} does not verify (${report.problems.length} problem(s)):\n${list}`, details: { ...report } });
      }
      emit(json, report, () =>
        [
          `The ceremony in ${report.dir} verifies: ${report.lines} transcript lines, ${report.outputs.length} output files${report.complete ? '' : ' (NOT complete: it has no end line yet)'}.`,
          ...report.signatures.map((s) => `  digest signed on line ${s.line} by "${s.keyLabel}"`),
          `Transcript digest: ${report.digest ?? '(empty)'}`,
          `  read aloud: ${report.digestWords ?? ''}`,
        ].join('\n'),
      );
      return;
    }
    case 'lint': {
      const certFile = one('CERT.pem');
      const profile = required(values.profile, '--profile NAME');
      if (!(lintProfiles as readonly string[]).includes(profile)) throw new UsageError(`--profile must be one of ${lintProfiles.join(', ')}.`);
      const report = lintReport(certFile, profile as LintReport['profile'], values.issuer);
      const lines = report.findings.map((f) => `  ${f.severity.toUpperCase()} ${f.rule} (${f.field}): ${f.message} [${f.source}]`).join('\n');
      if (!report.ok) {
        const errors = report.findings.filter((f) => f.severity === 'error').length;
        throw new CommandFailed({ code: 'LINT_FAILED', message: `${certFile} fails ${errors} rule(s) of profile ${profile}:\n${lines}`, details: { ...report } });
      }
      emit(json, report, () => (report.findings.length === 0 ? `${certFile}: clean for profile ${profile}.` : `${certFile}: no errors for profile ${profile}; warnings:\n${lines}`));
      return;
    }
    default:
      throw new UsageError(verb ? `Unknown ceremony verb "${verb}".\n${ceremonyUsage}` : ceremonyUsage);
  }
}

export { runCeremonyCommand as runCeremony };
