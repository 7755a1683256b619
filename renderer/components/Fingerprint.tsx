// A public key fingerprint as people compare it in a ceremony: SHA-256 hex in groups, and words to read aloud.
import type { Fingerprint as FingerprintData } from '../../app/contract';

export function Fingerprint({ value, large = false }: { value: FingerprintData; large?: boolean }) {
  const groups = value.sha256Hex.match(/.{1,4}/g) ?? [];
  return (
    <div className={large ? 'fingerprint fingerprint-large' : 'fingerprint'} data-testid="fingerprint">
      <code className="fingerprint-hex" aria-label="SHA-256 fingerprint">
        {groups.join(' ')}
      </code>
      <div className="fingerprint-words" aria-label="Fingerprint words">
        {value.words}
      </div>
    </div>
  );
}
