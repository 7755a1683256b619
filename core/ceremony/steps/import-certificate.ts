// import-certificate: brings a certificate made by an earlier ceremony (e.g. the old root) into this one: a
// copy in the ceremony directory, recorded with its fingerprint, so chains and verification can rely on it.
import fs from 'node:fs';
import { bytesEqual, sha256, toHex, toPem } from '../../bytes';
import { viewCertificate } from '../../pki/cert-view';
import { pemToChain } from '../../pki/chain';
import { formatName } from '../../pki/name';
import { CeremonyError } from '../errors';
import type { ImportCertificateStep } from '../plan-schema';
import { readOutput, recordOf, unrecordedOutput, writeOutput } from './outputs';
import { pemLines } from './pem-lines';
import type { StepHandler } from './types';

export const importCertificate: StepHandler<ImportCertificateStep> = {
  describe: (step, env) => `Import the certificate ${env.inputs[step.input] ?? step.input} (input "${step.input}") as ${step.output}.`,

  async run(step, env) {
    const file = env.inputs[step.input]!;
    let der: Uint8Array;
    try {
      der = pemToChain(fs.readFileSync(file, 'utf8'))[0]!;
      viewCertificate(der);
    } catch (e) {
      throw new CeremonyError('STEP_FAILED', `The input "${step.input}" (${file}) is not a readable PEM certificate.`, { cause: e, details: { input: step.input } });
    }
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
      inputs: { input: step.input, file },
      outputs: [output],
      data: { subject: formatName(v.subject), certificateSha256: toHex(sha256(der)), notAfter: v.notAfter.toISOString(), certificatePem: pemLines(pem) },
    };
  },

  restore(step, _entry, env) {
    env.state.certs.set(step.id, { der: pemToChain(new TextDecoder().decode(readOutput(env.dir, step.output)))[0]!, file: step.output });
  },
};
