// certificate: build the to-be-signed certificate from its profile, lint it with a throwaway key BEFORE the
// HSM signs anything, sign the same bytes with the issuer's key, verify and lint again (core/pki signLinted),
// and write the PEM create-exclusive. An unrecorded output left by a crash is checked and kept, or refused.
import fs from 'node:fs';
import { bytesEqual, sha256, toHex, toPem } from '../../bytes';
import { viewCertificate } from '../../pki/cert-view';
import { pemToChain } from '../../pki/chain';
import { csrNameSpec, parseCsr } from '../../pki/csr';
import { lintBeforeSign, signLinted } from '../../pki/lint/issue';
import { lintCertificate, lintErrors } from '../../pki/lint/lint';
import { formatName, type NameSpec } from '../../pki/name';
import { PROFILES } from '../../pki/profiles';
import type { ProfileRules } from '../../pki/profiles/types';
import type { CertificateTemplate } from '../../pki/x509';
import { verifyCertificateSignature } from '../../pki/x509';
import { CeremonyError } from '../errors';
import type { CertificateStep } from '../plan-schema';
import { validityWindow } from '../plan-validate';
import { crossRootRules, crossRootTemplate } from './cross-root-profile';
import { readCertificateOutput, recordOf, unrecordedOutput, writeOutput } from './outputs';
import { pemLines } from './pem-lines';
import type { StepEnv, StepHandler } from './types';

/** "the Root CA certificate", "the Timestamping authority signing certificate". */
function titled(rules: ProfileRules): string {
  return rules.title.endsWith('certificate') ? rules.title : `${rules.title} certificate`;
}

function rulesFor(step: CertificateStep): ProfileRules {
  return step.profile === 'root-ca-cross' ? crossRootRules : PROFILES[step.profile].rules;
}

/** The key being certified and the subject it gets. */
function subjectOf(step: CertificateStep, env: StepEnv): { spki: Uint8Array; subject: NameSpec | undefined; source: string } {
  if (step.key !== undefined) return { spki: env.state.keys.get(step.key)!.spki, subject: step.subject, source: `key of step ${step.key}` };
  if (step.csr !== undefined) {
    const file = env.inputs[step.csr]!;
    const csr = parseCsr(fs.readFileSync(file, 'utf8'));
    return { spki: csr.spki, subject: step.subject ?? csrNameSpec(csr), source: `CSR ${file} (signature verified)` };
  }
  const root = env.state.certs.get(step.subjectFrom!)!;
  return { spki: viewCertificate(root.der).spki, subject: undefined, source: `certificate of step ${step.subjectFrom}` };
}

function buildTemplate(step: CertificateStep, env: StepEnv, spki: Uint8Array, subject: NameSpec | undefined, issuer: Uint8Array | undefined, window: { notBefore: Date; notAfter: Date }): CertificateTemplate {
  const common = { subjectPublicKey: spki, notBefore: window.notBefore, notAfter: window.notAfter };
  switch (step.profile) {
    case 'root-ca':
      return PROFILES['root-ca'].build({ ...common, subject: subject!, ...(step.pathLen !== undefined ? { pathLen: step.pathLen } : {}) });
    case 'fulcio-intermediate':
    case 'tsa-intermediate':
      return PROFILES[step.profile].build({ ...common, issuer: issuer!, subject: subject!, ...(step.pathLen !== undefined ? { pathLen: step.pathLen } : {}) });
    case 'tsa-leaf':
      return PROFILES['tsa-leaf'].build({ ...common, issuer: issuer!, subject: subject! });
    case 'root-ca-cross':
      return crossRootTemplate({ newRoot: env.state.certs.get(step.subjectFrom!)!.der, issuer: issuer!, notBefore: window.notBefore, notAfter: window.notAfter, ...(step.pathLen !== undefined ? { pathLen: step.pathLen } : {}) });
  }
}

function certData(step: CertificateStep, der: Uint8Array, warnings: string[], status: 'signed' | 'recovered'): Record<string, unknown> {
  const v = viewCertificate(der);
  return {
    profile: step.profile,
    subject: formatName(v.subject),
    issuer: formatName(v.issuer),
    serial: toHex(v.serial),
    notBefore: v.notBefore.toISOString(),
    notAfter: v.notAfter.toISOString(),
    certificateSha256: toHex(sha256(der)),
    spkiSha256: toHex(sha256(v.spki)),
    certificatePem: pemLines(toPem(der, 'CERTIFICATE')),
    lintWarnings: warnings,
    status,
  };
}

