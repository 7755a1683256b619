// chain: the PEM bundle a private Fulcio or TSA loads, leaf first, ending with the root; verified as a chain
// (names, key identifiers, signatures, CA flags, validity) before it is written.
import { bytesEqual } from '../../bytes';
import { chainToPem, verifyChain } from '../../pki/chain';
import { CeremonyError } from '../errors';
import type { ChainStep } from '../plan-schema';
import { recordOf, unrecordedOutput, writeOutput } from './outputs';
import type { StepHandler } from './types';

export const chain: StepHandler<ChainStep> = {
  describe: (step) => `Verify the chain ${step.certificates.join(' -> ')} and write it leaf first to ${step.output}.`,

  async run(step, env) {
    const ders = step.certificates.map((id) => env.state.certs.get(id)!.der);
    verifyChain(ders, env.clock.now());
    const pem = chainToPem(ders);
    const existing = unrecordedOutput(env.dir, step.output, env.recorded);
    if (existing && !bytesEqual(existing, new TextEncoder().encode(pem))) {
      throw new CeremonyError('OUTPUT_EXISTS', `${step.output} exists but is not this chain; move it away and run the ceremony again.`, { details: { file: step.output } });
    }
    const output = existing ? recordOf(step.output, existing) : writeOutput(env.dir, step.output, pem);
    return {
      action: `Verified and wrote the chain ${step.output} (${step.certificates.join(' -> ')})`,
      inputs: { certificates: step.certificates },
      outputs: [output],
      data: { files: step.certificates.map((id) => env.state.certs.get(id)!.file) },
    };
  },

  restore() {},
};
