// Typed errors of the TUF domain (keys, root chains, repository edits, signing sessions, publishing, clients).
// Messages say which role, version or key is at fault and what to do next.
import { RootsmithError } from '../errors';

export type TufErrorCode =
  | 'KEY_UNSUPPORTED'
  | 'KEYID_MISMATCH'
  | 'METADATA_INVALID'
  | 'ROOT_CHAIN_INVALID'
  | 'REPO_EXISTS'
  | 'REPO_NOT_FOUND'
  | 'ROLE_UNKNOWN'
  | 'KEY_NOT_FOUND'
  | 'THRESHOLD_INVALID'
  | 'THRESHOLD_UNREACHABLE'
  | 'KEY_DUPLICATE'
  | 'TARGET_NOT_FOUND'
  | 'TARGET_PATH_INVALID'
  | 'NOTHING_STAGED'
  | 'REQUEST_INVALID'
  | 'SIGNATURE_FILE_INVALID'
  | 'SIGNATURE_WRONG_REQUEST'
  | 'KEY_NOT_IN_ROLE'
  | 'SIGNATURE_INVALID'
  | 'THRESHOLD_NOT_MET'
  | 'ONLINE_KEY_MISMATCH'
  | 'FILE_EXISTS'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'EXPIRED'
  | 'ROLLBACK'
  | 'BAD_SIGNATURE'
  | 'TARGET_MISMATCH'
  | 'METADATA_MISMATCH'
  | 'DOWNLOAD_FAILED'
  | 'CLIENT_ERROR';

export class TufError extends RootsmithError<TufErrorCode> {}
