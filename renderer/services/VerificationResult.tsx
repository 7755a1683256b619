// The verdict on a bundle checked in "Verify a signature": verified (who signed it, which issuer) or refused (why,
// in words, with the code), above the bundle decoded by the same view a rehearsal uses; raw JSON one click away.
import type { BundleVerifyView } from '../../app/contract';
import { RehearsalResult } from './RehearsalResult';

function Verdict({ v }: { v: BundleVerifyView }) {
  if (v.verified && v.verification) {
    const who = v.verification.identity ?? 'a trusted key';
    return (
      <>
        <h3 className="verdict ok" role="status" data-testid="verify-verdict">
          Verified — signed by {who}
          {v.verification.issuer ? `, issuer ${v.verification.issuer}` : ''}
        </h3>
        <p className="muted">
          {v.artifact ? `${v.artifact} is the file that was signed. ` : 'The payload inside the DSSE envelope was checked. '}
          Checked against {v.trustedRootFrom}
          {v.verification.timestamps > 0 ? `; ${v.verification.timestamps} timestamp(s) verified` : ''}.
        </p>
      </>
    );
  }
  return (
    <>
      <h3 className="verdict bad" role="alert" data-testid="verify-verdict">
        Refused — {v.failure?.message ?? 'the bundle did not verify.'}
      </h3>
      <p className="muted">
        Required: signed by {v.required.identity}, issuer {v.required.issuer}; checked against {v.trustedRootFrom}. Code <code>{v.failure?.code ?? 'VERIFICATION_FAILED'}</code>.
      </p>
    </>
  );
}

export function VerificationResult({ v }: { v: BundleVerifyView }) {
  return (
    <>
      <RehearsalResult r={v.bundle} heading={<Verdict v={v} />} testId="verify-result" refused={!v.verified} />
      <details>
        <summary>Raw verdict (JSON)</summary>
        <pre>{JSON.stringify({ ...v, bundle: undefined }, null, 2)}</pre>
      </details>
    </>
  );
}
