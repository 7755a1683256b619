// A hash shown whole by default (`full`: wrapped, selectable, readable aloud and copyable), or short (first and
// last 8 hex digits, the whole value on hover) where a diagram has no room for it.
export function HashText({ hex, full = false, label }: { hex: string; full?: boolean; label?: string }) {
  if (full || hex.length <= 20) {
    return (
      <code className="hash wrap" title={label} data-hash={hex} style={{ userSelect: 'all' }}>
        {hex}
      </code>
    );
  }
  return (
    <code className="hash" title={hex} aria-label={label} data-hash={hex}>
      {`${hex.slice(0, 8)}…${hex.slice(-8)}`}
    </code>
  );
}
