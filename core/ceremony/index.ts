// Public API of core/ceremony: plans (schema, loading, validation), the step engine and its KeyStore seam, the
// hash-chained transcript and its verification.
export * from './errors';
export * from './plan-schema';
export { parsePlan, loadPlanFile, type LoadedPlan } from './plan-load';
export { validatePlan, validityWindow, type PlanProblem } from './plan-validate';
export { resolveInputs } from './plan-inputs';
export { runCeremony, stepTitle, TRANSCRIPT_FILE, type CeremonyUi, type CeremonyEvent, type CeremonyOptions, type CeremonyResult, type StepView } from './engine';
export { pkcs11KeyStore, openPkcs11KeyStore } from './key-store-pkcs11';
export { softwareKeyStore } from './key-store-software';
export { handlerFor } from './steps';
export type { KeyStore, KeyRecord } from './steps/types';
export { Transcript } from './transcript';
export * from './transcript-entry';
export { checkTranscriptText, verifyTranscriptFile, type TranscriptCheck, type TranscriptProblem } from './transcript-verify';
export { digestWords } from './digest-words';
export { verifyCeremonyDir, type CeremonyCheck } from './ceremony-verify';
