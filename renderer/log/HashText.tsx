// A 32-byte hash shown short (first and last 8 hex digits) with the whole value on hover and for copying.
export function HashText({ hex, full = false, label }: { hex: string; full?: boolean; label?: string }) {
  const text = full || hex.length <= 20 ? hex : `${hex.slice(0, 8)}…${hex.slice(-8)}`;
  return (
    <code className="hash" title={hex} aria-label={label} data-hash={hex}>
      {text}
    </code>
  );
}
