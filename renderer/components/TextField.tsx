// A labelled text input with its field-level error, announced and tied to the input for screen readers.
interface Props {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  placeholder?: string;
  type?: 'text' | 'password';
}

export function TextField({ id, label, value, onChange, error, placeholder, type = 'text' }: Props) {
  return (
    <label htmlFor={id} className="field">
      <span>{label}</span>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </label>
  );
}
