// How every screen calls the backend: an optional busy label while the call runs, and failures shown in the
// error banner (code and message) instead of thrown. Returns the value, or null when the call failed.
import type { ApiError, Result } from '../../app/contract';
import { useAppStore } from './app-store';

export async function runCall<T>(set: (s: { busy: string | null }) => void, busy: string | null, call: () => Promise<Result<T>>): Promise<T | null> {
  const { showError } = useAppStore.getState();
  if (busy) {
    set({ busy });
    showError(null);
  }
  try {
    const r = await call();
    if (!r.ok) {
      showError(r.error);
      return null;
    }
    return r.value;
  } catch (e) {
    const error: ApiError = { code: 'INTERNAL', message: String(e) };
    showError(error);
    return null;
  } finally {
    if (busy) set({ busy: null });
  }
}
