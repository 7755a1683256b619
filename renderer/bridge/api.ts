// The renderer's only door to the backend: `window.rootsmith` (Electron preload) or, in the web host, the same
// contract over fetch with the per-launch token taken from the URL fragment.
import type { ApiError, Result, RootsmithApi } from '../../app/contract';

declare global {
  interface Window {
    rootsmith?: RootsmithApi;
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

function httpBridge(token: string): RootsmithApi {
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
  return new Proxy({} as RootsmithApi, {
    get: (_t, service: string) => new Proxy({}, { get: (_s, method: string) => (request: unknown) => call(service, method, request) }),
  });
}

export const api: RootsmithApi = window.rootsmith ?? httpBridge(launchToken());
