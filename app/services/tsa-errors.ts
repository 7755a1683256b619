// Errors of talking to a TSA over HTTP (the token checks themselves use core's TsaError codes).
import { RootsmithError } from '../../core/errors';

export type TsaClientErrorCode = 'TSA_UNREACHABLE' | 'TSA_HTTP_ERROR' | 'TSA_NOT_RUNNING' | 'TSA_ALREADY_RUNNING' | 'TSA_SECRET_REQUIRED' | 'TSA_STACK_OWNED';

export class TsaClientError extends RootsmithError<TsaClientErrorCode> {}
