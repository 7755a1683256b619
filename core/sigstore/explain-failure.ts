// Turns @sigstore/verify's error codes into typed errors whose messages say what failed and what to check.
import { SigstoreError, type SigstoreErrorCode } from './errors';

const explanations: Record<string, { code: SigstoreErrorCode; hint: string }> = {
  TLOG_ERROR: { code: 'TLOG_INVALID', hint: 'the transparency log entry does not match this bundle or no trusted log knows it' },
  TLOG_INCLUSION_PROOF_ERROR: { code: 'TLOG_INVALID', hint: "the entry's inclusion proof or checkpoint does not verify against a log in the trusted root" },
  TLOG_INCLUSION_PROMISE_ERROR: { code: 'TLOG_INVALID', hint: "the log's signed entry timestamp does not verify with any log key in the trusted root" },
  TLOG_MISSING_INCLUSION_ERROR: { code: 'TLOG_INVALID', hint: 'the bundle has no inclusion proof or promise from a transparency log' },
  TLOG_BODY_ERROR: { code: 'TLOG_INVALID', hint: "the log entry's body does not describe this signature and artifact" },
  CERTIFICATE_ERROR: { code: 'CERTIFICATE_UNTRUSTED', hint: 'the signing certificate does not chain to a certificate authority in the trusted root, was not valid at signing time, or lacks a valid SCT' },
  PUBLIC_KEY_ERROR: { code: 'CERTIFICATE_UNTRUSTED', hint: 'the public key named by the bundle is not known' },
  SIGNATURE_ERROR: { code: 'SIGNATURE_INVALID', hint: 'the signature does not match the artifact: it was modified, or this is not the artifact that was signed' },
  TIMESTAMP_ERROR: { code: 'TIMESTAMP_INVALID', hint: 'a timestamp does not verify against a timestamp authority in the trusted root, or too few verified timestamps' },
  UNTRUSTED_SIGNER_ERROR: { code: 'IDENTITY_MISMATCH', hint: 'the certificate names a different identity or issuer than the one required' },
};

export function explainVerificationFailure(e: unknown): SigstoreError {
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  const known = typeof code === 'string' ? explanations[code] : undefined;
  if (!known) return new SigstoreError('VERIFICATION_FAILED', `The bundle did not verify: ${message}.`, { cause: e });
  return new SigstoreError(known.code, `The bundle did not verify: ${known.hint} (${String(code)}: ${message}).`, { cause: e, details: { sigstoreCode: String(code) } });
}
