// The certificate profiles, by id.
import { fulcioIntermediateProfile } from './fulcio-intermediate';
import { fulcioLeafProfile } from './fulcio-leaf';
import { rootCaProfile } from './root-ca';
import { tsaIntermediateProfile } from './tsa-intermediate';
import { tsaLeafProfile } from './tsa-leaf';
import type { ProfileId, ProfileRules } from './types';

export const PROFILES = {
  'root-ca': rootCaProfile,
  'fulcio-intermediate': fulcioIntermediateProfile,
  'tsa-intermediate': tsaIntermediateProfile,
  'tsa-leaf': tsaLeafProfile,
  'fulcio-leaf': fulcioLeafProfile,
} as const;

export function profileRules(id: ProfileId): ProfileRules {
  return PROFILES[id].rules;
}

export * from './types';
export * from './common';
export * from './root-ca';
export * from './fulcio-intermediate';
export * from './tsa-intermediate';
export * from './tsa-leaf';
export * from './fulcio-leaf';
