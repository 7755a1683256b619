// `rootsmith ceremony run|check|verify|lint|presets`: CA key ceremonies from declarative plans, their
// hash-chained transcripts, and the certificate linter, from the command line.
import path from 'node:path';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { systemClock } from '../../../core/clock';
import { checkNewPassphrase } from '../../../core/keys/software-signer';
import {
  loadPlanFile,
  openPkcs11KeyStore,
  resolveInputs,
  softwareKeyStore,
  runCeremony,
  stepTitle,
  TRANSCRIPT_FILE,
  type CeremonyEvent,
  type CeremonyUi,
} from '../../../core/ceremony';
import { lintProfiles, type LintReport } from '../../contract/ceremony';
import type { Backend } from '../../services';
import { listPresetFiles, resolvePlanFile } from '../../services/ceremony-presets';
import { lintReport, verifyReport } from '../../services/ceremony-service';
import { UsageError } from '../errors';
import { CommandFailed, emit } from '../output';
import { readNewSecret, readSecret } from '../secrets';
import { requireCeremonyDir, requireCertificateFile, requireDirectoryPath } from './ceremony-paths';

export const ceremonyUsage = `rootsmith ceremony <verb> [options]
  run      PLAN --out DIR --token LABEL [--module PATH] [--pin-env NAME] [--yes] [--operator NAME]
           [--witness NAME]... [--input NAME=PATH]... [--json]
                                  run (or resume) a ceremony plan (a file or a preset name) against a token;
                                  checks the module, token, PIN and DIR first, then asks "Proceed? [y/N]"
                                  before each step unless --yes
           rehearsal without an HSM: --key-dir DIR [--passphrase-env NAME] instead of --token/--pin-env:
                                  encrypted key files (a new passphrase needs 12+ characters and is asked twice;
                                  --pin-env is still accepted there, --passphrase-env is meant)
  check    PLAN [--json]          validate a plan completely and list its steps, without touching a token
  verify   DIR [--json]           recompute the transcript's hash chain and check every output against it;
                                  exit 1 unless the ceremony verifies and is complete
  lint     CERT.pem --profile root-ca|fulcio-intermediate|tsa-intermediate|tsa-leaf|fulcio-leaf
           [--issuer ISSUER.pem] [--json]
                                  lint a certificate against a profile
  presets  [--json]               list the shipped ceremony plans`;

// Crash-test seam, deliberately undocumented to users: it stops `run` after recording a step so a test can kill
// it there. Honoured only with the second, test-only variable set as well, and the wait is bounded, so setting
// one by accident can never stall a real ceremony.
const PAUSE_ENV = 'ROOTSMITH_TEST_PAUSE_AFTER_STEP';
const SEAMS_ENV = 'ROOTSMITH_TEST_SEAMS';
const PAUSE_MS = 120_000;

function pauseSeam(): ((id: string) => Promise<void>) | undefined {
  const at = process.env[PAUSE_ENV];
  if (!at) return undefined;
  if (process.env[SEAMS_ENV] !== 'crash-tests') {
    process.stderr.write(`Note: ignoring ${PAUSE_ENV}, a test-only setting.\n`);
    return undefined;
  }
  return async (id) => {
    if (id !== at) return;
    process.stderr.write(`ROOTSMITH_TEST_PAUSED ${id}\n`);
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  };
}

