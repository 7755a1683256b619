// Typed errors of the PKI domain (certificate building, profiles, linting, CSRs, chains), with stable codes.
import { RootsmithError } from '../errors';

export type PkiErrorCode =
  | 'LINT_FAILED' // the linter found at least one error; details.findings lists every finding
  | 'CSR_INVALID' // a PKCS#10 request that does not parse or whose self-signature does not verify
  | 'CERT_INVALID' // bytes that are not a DER X.509 certificate, or a template that cannot be encoded
  | 'CHAIN_INVALID' // a chain that does not link, verify or fit in time
  | 'SIGNATURE_INVALID' // a signature we just made (or were given) does not verify with the expected key
  | 'PROFILE_VIOLATION' // parameters a profile cannot build from (e.g. a key algorithm it does not allow)
  | 'TBS_MISMATCH'; // what was signed for real differs from what was linted

export class PkiError extends RootsmithError<PkiErrorCode> {}
