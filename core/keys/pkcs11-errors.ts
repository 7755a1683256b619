// Turns PKCS#11 return values (CKR_*) thrown by pkcs11js/graphene into KeyErrors with stable codes.
// The CKR name and the PKCS#11 function go into details; secrets never reach these errors.
import { KeyError, type KeyErrorCode } from './errors';

const CKR_TO_CODE: Readonly<Record<string, KeyErrorCode>> = {
  CKR_PIN_INCORRECT: 'PIN_INCORRECT',
  CKR_PIN_INVALID: 'PIN_INCORRECT',
  CKR_PIN_LEN_RANGE: 'PIN_INCORRECT',
  CKR_PIN_LOCKED: 'PIN_LOCKED',
  CKR_USER_NOT_LOGGED_IN: 'NOT_LOGGED_IN',
  CKR_USER_PIN_NOT_INITIALIZED: 'NOT_LOGGED_IN',
  CKR_MECHANISM_INVALID: 'MECHANISM_UNSUPPORTED',
  CKR_MECHANISM_PARAM_INVALID: 'MECHANISM_UNSUPPORTED',
  CKR_CURVE_NOT_SUPPORTED: 'MECHANISM_UNSUPPORTED',
  CKR_DOMAIN_PARAMS_INVALID: 'MECHANISM_UNSUPPORTED',
  CKR_KEY_TYPE_INCONSISTENT: 'MECHANISM_UNSUPPORTED',
  CKR_TOKEN_NOT_PRESENT: 'TOKEN_NOT_FOUND',
  CKR_TOKEN_NOT_RECOGNIZED: 'TOKEN_NOT_FOUND',
  CKR_DEVICE_REMOVED: 'TOKEN_NOT_FOUND',
  CKR_SLOT_ID_INVALID: 'SLOT_NOT_FOUND',
  CKR_KEY_HANDLE_INVALID: 'KEY_NOT_FOUND',
  CKR_OBJECT_HANDLE_INVALID: 'KEY_NOT_FOUND',
};

/** The CKR_* name carried by a pkcs11js/graphene error, if any. */
export function ckrName(e: unknown): string | undefined {
  if (!(e instanceof Error)) return undefined;
  return /\bCKR_[A-Z0-9_]+/.exec(e.message)?.[0];
}

/** Wraps any error from a PKCS#11 call made while doing `what` (e.g. "generating key root-2026"). */
export function pkcs11Error(e: unknown, what: string): KeyError {
  if (e instanceof KeyError) return e;
  const ckr = ckrName(e);
  const code: KeyErrorCode = (ckr && CKR_TO_CODE[ckr]) || 'PKCS11_ERROR';
  const method = e instanceof Error && 'method' in e && typeof e.method === 'string' && e.method !== '' ? e.method : undefined;
  const details: Record<string, unknown> = {};
  if (ckr) details.ckr = ckr;
  if (method) details.function = method;
  return new KeyError(code, `The token refused ${what}${ckr ? ` (${ckr})` : ''}.`, { cause: e, details });
}
