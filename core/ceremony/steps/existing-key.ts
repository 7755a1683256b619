// existing-key: a key already on the token (e.g. the old root, to re-issue or cross-sign), found by label and,
// when the plan pins it, checked against its SPKI fingerprint.
import { sha256, toHex } from '../../bytes';
import { CeremonyError } from '../errors';
import type { ExistingKeyStep } from '../plan-schema';
import { keyData, keyFromEntry } from './key-record';
import type { StepHandler } from './types';

export const existingKey: StepHandler<ExistingKeyStep> = {
  describe: (step) => `Find the existing key "${step.label}" on the token${step.spkiSha256 ? ` and check its fingerprint is ${step.spkiSha256}` : ''}.`,

  async run(step, env) {
    const store = await env.keyStore();
    const key = await store.findKey(step.label);
    if (!key) {
      throw new CeremonyError('STEP_FAILED', `There is no key labelled "${step.label}" on ${store.description}.`, { details: { label: step.label } });
    }
    const got = toHex(sha256(key.spki));
    if (step.spkiSha256 !== undefined && got !== step.spkiSha256) {
      throw new CeremonyError('KEY_MISMATCH', `The key "${step.label}" has fingerprint ${got}, not the ${step.spkiSha256} the plan expects.`, { details: { label: step.label } });
    }
    env.state.keys.set(step.id, key);
    return {
      action: `Found the existing ${key.algorithm} key "${step.label}" on ${store.description}`,
      inputs: { label: step.label, ...(step.spkiSha256 ? { spkiSha256: step.spkiSha256 } : {}) },
      outputs: [],
      data: keyData(key, 'found'),
    };
  },

  restore(step, entry, env) {
    env.state.keys.set(step.id, keyFromEntry(entry));
  },
};
