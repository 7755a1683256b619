// Typed errors of the log explorer's backend service (the Rekor client's own errors pass through unchanged).
import { RootsmithError } from '../../../core/errors';

export type LogServiceErrorCode =
  | 'LOG_EMBEDDED_NOT_RUNNING' // connect without a URL while no embedded log runs
  | 'LOG_EMBEDDED_ALREADY_RUNNING'
  | 'LOG_EMBEDDED_UNAVAILABLE' // this build has no embedded log starter
  | 'LOG_SECRET_REQUIRED' // the embedded log's key needs a PIN or passphrase the GUI cannot ask for here
  | 'LOG_STACK_OWNED' // stop asked for the log the Services stack runs
  | 'CHECKPOINT_UNKNOWN' // a consistency check between sizes whose checkpoints were never seen
  | 'SEARCH_UNSUPPORTED' // a query the log cannot answer (no index, or an unrecognised query)
  | 'LOG_KEY_UNKNOWN' // the log publishes no public key to check its checkpoint with
  | 'INDEX_OUT_OF_RANGE';

export class LogServiceError extends RootsmithError<LogServiceErrorCode> {}
