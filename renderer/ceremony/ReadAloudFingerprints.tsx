// The fingerprint of every key generated and certificate signed so far, LARGE, for the witnesses to compare and
// write down as each step completes (newest first).
import type { TranscriptLineView } from '../../app/contract';
import { Fingerprint } from '../components/Fingerprint';

export function ReadAloudFingerprints({ lines }: { lines: TranscriptLineView[] }) {
  const items = lines.filter((l) => l.kind === 'step' && (l.key || l.certificate)).reverse();
  if (items.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="fingerprints-heading" data-testid="fingerprints">
      <h2 id="fingerprints-heading">Fingerprints — read each aloud to the witnesses</h2>
      <ul className="fingerprint-board">
        {items.map((l) => (
          <li key={l.seq} className="fingerprint-item" data-testid="fingerprint-item" data-step={l.step}>
            {l.key ? (
              <>
                <h3>
                  Key “{l.key.label}” <span className="badge">{l.key.algorithm}</span> <span className="muted">step {l.step}</span>
                </h3>
                <p className="muted">SHA-256 of the public key (DER SubjectPublicKeyInfo)</p>
                <Fingerprint value={{ sha256Hex: l.key.spkiSha256, words: l.key.words }} large />
              </>
            ) : (
              <>
                <h3>
                  Certificate {l.outputs[0]?.file ?? ''} <span className="muted">step {l.step}</span>
                </h3>
                <p className="muted">
                  {l.certificate!.subject} — issued by {l.certificate!.issuer}. SHA-256 of the DER certificate
                </p>
                <Fingerprint value={{ sha256Hex: l.certificate!.sha256, words: l.certificate!.words }} large />
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