/** A certificate file found on disk without a transcript record: kept only if it is what this step would make. */
function checkRecovered(step: CertificateStep, bytes: Uint8Array, spki: Uint8Array, issuer: Uint8Array | undefined): Uint8Array {
  const refuse = (why: string): never => {
    throw new CeremonyError('OUTPUT_EXISTS', `${step.output} exists but no transcript line records it, and it cannot be kept: ${why}. Move it away and run the ceremony again.`, { details: { file: step.output } });
  };
  let der: Uint8Array;
  try {
    const certs = pemToChain(new TextDecoder().decode(bytes));
    if (certs.length !== 1) refuse('it does not hold exactly one certificate');
    der = certs[0]!;
  } catch (e) {
    if (e instanceof CeremonyError) throw e;
    return refuse('it is not a PEM certificate');
  }
  const v = viewCertificate(der);
  if (!bytesEqual(v.spki, spki)) refuse('it certifies a different key');
  if (!verifyCertificateSignature(der, issuer ? viewCertificate(issuer).spki : spki)) refuse("its signature does not verify with the issuer's key");
  const errors = lintErrors(lintCertificate(der, { profile: rulesFor(step), ...(issuer ? { issuer } : {}), issuing: true }));
  if (errors.length > 0) refuse(`it fails lint rule ${errors[0]!.rule}`);
  return der;
}

export const certificate: StepHandler<CertificateStep> = {
  describe(step, env) {
    const rules = rulesFor(step);
    const who = step.subject ? `CN=${step.subject.commonName}, O=${step.subject.organization}` : step.csr ? `the subject of CSR input "${step.csr}"` : `the subject of "${step.subjectFrom}"`;
    const by = step.issuer ? `issued by "${step.issuer}" and signed with the key of "${step.issuerKey}"` : `self-signed with the key of "${step.key}"`;
    const window = validityWindow(step.validity, env.clock.now());
    return `Make the ${titled(rules)} for ${who}, ${by}, valid ${window.notBefore.toISOString()} to ${window.notAfter.toISOString()}; lint it before signing; write ${step.output}.`;
  },

  async run(step, env) {
    const rules = rulesFor(step);
    const { spki, subject, source } = subjectOf(step, env);
    const issuer = step.issuer !== undefined ? env.state.certs.get(step.issuer)!.der : undefined;
    const existing = unrecordedOutput(env.dir, step.output, env.recorded);
    if (existing) {
      const der = checkRecovered(step, existing, spki, issuer);
      env.state.certs.set(step.id, { der, file: step.output });
      return {
        action: `Kept ${step.output}, signed by an interrupted run and not yet recorded, after checking its key, signature and lint`,
        inputs: { profile: step.profile, subjectKey: source, ...(step.issuer ? { issuer: step.issuer } : {}) },
        outputs: [recordOf(step.output, existing)],
        data: certData(step, der, [], 'recovered'),
      };
    }
    const now = env.clock.now();
    const window = validityWindow(step.validity, now);
    const template = buildTemplate(step, env, spki, subject, issuer, window);
    // Lint before the HSM is touched for signing: a LINT_FAILED here stops the ceremony with nothing signed.
    const linted = await lintBeforeSign(template, rules, issuer, now);
    const issuerKey = env.state.keys.get(step.issuerKey ?? step.key!)!;
    const store = await env.keyStore();
    const signer = await store.signer(issuerKey.label);
    const issued = await signLinted(linted, signer, now);
    env.state.certs.set(step.id, { der: issued.der, file: step.output });
    const output = writeOutput(env.dir, step.output, issued.pem);
    const warnings = issued.findings.map((f) => `${f.rule}: ${f.message}`);
    return {
      action: `Signed the ${titled(rules)} ${step.output} with "${issuerKey.label}" after linting it`,
      inputs: { profile: step.profile, subjectKey: source, signingKey: issuerKey.uri, ...(step.issuer ? { issuer: step.issuer } : {}), validity: step.validity },
      outputs: [output],
      data: certData(step, issued.der, warnings, 'signed'),
    };
  },

  restore(step, _entry, env) {
    env.state.certs.set(step.id, { der: readCertificateOutput(env.dir, step.output), file: step.output });
  },
};
