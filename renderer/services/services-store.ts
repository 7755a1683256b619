// The Services screen's store: the embedded private Sigstore's status, the last rehearsal, and the last bundle
// checked in "Verify a signature".
import { create } from 'zustand';
import type { BundleVerifyView, RehearsalView, RequestOf, StackStatus } from '../../app/contract';
import { api } from '../bridge/api';
import { useAppStore } from '../shell/app-store';
import { runCall } from '../shell/run-call';

interface ServicesState {
  status: StackStatus | null;
  busy: string | null;
  rehearsal: RehearsalView | null;
  refresh(): Promise<void>;
  /** Starts the stack; the request may carry a PIN, which goes to the backend and is not kept here. */
  start(request: RequestOf<'stack', 'start'>): Promise<void>;
  stop(): Promise<void>;
  rehearse(fileName: string, contentBase64: string, email: string): Promise<void>;
  verification: BundleVerifyView | null;
  verifyBundle(request: RequestOf<'bundle', 'verify'>): Promise<void>;
}

const run = runCall;

export const useServicesStore = create<ServicesState>()((set) => ({
  status: null,
  busy: null,
  rehearsal: null,
  verification: null,
  refresh: async () => {
    const r = await api.stack.status({});
    if (r.ok) set({ status: r.value });
  },
  start: async (request) => {
    const status = await run(set, 'Starting the log, TSA, CA, test OIDC issuer and TUF mirror…', () => api.stack.start(request));
    if (status) {
      set({ status });
      // Whatever failed before (an earlier start, a refused click) no longer describes the services: they run.
      useAppStore.getState().showError(null);
    }
  },
  stop: async () => {
    const status = await run(set, 'Stopping the services…', () => api.stack.stop({}));
    if (status) set({ status, rehearsal: null });
  },
  rehearse: async (fileName, contentBase64, email) => {
    set({ rehearsal: null });
    const rehearsal = await run(set, `Signing ${fileName} through the local stack and verifying it…`, () => api.stack.rehearse({ fileName, contentBase64, email }));
    if (rehearsal) set({ rehearsal });
    const r = await api.stack.status({});
    if (r.ok) set({ status: r.value });
  },
  verifyBundle: async (request) => {
    set({ verification: null });
    const verification = await run(set, 'Verifying the bundle…', () => api.bundle.verify(request));
    if (verification) set({ verification });
  },
}));
