// Typed errors of the keys domain (PKCS#11 tokens, software key files, PKCS#11 URIs).
// Messages say what to do next and never contain a PIN or passphrase.
import { RootsmithError } from '../errors';

export type KeyErrorCode =
  | 'MODULE_NOT_FOUND'
  | 'MODULE_INVALID'
  | 'TOKEN_NOT_FOUND'
  | 'SLOT_NOT_FOUND'
  | 'PIN_INCORRECT'
  | 'PIN_LOCKED'
  | 'NOT_LOGGED_IN'
  | 'MECHANISM_UNSUPPORTED'
  | 'KEY_NOT_FOUND'
  | 'KEY_LABEL_EXISTS'
  | 'KEY_ID_EXISTS'
  | 'KEY_FILE_EXISTS'
  | 'PASSPHRASE_INCORRECT'
  | 'PASSPHRASE_REQUIRED'
  | 'PASSPHRASE_TOO_SHORT'
  | 'KEY_UNSUPPORTED'
  | 'URI_INVALID'
  | 'TOKEN_INIT_FAILED'
  | 'PKCS11_ERROR';

export class KeyError extends RootsmithError<KeyErrorCode> {}
