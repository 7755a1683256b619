// Typed errors of the timestamp authority: startup checks of the TSA key and chain, the serial store, and
// verification of timestamp tokens. Request problems are not errors: they become RFC 3161 rejections.
import { RootsmithError } from '../errors';

export type TsaErrorCode =
  | 'TSA_KEY_MISMATCH'
  | 'TSA_CERT_INVALID'
  | 'TSA_CHAIN_INVALID'
  | 'TSA_CONFIG_INVALID'
  | 'SERIAL_STORE_FAILED'
  | 'SIGNING_FAILED'
  | 'TOKEN_INVALID'
  | 'NOT_GRANTED'
  | 'IMPRINT_MISMATCH'
  | 'SIGNATURE_INVALID'
  | 'SIGNER_CERT_MISMATCH'
  | 'CHAIN_INVALID'
  | 'CERT_INVALID'
  | 'NONCE_MISMATCH'
  | 'POLICY_MISMATCH';

export class TsaError extends RootsmithError<TsaErrorCode> {}
