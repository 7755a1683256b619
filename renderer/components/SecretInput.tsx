// A PIN or passphrase field: never echoed, never autofilled or spell-checked, cleared by its owner after use.
interface Props {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  autoFocus?: boolean;
}

export function SecretInput({ id, label, value, onChange, autoFocus }: Props) {
  return (
    <label htmlFor={id} className="field">
      <span>{label}</span>
      <input id={id} type="password" autoComplete="off" spellCheck={false} value={value} autoFocus={autoFocus} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
