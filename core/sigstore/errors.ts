// Sigstore bundle verification failures, each with what it means for the person holding the bundle.
import { RootsmithError } from '../errors';

export type SigstoreErrorCode =
  | 'TRUST_MATERIAL_INVALID'
  | 'BUNDLE_INVALID'
  | 'TRUSTED_ROOT_INVALID'
  | 'TRUSTED_ROOT_UNAVAILABLE'
  | 'TLOG_INVALID'
  | 'CERTIFICATE_UNTRUSTED'
  | 'SIGNATURE_INVALID'
  | 'TIMESTAMP_INVALID'
  | 'IDENTITY_MISMATCH'
  | 'VERIFICATION_FAILED';

export class SigstoreError extends RootsmithError<SigstoreErrorCode> {}
