// The ceremony service: presets, plan loading and description, step-by-step ceremony sessions over the core
// engine (keys from a token the keys service is logged in to, or logged in with the PIN the session asks for),
// transcript verification and certificate linting.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { systemClock } from '../../core/clock';
import { errorInfo } from '../../core/errors';
import {
  handlerFor,
  loadPlanFile,
  openPkcs11KeyStore,
  pkcs11KeyStore,
  resolveInputs,
  stepTitle,
  verifyCeremonyDir,
  CeremonyError,
  type KeyStore,
} from '../../core/ceremony';
import type { Pkcs11Session } from '../../core/keys';
import { lintCertificate, lintErrors, pemToChain, PROFILES } from '../../core/pki';
import type { ceremonySchemas, CeremonyResponses, LintReport, PlanView, VerifyReport } from '../contract/ceremony';
import { CeremonySession, SessionStateError } from './ceremony-session';
import { listPresetFiles, resolvePlanFile } from './ceremony-presets';
import { certificateViews, transcriptView } from './ceremony-views';
import { checkDir, checkInputs, refuseUnsafeStart } from './ceremony-check';
import type { KeysService } from './keys-service';

type Schemas = typeof ceremonySchemas;
export type CeremonyService = {
  [M in keyof Schemas & keyof CeremonyResponses]: (request: z.input<Schemas[M]>) => CeremonyResponses[M] | Promise<CeremonyResponses[M]>;
} & { dispose(): void };

export function describePlan(planArg: string): PlanView {
  const loaded = loadPlanFile(resolvePlanFile(planArg), systemClock.now());
  const { plan } = loaded;
  const env = {
    plan,
    dir: '',
    inputs: {},
    clock: systemClock,
    state: { keys: new Map(), certs: new Map() },
    keyStore: () => Promise.reject(new CeremonyError('STEP_FAILED', 'Describing a plan does not open a token.')),
    recorded: new Set<string>(),
    resuming: false,
  };
  const subjects = plan.steps.flatMap((s) => (s.type === 'certificate' && s.subject ? [s.subject] : []));
  const exampleSubjects = subjects
    .filter((s) => /\bexample\b/i.test([s.commonName, s.organization, s.organizationalUnit ?? ''].join(' ')))
    .map((s) => [`CN=${s.commonName}`, s.organizationalUnit ? `OU=${s.organizationalUnit}` : '', `O=${s.organization}`, s.country ? `C=${s.country}` : ''].filter(Boolean).join(', '));
  return {
    exampleSubjects: [...new Set(exampleSubjects)],
    name: plan.name,
    title: plan.title,
    ...(plan.description !== undefined ? { description: plan.description } : {}),
    file: loaded.file!,
    sha256: loaded.sha256,
    inputs: Object.entries(plan.inputs ?? {}).map(([name, i]) => ({ name, description: i.description, ...(i.path !== undefined ? { defaultPath: i.path } : {}) })),
    steps: plan.steps.map((s) => {
      const { id, type, title: _title, ...parameters } = s;
      return { ...parameters, id, type, title: stepTitle(s), description: handlerFor(s).describe(s, env) };
    }),
  };
}

export function verifyReport(dirArg: string): VerifyReport {
  const dir = path.resolve(dirArg);
  const c = verifyCeremonyDir(dir);
  return { ok: c.ok, dir, lines: c.lines, complete: c.complete, digest: c.digest, digestWords: c.digestWords, steps: c.steps, outputs: c.outputs, signatures: c.signatures, problems: c.problems };
}

export function lintReport(cert: string, profile: LintReport['profile'], issuer?: string): LintReport {
  const der = pemToChain(fs.readFileSync(cert, 'utf8'))[0]!;
  const issuerDer = issuer !== undefined ? pemToChain(fs.readFileSync(issuer, 'utf8'))[0]! : undefined;
  const findings = lintCertificate(der, { profile: PROFILES[profile], ...(issuerDer ? { issuer: issuerDer } : {}), at: systemClock.now() });
  return {
    ok: lintErrors(findings).length === 0,
    file: cert,
    profile,
    findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, field: f.field, message: f.message, source: f.source })),
  };
}

