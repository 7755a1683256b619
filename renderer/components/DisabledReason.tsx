// What a disabled button is waiting for, shown beside it and tied to it (aria-describedby), so nobody has to guess
// why a button does not respond (a disabled button is also skipped by Tab, so its reason must be visible).
export function DisabledReason({ id, reason }: { id: string; reason: string | null }) {
  if (!reason) return null;
  return (
    <small id={id} className="muted disabled-reason" data-testid={id}>
      {reason}
    </small>
  );
}
