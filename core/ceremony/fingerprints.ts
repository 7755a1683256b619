// fingerprints.txt: one line per key and certificate of the ceremony (SHA-256 of the DER SPKI or certificate,
// and its first 8 bytes as words to read aloud), written when the ceremony completes and recorded on the end line.
import { bytesEqual } from '../bytes';
import { fingerprint } from '../keys/spki';
import { CeremonyError } from './errors';
import type { Plan } from './plan-schema';
import { recordOf, unrecordedOutput, writeOutput } from './steps/outputs';
import type { CeremonyState } from './steps/types';
import type { TranscriptOutput } from './transcript-entry';

export const FINGERPRINTS_FILE = 'fingerprints.txt';

export function fingerprintsText(plan: Plan, state: CeremonyState): string {
  const lines = [`# ${plan.title}: SHA-256 fingerprints (keys: of the DER SubjectPublicKeyInfo; certificates: of the DER certificate).`];
  for (const step of plan.steps) {
    const key = state.keys.get(step.id);
    if (key && (step.type === 'generate-key' || step.type === 'existing-key')) {
      const fp = fingerprint(key.spki);
      lines.push(`key          ${key.label}  ${fp.sha256Hex}  ${fp.words}`);
    }
    const cert = state.certs.get(step.id);
    if (cert) {
      // Same form as a key's fingerprint, over the DER certificate instead of the SPKI.
      const fp = fingerprint(cert.der);
      lines.push(`certificate  ${cert.file}  ${fp.sha256Hex}  ${fp.words}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Writes fingerprints.txt, or keeps an identical one an interrupted run wrote before recording it. */
export function writeFingerprints(dir: string, plan: Plan, state: CeremonyState, recorded: ReadonlySet<string>): TranscriptOutput {
  const text = fingerprintsText(plan, state);
  const existing = unrecordedOutput(dir, FINGERPRINTS_FILE, recorded);
  if (!existing) return writeOutput(dir, FINGERPRINTS_FILE, text);
  if (!bytesEqual(existing, new TextEncoder().encode(text))) {
    throw new CeremonyError('OUTPUT_EXISTS', `${FINGERPRINTS_FILE} exists but does not list this ceremony's keys and certificates; move it away and run the ceremony again.`, { details: { file: FINGERPRINTS_FILE } });
  }
  return recordOf(FINGERPRINTS_FILE, existing);
}
