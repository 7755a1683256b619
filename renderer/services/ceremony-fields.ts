// The "Start with ceremony keys" form's values, their field-level checks (the same rules as the stack.start
// schema, so mistakes show at the field before anything is sent), and the request they become.
import type { RequestOf } from '../../app/contract';

export type StartRequest = RequestOf<'stack', 'start'>;

export const ceremonyFieldNames = ['logKey', 'tsaKey', 'tsaChain', 'tsaPolicy', 'caKey', 'caChain', 'ctlogKey', 'oidcIssuer', 'pin', 'passphrase'] as const;
export type CeremonyField = (typeof ceremonyFieldNames)[number];
export type CeremonyValues = Record<CeremonyField, string>;
export type FieldErrors = Partial<Record<CeremonyField | 'form', string>>;

export const emptyCeremonyValues: CeremonyValues = {
  logKey: '',
  tsaKey: '',
  tsaChain: '',
  tsaPolicy: '',
  caKey: '',
  caChain: '',
  ctlogKey: '',
  oidcIssuer: '',
  pin: '',
  passphrase: '',
};

const isPkcs11 = (ref: string) => ref.startsWith('pkcs11:');

/** The key references filled in, trimmed. */
function keyRefs(v: CeremonyValues): string[] {
  return [v.logKey, v.tsaKey, v.caKey, v.ctlogKey].map((k) => k.trim()).filter((k) => k !== '');
}

export function needsPin(v: CeremonyValues): boolean {
  return keyRefs(v).some(isPkcs11);
}

export function needsPassphrase(v: CeremonyValues): boolean {
  return keyRefs(v).some((k) => !isPkcs11(k));
}

/** The services a start would run on rehearsal keys: those whose key was left empty while others were given. */
export function rehearsalServices(v: CeremonyValues): string[] {
  const empty = (f: CeremonyField) => v[f].trim() === '';
  const out: string[] = [];
  if (empty('logKey')) out.push('Transparency log (checkpoints and entry timestamps)');
  if (empty('tsaKey')) out.push('Timestamp authority (timestamps)');
  if (empty('caKey')) out.push('Certificate authority (signing certificates)');
  if (empty('ctlogKey')) out.push('CT log (certificate timestamps)');
  return out;
}

export function validateCeremony(v: CeremonyValues): FieldErrors {
  const errors: FieldErrors = {};
  const filled = (f: CeremonyField) => v[f].trim() !== '';
  if (keyRefs(v).length === 0) errors.form = 'Give at least one ceremony key; to run on rehearsal keys only, use "Start all services".';
  const pair = (key: CeremonyField, chain: CeremonyField, what: string) => {
    if (filled(key) && !filled(chain)) errors[chain] = `Give the ${what} chain file (PEM, leaf first) with its key.`;
    if (!filled(key) && filled(chain)) errors[key] = `Give the ${what} key with its chain file.`;
  };
  pair('tsaKey', 'tsaChain', 'TSA');
  pair('caKey', 'caChain', 'CA');
  if (filled('tsaPolicy') && !/^[0-2](\.(0|[1-9][0-9]*))+$/.test(v.tsaPolicy.trim())) errors.tsaPolicy = 'Must be an object identifier such as 1.3.6.1.4.1.57264.2.';
  if (filled('oidcIssuer') && !/^https?:\/\/[^\s/]+/i.test(v.oidcIssuer.trim())) errors.oidcIssuer = 'Must be an http(s) URL.';
  if (needsPin(v) && v.pin.length < 4) errors.pin = v.pin === '' ? 'Enter the User PIN: a key is on a PKCS#11 token.' : 'The PIN has at least 4 characters.';
  if (v.pin.length > 255) errors.pin = 'The PIN has at most 255 characters.';
  if (needsPassphrase(v) && v.passphrase === '') errors.passphrase = 'Enter the passphrase of the key files.';
  return errors;
}

/** The stack.start request: filled fields only; the PIN and passphrase only when a key needs them. */
export function ceremonyRequest(v: CeremonyValues, dataDir: string): StartRequest {
  const r: Record<string, string> = {};
  if (dataDir.trim() !== '') r.dataDir = dataDir.trim();
  for (const f of ['logKey', 'tsaKey', 'tsaChain', 'tsaPolicy', 'caKey', 'caChain', 'ctlogKey', 'oidcIssuer'] as const) {
    if (v[f].trim() !== '') r[f] = v[f].trim();
  }
  if (needsPin(v)) r.pin = v.pin;
  if (needsPassphrase(v)) r.passphrase = v.passphrase;
  return r as StartRequest;
}
