// Typed errors of the local CA, its test OIDC issuer and its CT log; the HTTP adapters map codes to 4xx.
import { RootsmithError } from '../errors';

export type CaErrorCode =
  /** The identity token is not a well-formed JWT, or lacks a required claim. */
  | 'TOKEN_INVALID'
  /** The token's exp is past (or nbf/iat in the future) beyond the allowed skew. */
  | 'TOKEN_EXPIRED'
  /** The token's aud does not include "sigstore". */
  | 'TOKEN_AUDIENCE'
  /** The token's iss is not an issuer this CA trusts. */
  | 'TOKEN_ISSUER'
  /** The token's signature does not verify with any key of the issuer's JWKS. */
  | 'TOKEN_SIGNATURE'
  /** A JWKS or discovery document is malformed or unusable. */
  | 'JWKS_INVALID'
  /** The proof of possession does not verify with the submitted public key. */
  | 'POP_INVALID'
  /** The submitted public key is malformed or of an algorithm the CA does not certify. */
  | 'PUBLIC_KEY_INVALID'
  /** The token carries no identity this CA can put in a certificate. */
  | 'IDENTITY_UNSUPPORTED'
  /** A request to the CA is malformed (not JSON, missing fields, unsupported form). */
  | 'BAD_REQUEST'
  /** The CA key, chain or configuration cannot issue. */
  | 'CA_CONFIG'
  /** A CT log refused a submission or returned an unusable SCT. */
  | 'CT_SUBMISSION'
  /** A chain submitted to the CT log is not a precertificate chain it accepts. */
  | 'CT_CHAIN_INVALID'
  /** A CT log request names entries, sizes or hashes the log does not have. */
  | 'CT_NOT_FOUND'
  | 'CT_BAD_REQUEST';

export class CaError extends RootsmithError<CaErrorCode> {}
