// import-certificate: brings a certificate made by an earlier ceremony (e.g. the old root) into this one: a
// copy in the ceremony directory, recorded with its fingerprint, so chains and verification can rely on it.
// A certificate that later steps sign with (as `issuer`) must certify the key they sign with (`issuerKey`):
// that is checked at import, before any further key is made, not when the first signature fails.
import fs from 'node:fs';
import { bytesEqual, sha256, toHex, toPem } from '../../bytes';
import { viewCertificate } from '../../pki/cert-view';
import { pemToChain } from '../../pki/chain';
import { formatName } from '../../pki/name';
import { CeremonyError } from '../errors';
import type { ImportCertificateStep } from '../plan-schema';
import { readCertificateOutput, recordOf, unrecordedOutput, writeOutput } from './outputs';
import { pemLines } from './pem-lines';
import type { KeyRecord, StepEnv, StepHandler } from './types';

/** The certificate in the step's input file; STEP_FAILED naming the file when it is not one. */
export function readImportedCertificate(step: ImportCertificateStep, env: StepEnv): Uint8Array {
  const file = env.inputs[step.input]!;
  try {
    const der = pemToChain(fs.readFileSync(file, 'utf8'))[0]!;
    viewCertificate(der);
    return der;
  } catch (e) {
    throw new CeremonyError('STEP_FAILED', `The input "${step.input}" (${file}) is not a readable PEM certificate.`, { cause: e, details: { input: step.input } });
  }
}

/**
 * The keys this imported certificate must certify: the `issuerKey` of every certificate step that names it as
 * `issuer`, when that key is known now (recorded by an earlier step, or an existing-key step's key found in the
 * store by `lookup`). A generate-key step's key cannot be known before it exists, and needs no check here.
 */
async function issuerKeysOf(step: ImportCertificateStep, env: StepEnv, lookup: (label: string) => Promise<KeyRecord | null>): Promise<{ stepId: string; key: KeyRecord }[]> {
  const out: { stepId: string; key: KeyRecord }[] = [];
  for (const s of env.plan.steps) {
    if (s.type !== 'certificate' || s.issuer !== step.id || s.issuerKey === undefined) continue;
    const keyStep = env.plan.steps.find((k) => k.id === s.issuerKey);
    const key = env.state.keys.get(s.issuerKey) ?? (keyStep?.type === 'existing-key' ? await lookup(keyStep.label) : null);
    if (key && !out.some((o) => o.stepId === s.issuerKey)) out.push({ stepId: s.issuerKey, key });
  }
  return out;
}

/** KEY_MISMATCH when the imported certificate does not certify the issuer key later steps will sign with. */
export async function checkImportAgainstKeys(step: ImportCertificateStep, der: Uint8Array, env: StepEnv, lookup: (label: string) => Promise<KeyRecord | null>): Promise<void> {
  const spki = viewCertificate(der).spki;
  for (const { stepId, key } of await issuerKeysOf(step, env, lookup)) {
    if (bytesEqual(spki, key.spki)) continue;
    const file = env.inputs[step.input]!;
    throw new CeremonyError(
      'KEY_MISMATCH',
      `The input "${step.input}" (${file}) is not the certificate of the key "${key.label}" (step "${stepId}", SHA-256 ${toHex(sha256(key.spki))}): it certifies a key with SHA-256 ${toHex(sha256(spki))}, so nothing could be signed with it. Nothing was imported and no key was made; give the certificate of "${key.label}" with --input ${step.input}=PATH and run again.`,
      { details: { input: step.input, file, step: stepId } },
    );
  }
}

export const importCertificate: StepHandler<ImportCertificateStep> = {
  describe: (step, env) => `Import the certificate ${env.inputs[step.input] ?? step.input} (input "${step.input}") as ${step.output}.`,

  async run(step, env) {
    const file = env.inputs[step.input]!;
    const der = readImportedCertificate(step, env);
    await checkImportAgainstKeys(step, der, env, async (label) => (await env.keyStore()).findKey(label));
    const pem = toPem(der, 'CERTIFICATE');
    const existing = unrecordedOutput(env.dir, step.output, env.recorded);
    if (existing && !bytesEqual(existing, new TextEncoder().encode(pem))) {
      throw new CeremonyError('OUTPUT_EXISTS', `${step.output} exists but is not a copy of ${file}; move it away and run the ceremony again.`, { details: { file: step.output } });
    }
    const output = existing ? recordOf(step.output, existing) : writeOutput(env.dir, step.output, pem);
    env.state.certs.set(step.id, { der, file: step.output });
    const v = viewCertificate(der);
    return {
      action: `Imported ${file} as ${step.output}`,
      inputs: { input: step.input, file, sha256: toHex(sha256(new Uint8Array(fs.readFileSync(file)))) },
      outputs: [output],
      data: { subject: formatName(v.subject), certificateSha256: toHex(sha256(der)), notAfter: v.notAfter.toISOString(), certificatePem: pemLines(pem) },
    };
  },

  restore(step, _entry, env) {
    env.state.certs.set(step.id, { der: readCertificateOutput(env.dir, step.output), file: step.output });
  },
};
