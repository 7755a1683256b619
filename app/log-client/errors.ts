// Typed errors of the Rekor v1 client: what went wrong talking to a log, with the HTTP status when there was one.
import { RootsmithError } from '../../core/errors';

export type LogClientErrorCode =
  | 'LOG_UNREACHABLE' // no HTTP answer (connection refused, unknown host, connection dropped)
  | 'LOG_TIMEOUT' // the log did not answer within the client's timeout
  | 'LOG_NOT_FOUND' // 404: no such entry or route
  | 'LOG_REJECTED' // another 4xx/5xx answer; details carry status and the log's own code/message
  | 'LOG_RESPONSE_INVALID'; // the answer is not the Rekor v1 shape

export class LogClientError extends RootsmithError<LogClientErrorCode> {}
