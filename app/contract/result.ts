// How every call crosses a transport: a value, or a typed error ({ code, message }) a person can act on.
// Electron's invoke keeps only an error's message, so failures travel as data, never as thrown errors.

export interface ApiError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