/** Whether the rehearsal key directory holds no key file yet (so its passphrase is a new one). */
function newKeyDir(keyDir: string): boolean {
  try {
    return !fs.readdirSync(keyDir).some((f) => f.endsWith('.key'));
  } catch {
    return true;
  }
}

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
      // The description is printed here once; the confirmation question only asks.
      return `[${e.step.index + 1}/${e.step.total}] ${e.step.title}\n    ${e.description}`;
    case 'step-done':
      return `    done: ${e.action}`;
    case 'key-found':
      return `    found key "${e.label}" as recorded (step ${e.stepId})`;
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
      'passphrase-env': { type: 'string' },
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
      if (keyDir === undefined && values['passphrase-env'] !== undefined) throw new UsageError('--passphrase-env is for --key-dir rehearsals; a token takes its PIN with --pin-env.');
      if (keyDir !== undefined && values['passphrase-env'] !== undefined && values['pin-env'] !== undefined) throw new UsageError('Give --passphrase-env (the key files\' passphrase), not --pin-env as well.');
      if (keyDir !== undefined && (keyDir === dir || keyDir.startsWith(dir + path.sep))) {
        throw new UsageError('--key-dir must be outside the ceremony directory: nothing in it may hold a private key.');
      }
      requireDirectoryPath(dir, '--out');
      if (keyDir !== undefined) requireDirectoryPath(keyDir, '--key-dir');
      const token = keyDir !== undefined ? `software:${keyDir}` : required(values.token, '--token LABEL (or --key-dir DIR for a rehearsal)');
      const loaded = loadPlanFile(planFile, systemClock.now());
      const inputs = resolveInputs(loaded.plan, loaded.file, parseInputs(values.input));
      const secret = async (): Promise<string> => {
        if (keyDir === undefined) return readSecret({ envName: values['pin-env'], prompt: `PIN for token "${token}": `, flag: '--pin-env' });
        // --pin-env is still accepted here for older scripts; --passphrase-env is meant.
        const flag = values['pin-env'] !== undefined ? '--pin-env' : '--passphrase-env';
        const envName = values['passphrase-env'] ?? values['pin-env'];
        return newKeyDir(keyDir)
          ? readNewSecret({ envName, prompt: 'New passphrase for the rehearsal key files: ', flag, check: checkNewPassphrase })
          : readSecret({ envName, prompt: 'Passphrase for the rehearsal key files: ', flag });
      };
      const ui: CeremonyUi = {
        async confirm(step) {
          if (values.yes) return true;
          const answer = await askLine(`Proceed with step ${step.index + 1} of ${step.total}? [y/N] `);
          return answer !== null && /^y(es)?$/i.test(answer.trim());
        },
        pin: secret,
        progress(e) {
          const text = describeEvent(e);
          if (text !== null) process.stderr.write(`${text}\n`);
        },
      };
      const afterStep = pauseSeam();
      const result = await runCeremony({
        plan: loaded,
        dir,
        inputs,
        ui,
        clock: systemClock,
        openKeyStore: async (pin) => (keyDir !== undefined ? softwareKeyStore(keyDir, await pin()) : openPkcs11KeyStore(values.module, token, await pin())),
        // Module, token, PIN, labels and imports are checked before the transcript is begun and step 1 confirmed.
        openKeyStoreFirst: true,
        keyLocation: keyDir !== undefined ? 'files' : 'token',
        ...(values.operator !== undefined ? { operator: values.operator } : {}),
        ...(values.witness !== undefined ? { witnesses: values.witness } : {}),
        confirmation: values.yes ? 'accepted by --yes (scripted rehearsal)' : 'confirmed by the operator at the terminal',
        ...(afterStep ? { afterStep } : {}),
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
      const dirArg = path.resolve(one('DIR'));
      requireCeremonyDir(dirArg, TRANSCRIPT_FILE);
      const report = verifyReport(dirArg);
      if (!report.ok) {
        const list = report.problems.map((p) => `  line ${p.line}: ${p.message} [${p.code}]`).join('\n');
        throw new CommandFailed({ code: report.problems[0]!.code, message: `The ceremony in ${report.dir} does not verify (${report.problems.length} problem(s)):\n${list}`, details: { ...report } });
      }
      if (!report.complete) {
        // What is there verifies, but a ceremony without its end line is not a finished, verified ceremony.
        throw new CommandFailed({
          code: 'CEREMONY_INCOMPLETE',
          message: `The ceremony in ${report.dir} is NOT complete: its transcript has no end line yet (${report.lines} lines verify; steps done: ${report.steps.join(', ') || 'none'}). Run the same \`rootsmith ceremony run\` again to finish it.`,
          details: { ...report },
        });
      }
      emit(json, report, () =>
        [
          `The ceremony in ${report.dir} verifies: ${report.lines} transcript lines, ${report.outputs.length} output files, complete.`,
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
      requireCertificateFile(certFile, 'the certificate to lint');
      if (values.issuer !== undefined) requireCertificateFile(values.issuer, 'the --issuer certificate');
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
