// Public API of the embedded RFC 3161 timestamp authority (core only; the HTTP server is in app/servers).
export { TimestampAuthority, type TimestampAuthorityOptions, type TimestampResult } from './authority';
export { parseTimestampRequest, requestFromDigest, type DigestRequest, type TimestampRequest, type RequestParseResult, type ParseRequestOptions, type FailureInfo } from './request';
export { PersistentSerialSource, type SerialNumberSource, type SerialStoreOptions } from './serial';
export { buildTstInfo, genTimeFor, type TsaAccuracy, type TstInfoInput } from './tstinfo';
export { grantedResponse, rejectionResponse, FAILURE_BITS } from './response';
export { decodeTimestamp, type DecodedTimestamp, type DecodedToken, type StatusName } from './decode';
export { verifyTimestamp, type VerifyTimestampOptions, type VerifiedTimestamp } from './verify';
export type { CertSummary } from './names';
export { TsaError, type TsaErrorCode } from './errors';
