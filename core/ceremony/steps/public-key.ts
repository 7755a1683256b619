// public-key: exports a key's SubjectPublicKeyInfo as a .pub PEM (the transparency and CT log keys, for the
// services and trusted_root.json). Public material only.
import { bytesEqual } from '../../bytes';
import { fingerprint, spkiToPem } from '../../keys/spki';
import { CeremonyError } from '../errors';
import type { PublicKeyStep } from '../plan-schema';
import { recordOf, unrecordedOutput, writeOutput } from './outputs';
import type { StepHandler } from './types';

export const publicKey: StepHandler<PublicKeyStep> = {
  describe: (step, env) => `Write the public key of "${env.state.keys.get(step.key)?.label ?? step.key}" to ${step.output}.`,

  async run(step, env) {
    const key = env.state.keys.get(step.key)!;
    const pem = spkiToPem(key.spki);
    const existing = unrecordedOutput(env.dir, step.output, env.recorded);
    let output;
    if (existing) {
      // A crash between writing and recording: the file is kept only if it is exactly what this step writes.
      if (!bytesEqual(existing, new TextEncoder().encode(pem))) {
        throw new CeremonyError('OUTPUT_EXISTS', `${step.output} exists but is not the public key of "${key.label}"; move it away and run the ceremony again.`, { details: { file: step.output } });
      }
      output = recordOf(step.output, existing);
    } else {
      output = writeOutput(env.dir, step.output, pem);
    }
    const fp = fingerprint(key.spki);
    return {
      action: `Exported the public key of "${key.label}" to ${step.output}${existing ? ' (found written by an interrupted run, checked)' : ''}`,
      inputs: { key: step.key },
      outputs: [output],
      data: { label: key.label, spkiSha256: fp.sha256Hex, fingerprintWords: fp.words },
    };
  },

  restore() {},
};
