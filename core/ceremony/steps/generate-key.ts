// generate-key: a new key pair in the key store (non-extractable on a token; an encrypted file in a rehearsal).
// When a run is resumed, a key already there under the step's label (made by a run that crashed before recording
// it) is adopted, and the transcript says so; never a second key. A fresh ceremony refuses a label already taken.
import { KeyError } from '../../keys/errors';
import { CeremonyError } from '../errors';
import type { GenerateKeyStep } from '../plan-schema';
import { keyData, keyFromEntry } from './key-record';
import type { StepHandler } from './types';

/** A fresh ceremony found the label taken: the key belongs to someone else (or to another ceremony). */
export function labelTaken(label: string, where: string): KeyError {
  return new KeyError('KEY_LABEL_EXISTS', `The ${where} already holds a key labelled "${label}" and this ceremony did not create it (its transcript does not record it). Choose another label in the plan, or another token or key directory.`, { details: { label } });
}

export const generateKey: StepHandler<GenerateKeyStep> = {
  describe: (step, env) =>
    env.keyLocation === 'files'
      ? `Generate a new ${step.algorithm} key pair labelled "${step.label}" as an encrypted rehearsal key file (software, not an HSM: the private key can be copied).`
      : `Generate a new ${step.algorithm} key pair labelled "${step.label}" inside the token (private key non-extractable).`,

  async run(step, env) {
    const store = await env.keyStore();
    const existing = await store.findKey(step.label);
    if (existing && !env.resuming) {
      // A fresh ceremony never takes over a key it did not make: the label belongs to someone else's key.
      throw labelTaken(step.label, store.description);
    }
    if (existing) {
      if (existing.algorithm !== step.algorithm) {
        throw new CeremonyError('KEY_MISMATCH', `The token already holds a ${existing.algorithm} key labelled "${step.label}", but this step generates an ${step.algorithm} key; remove or relabel it, or change the plan.`, { details: { label: step.label } });
      }
      if (store.hardware && (existing.extractable !== false || existing.sensitive === false)) {
        throw new CeremonyError('KEY_MISMATCH', `The token already holds a key labelled "${step.label}" that is not sensitive and non-extractable; refusing to adopt it.`, { details: { label: step.label } });
      }
      env.state.keys.set(step.id, existing);
      return {
        action: `Adopted the ${step.algorithm} key "${step.label}" already on ${store.description}: an interrupted run created it but did not record it`,
        inputs: { label: step.label, algorithm: step.algorithm },
        outputs: [],
        data: keyData(existing, 'adopted'),
      };
    }
    const key = await store.generateKey(step.label, step.algorithm);
    if (store.hardware && key.extractable !== false) {
      throw new CeremonyError('STEP_FAILED', `The token does not report the new key "${step.label}" as non-extractable.`, { details: { label: step.label } });
    }
    env.state.keys.set(step.id, key);
    return {
      action: `Generated the ${step.algorithm} key pair "${step.label}" on ${store.description}`,
      inputs: { label: step.label, algorithm: step.algorithm },
      outputs: [],
      data: keyData(key, 'generated'),
    };
  },

  restore(step, entry, env) {
    env.state.keys.set(step.id, keyFromEntry(entry));
  },
};
