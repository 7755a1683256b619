// The Timestamps screen's store: the embedded TSA's status, the last token made and the last verification.
// Secrets for a given TSA key go straight to the start call and are never kept here.
import { create } from 'zustand';
import type { ApiError, DecodedTimestampView, TsaStatus, VerifyResult } from '../../app/contract';
import { api } from '../bridge/api';
import { useAppStore } from '../shell/app-store';
import { runCall } from '../shell/run-call';

export interface StampedFile {
  fileName: string;
  url: string;
  tokenBase64: string;
  decoded: DecodedTimestampView;
}

export interface StartOptions {
  key?: string;
  chainPath?: string;
  policy?: string;
  secret?: string;
}

interface TimestampsState {
  status: TsaStatus | null;
  busy: string | null;
  stamped: StampedFile | null;
  verified: VerifyResult | null;
  /** Why the last verification failed, shown beside the tool as well as in the banner. */
  verifyError: ApiError | null;
  /** A token opened for inspection (decoded only, not verified). */
  inspected: { fileName: string; decoded: DecodedTimestampView } | null;
  refresh(): Promise<void>;
  start(options: StartOptions): Promise<boolean>;
  stop(): Promise<void>;
  stamp(fileName: string, dataBase64: string, url?: string): Promise<boolean>;
  verify(tokenBase64: string, dataBase64: string, chainPem: string): Promise<boolean>;
  inspect(fileName: string, tokenBase64: string): Promise<void>;
}

const run = runCall;

export const useTimestampsStore = create<TimestampsState>()((set) => ({
  status: null,
  busy: null,
  stamped: null,
  verified: null,
  verifyError: null,
  inspected: null,
  refresh: async () => {
    // Polled for the live token count: failures here stay quiet rather than flash the banner every 2 s.
    const r = await api.tsa.status({});
    if (r.ok) set({ status: r.value });
  },
  start: async (options) => {
    const out = await run(set, 'Starting the timestamp authority…', () => api.tsa.start(options));
    if (out) set({ status: out });
    return out !== null;
  },
  stop: async () => {
    const out = await run(set, 'Stopping the timestamp authority…', () => api.tsa.stop({}));
    if (out) set({ status: out });
  },
  stamp: async (fileName, dataBase64, url) => {
    set({ verified: null, verifyError: null });
    const out = await run(set, `Timestamping ${fileName}…`, () => api.tsa.stamp(url ? { dataBase64, url } : { dataBase64 }));
    if (!out) return false;
    set({ stamped: { fileName, url: out.url, tokenBase64: out.tokenBase64, decoded: out.decoded }, inspected: null });
    return true;
  },
  verify: async (tokenBase64, dataBase64, chainPem) => {
    set({ verified: null, verifyError: null });
    const out = await run(set, 'Verifying the timestamp token…', () => api.tsa.verify({ tokenBase64, dataBase64, chainPem }));
    if (out) set({ verified: out });
    else set({ verifyError: useAppStore.getState().error });
    return out !== null;
  },
  inspect: async (fileName, tokenBase64) => {
    const out = await run(set, `Decoding ${fileName}…`, () => api.tsa.decode({ tokenBase64 }));
    if (out) set({ inspected: { fileName, decoded: out } });
  },
}));
