// Public API of the TUF domain: keys, root-chain verification, the repository model, offline signing
// sessions, publishing, and verification through the real tuf-js client.
export { TufError, type TufErrorCode } from './errors';
export { canonicalBytes, formatMetadataJson, parseJsonObject, type JSONObject, type JSONValue } from './metadata-json';
export { metadataFromJSON, metadataToJSON, signedToJSON, targetsFromJSON, type AnySigned } from './metadata-codec';
export {
  tufKeyFromSpki,
  keyIdOf,
  computedKeyId,
  keyOwner,
  keyOnlineUri,
  keyLabel,
  publicKeyOfTufKey,
  spkiOfTufKey,
  KEY_OWNER_FIELD,
  ONLINE_URI_FIELD,
  type TufKeyAnnotations,
} from './tuf-key';
export { verifyTufSignature } from './verify-signature';
export {
  verifyRootChain,
  assertRootChain,
  type RootFile,
  type RootChainReport,
  type RootVersionReport,
  type ThresholdCheck,
} from './verify-root-chain';
export { DEFAULT_EXPIRY_DAYS, tufTime, type ExpiryPolicy } from './expiry';
export { repoLayout, TOP_LEVEL_ROLES, type RepoLayout, type TopLevelRole } from './repo-layout';
export { TufRepository, type CreateRepositoryOptions, type DelegationInput, type RoleKeysInput } from './repository';
export { type RepoState, type PublishedState, type StagedState } from './repo-state';
export { targetFileFromBytes } from './target-file';
export { type MetadataDiff, type KeyRef, type RoleChange, type TargetChange, type TargetInfo } from './metadata-diff';
export {
  signingRequestSchema,
  parseSigningRequest,
  loadSigningRequest,
  payloadBytes,
  requestFileName,
  type SigningRequest,
} from './signing-request';
export { signatureFileSchema, parseSignatureFile, loadSignatureFile, type SignatureFile } from './signature-file';
export { signRequest } from './sign-request';
export { importSignature, loadSessionRequests, type ImportResult } from './import-signature';
export { type ThresholdStatus, type GroupStatus } from './threshold-status';
export { type PublishResult, type OnlineExpiry } from './publish';
export { verifyWithClient, type ClientVerifyOptions, type ClientVerifyResult, type ClientTarget } from './verify-with-client';
export { mapClientError } from './client-errors';
