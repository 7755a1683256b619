// The renderer's only door to the backend: `window.rootsmith` (Electron preload) or, in the web host, the same
// contract over fetch with the per-launch token taken from the URL fragment.
import type { ApiError, ProgressEvent, Result, RootsmithApi, RootsmithBridge } from '../../app/contract';

declare global {
  interface Window {
    rootsmith?: RootsmithBridge;
  }
}

function launchToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('rootsmith.token', fromHash);
    history.replaceState(null, '', window.location.pathname);
    return fromHash;
  }
  return sessionStorage.getItem('rootsmith.token') ?? '';
}

/** Reads the web host's server-sent progress events with fetch (EventSource cannot send the token). */
function subscribeHttpProgress(token: string, listener: (event: ProgressEvent) => void): () => void {
  const controller = new AbortController();
  void (async () => {
    try {
      const res = await fetch('/api/events', { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
      const reader = res.body?.getReader();
      if (!reader) return;
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of frame.split('\n')) if (line.startsWith('data: ')) listener(JSON.parse(line.slice(6)) as ProgressEvent);
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted on unsubscribe, or the backend went away: the status bar shows that through its own polling.
    }
  })();
  return () => controller.abort();
}

function httpBridge(token: string): RootsmithBridge {
  const call = async (service: string, method: string, request: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`/api/${service}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(request ?? {}),
      });
      return (await res.json()) as Result<unknown>;
    } catch (e) {
      const error: ApiError = { code: 'BACKEND_UNREACHABLE', message: `The Rootsmith backend did not answer (${String(e)}). Is it still running?` };
      return { ok: false, error };
    }
  };
  const services = new Proxy({} as RootsmithApi, {
    get: (_t, service: string) => new Proxy({}, { get: (_s, method: string) => (request: unknown) => call(service, method, request) }),
  });
  const onProgress = (listener: (event: ProgressEvent) => void) => subscribeHttpProgress(token, listener);
  return new Proxy(services as RootsmithBridge, { get: (t, key: string) => (key === 'onProgress' ? onProgress : Reflect.get(t, key)) });
}

export const api: RootsmithBridge = window.rootsmith ?? httpBridge(launchToken());
