// One handler per step type.
import type { PlanStep } from '../plan-schema';
import { certificate } from './certificate';
import { chain } from './chain';
import { existingKey } from './existing-key';
import { generateKey } from './generate-key';
import { importCertificate } from './import-certificate';
import { publicKey } from './public-key';
import type { StepHandler } from './types';

const handlers: { [T in PlanStep['type']]: StepHandler<Extract<PlanStep, { type: T }>> } = {
  'generate-key': generateKey,
  'existing-key': existingKey,
  'import-certificate': importCertificate,
  certificate,
  'public-key': publicKey,
  chain,
};

export function handlerFor<S extends PlanStep>(step: S): StepHandler<S> {
  return handlers[step.type] as unknown as StepHandler<S>;
}

export type { KeyStore, KeyRecord, CeremonyState, StepEnv, StepOutcome, StepHandler } from './types';
