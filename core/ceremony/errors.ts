// Ceremony failures: plan validation, transcript integrity, steps that cannot proceed.
import { RootsmithError } from '../errors';

export type CeremonyErrorCode =
  | 'PLAN_INVALID'
  | 'PLAN_NOT_FOUND'
  | 'TRANSCRIPT_CORRUPT'
  | 'TRANSCRIPT_MISMATCH'
  | 'OUTPUT_MISSING'
  | 'OUTPUT_MODIFIED'
  | 'OUTPUT_EXISTS'
  | 'STEP_FAILED'
  | 'CONFIRMATION_REFUSED'
  | 'KEY_MISMATCH'
  | 'INPUT_MISMATCH'
  | 'CEREMONY_DIR_INVALID';

export class CeremonyError extends RootsmithError<CeremonyErrorCode> {}
