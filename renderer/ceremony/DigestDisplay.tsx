// The final transcript digest, large, in hex and in words: the operator reads it aloud and every witness writes
// it down; anyone can later recompute it with `rootsmith ceremony verify`.
export function DigestDisplay({ digest, words }: { digest: string; words: string }) {
  const groups = digest.match(/.{1,8}/g) ?? [];
  return (
    <section className="digest" aria-labelledby="digest-heading" data-testid="digest">
      <h2 id="digest-heading">Transcript digest — read this aloud</h2>
      <code className="digest-hex" aria-label="Transcript digest (SHA-256)">
        {groups.join(' ')}
      </code>
      <div className="digest-words" aria-label="Transcript digest words">
        {words}
      </div>
    </section>
  );
}
