// Progress of long operations, published by services and carried by every transport (IPC, web host, CLI).
import type { ProgressEvent } from '../contract/api';

export interface ProgressHub {
  emit(event: ProgressEvent): void;
  subscribe(listener: (event: ProgressEvent) => void): () => void;
}

export function createProgressHub(): ProgressHub {
  const listeners = new Set<(event: ProgressEvent) => void>();
  return {
    emit: (event) => {
      for (const l of listeners) {
        try {
          l(event);
        } catch {
          // A broken listener (a closed window, a gone HTTP client) must not stop the operation it watches.
        }
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
