// Errors as readable messages with their code, dismissible, announced to screen readers.
import { useAppStore } from './app-store';

export function ErrorBanner() {
  const error = useAppStore((s) => s.error);
  const dismiss = useAppStore((s) => s.showError);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <span className="error-code">{error.code}</span>
      <span className="error-message">{error.message}</span>
      <button type="button" onClick={() => dismiss(null)} aria-label="Dismiss error">
        ×
      </button>
    </div>
  );
}
