// Typed errors for Rekor entry types: why a proposed entry is refused (HTTP 400 at the server; ENTRY_EXISTS 409, ENTRY_NOT_FOUND 404).
import { RootsmithError } from '../../errors';

export type RekorEntryErrorCode =
  | 'ENTRY_MALFORMED' // not JSON, or not the schema of its kind
  | 'KIND_UNSUPPORTED' // a kind or apiVersion this log does not accept
  | 'KEY_UNSUPPORTED' // the public key or certificate does not decode, or its algorithm is not accepted for the kind
  | 'SIGNATURE_INVALID' // a signature does not verify with the given key or certificate
  | 'ENTRY_EXISTS' // the same canonical body is already logged (details: uuid, logIndex)
  | 'ENTRY_NOT_FOUND'; // no entry with that index or UUID

export class RekorEntryError extends RootsmithError<RekorEntryErrorCode> {}