export function createCeremonyService(keys: KeysService): CeremonyService {
  const sessions = new Map<string, CeremonySession>();
  const sessionOf = (id: string): CeremonySession => {
    const s = sessions.get(id);
    if (!s) throw new SessionStateError('SESSION_STATE', 'There is no such ceremony session; start the ceremony again (it resumes where it stopped).');
    return s;
  };

  const loggedIn = (module: string | undefined, token: string): Pkcs11Session | undefined => {
    try {
      return keys.session(module, token);
    } catch {
      return undefined;
    }
  };

  return {
    listPresets: () => ({
      presets: listPresetFiles().map((file) => {
        const { plan } = loadPlanFile(file, systemClock.now());
        return { name: plan.name, title: plan.title, file, steps: plan.steps.length, inputs: Object.keys(plan.inputs ?? {}) };
      }),
    }),
    loadPlan: ({ plan }) => describePlan(plan),
    check: ({ plan, out, inputs }) => {
      const loaded = loadPlanFile(resolvePlanFile(plan), systemClock.now());
      return { inputs: checkInputs(loaded, inputs ?? {}), dir: checkDir(out, loaded.sha256) };
    },
    sessions: () => ({ sessions: [...sessions.values()].filter((s) => s.active).map((s) => s.snapshot()) }),
    start: async ({ plan, out, module, token, operator, witnesses, inputs, acknowledgements, allowUnrelatedFiles }) => {
      const dir = path.resolve(out);
      for (const s of sessions.values()) {
        if (s.active && s.snapshot().dir === dir) throw new SessionStateError('SESSION_STATE', `A ceremony is already running in ${dir}.`, { details: { sessionId: s.id } });
      }
      const loaded = loadPlanFile(resolvePlanFile(plan), systemClock.now());
      // Refused here, before a session exists, nothing reaches the transcript (reviewer items 3 and 5).
      refuseUnsafeStart({ inputs: checkInputs(loaded, inputs ?? {}), dir: checkDir(dir, loaded.sha256) }, allowUnrelatedFiles === true);
      const resolved = resolveInputs(loaded.plan, loaded.file, inputs ?? {});
      fs.mkdirSync(dir, { recursive: true });
      const session = new CeremonySession({
        plan: loaded,
        dir,
        inputs: resolved,
        clock: systemClock,
        token,
        ...(operator !== undefined ? { operator } : {}),
        ...(witnesses !== undefined ? { witnesses } : {}),
        confirmation: 'confirmed by the operator in the app',
        // The token is opened (PIN asked) and checked (labels taken, existing keys, imports against their keys)
        // before the ceremony begins or resumes: a refusal there leaves no transcript line (core preflight.ts).
        openKeyStoreFirst: true,
        ...(acknowledgements?.length ? { acknowledgements } : {}),
        openKeyStore: async (askPin, reportPinError): Promise<KeyStore> => {
          // A token the user already logged in to (keys.login) is used as is; its session stays open afterwards.
          const open = loggedIn(module, token);
          if (open) return pkcs11KeyStore(open, () => undefined);
          for (;;) {
            try {
              return await openPkcs11KeyStore(module, token, await askPin());
            } catch (e) {
              if (errorInfo(e).code !== 'PIN_INCORRECT') throw e;
              reportPinError(e);
            }
          }
        },
      });
      sessions.set(session.id, session);
      return session.start();
    },
    getState: ({ sessionId }) => sessionOf(sessionId).snapshot(),
    confirm: ({ sessionId, stepId, accept }) => sessionOf(sessionId).confirm(stepId, accept),
    providePin: ({ sessionId, pin }) => sessionOf(sessionId).providePin(pin),
    cancel: ({ sessionId }) => sessionOf(sessionId).cancel(),
    verify: ({ dir }) => verifyReport(dir),
    lint: ({ cert, profile, issuer }) => lintReport(cert, profile, issuer),
    transcript: ({ dir }) => transcriptView(dir),
    certificates: ({ dir }) => certificateViews(dir),
    dispose: () => {
      for (const s of sessions.values()) void s.cancel();
      sessions.clear();
    },
  };
}
