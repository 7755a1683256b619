// The Trust Root screen's store: the open repository, its status, the signing requests, the last signature made
// here and the last import. Passphrases and PINs never enter it: forms pass them to the one call that needs them.
import { create } from 'zustand';
import type { ApiError, RequestOf, ResponseOf, Result, TufImportResult, TufPublishResult, TufRequestSummary, TufReview, TufSignerSpec, TufSignatureFile, TufStatus, TufVerifyReport } from '../../app/contract';
import { api } from '../bridge/api';
import { useAppStore } from '../shell/app-store';
import { runCall } from '../shell/run-call';
import { openProblem } from './open-problem';

export interface SignedHere {
  signature: TufSignatureFile;
  signer: string;
  json: string;
}

/** Actions whose failures are shown beside their own button. */
export type InlineAction = 'sign' | 'publish' | 'refresh';

/** One change a "new signing session" stages; each is one contract call. */
export type StagedChangeInput =
  | { kind: 'expiry'; role: string; days: number }
  | { kind: 'add-key'; role: string; publicKeyPem: string; owner?: string }
  | { kind: 'remove-key'; role: string; key: string }
  | { kind: 'threshold'; role: string; threshold: number }
  | { kind: 'add-target'; path: string; contentBase64: string }
  | { kind: 'remove-target'; path: string };

interface TrustRootState {
  dir: string;
  status: TufStatus | null;
  requests: TufRequestSummary[];
  review: TufReview | null;
  reviewSource: { requestFile?: string; requestJson?: string } | null;
  signed: SignedHere | null;
  imported: TufImportResult[];
  published: TufPublishResult | null;
  warnings: string[];
  busy: string | null;
  /** Why signing, publishing or the online refresh failed, shown next to its button (not in the banner at the top). */
  actionError: { action: InlineAction; error: ApiError } | null;
  /** Why the directory could not be opened, shown under the Open form in the GUI's own words. */
  openError: { code: string; message: string; suggestCreate: boolean } | null;
  expiring: ResponseOf<'tuf', 'expiring'> | null;
  refreshed: TufPublishResult | null;
  verifyReport: TufVerifyReport | null;
  /** A directory the user chose to create a repository in (from the "not a repository" message). */
  createDir: string | null;
  setDir(dir: string): void;
  suggestCreate(dir: string): void;
  /** `tuf.discard`, as `rootsmith tuf discard`: drops every staged change and signing request. */
  discard(): Promise<boolean>;
  /** `tuf.refreshOnline`, as `rootsmith tuf refresh-online`: new snapshot and timestamp with the online keys. */
  refreshOnline(snapshot: TufSignerSpec, timestamp: TufSignerSpec): Promise<boolean>;
  /** `tuf.expiring`, as `rootsmith tuf expiring --within N`. */
  loadExpiring(withinDays: number): Promise<void>;
  /** `tuf.verify`, as `rootsmith tuf verify`: a published repository checked from a trusted root file. */
  verify(request: RequestOf<'tuf', 'verify'>): Promise<void>;
  open(): Promise<void>;
  refresh(): Promise<void>;
  requestSignatures(): Promise<void>;
  reviewRequest(source: { requestFile?: string; requestJson?: string }): Promise<void>;
  sign(signer: TufSignerSpec): Promise<boolean>;
  importSignatures(files: { name: string; contentBase64: string }[]): Promise<boolean>;
  publish(snapshot: TufSignerSpec, timestamp: TufSignerSpec): Promise<boolean>;
  stageChange(change: StagedChangeInput): Promise<boolean>;
  /** `tuf.init`, as `rootsmith tuf init`; on success the new repository is the open one. */
  createRepository(request: RequestOf<'tuf', 'init'>): Promise<boolean>;
  /** `tuf.delegate` on the open repository, as `rootsmith tuf delegate`. */
  delegate(request: Omit<RequestOf<'tuf', 'delegate'>, 'dir'>): Promise<boolean>;
}

const cleared: Pick<TrustRootState, 'requests' | 'review' | 'reviewSource' | 'signed' | 'imported' | 'published' | 'actionError' | 'openError' | 'expiring' | 'refreshed'> = {
  requests: [],
  review: null,
  reviewSource: null,
  signed: null,
  imported: [],
  published: null,
  actionError: null,
  openError: null,
  expiring: null,
  refreshed: null,
};

/** Runs a call whose failure belongs next to its button: the busy label while it runs, the error kept for that button. */
async function runInline<T>(set: (s: Partial<TrustRootState>) => void, action: InlineAction, busy: string, call: () => Promise<Result<T>>): Promise<T | null> {
  set({ busy, actionError: null });
  useAppStore.getState().showError(null);
  const r = await call().catch((e: unknown): Result<T> => ({ ok: false, error: { code: 'INTERNAL', message: String(e) } }));
  set({ busy: null });
  if (r.ok) return r.value;
  set({ actionError: { action, error: r.error } });
  return null;
}

export const useTrustRootStore = create<TrustRootState>()((set, get) => ({
  ...cleared,
  dir: '',
  status: null,
  warnings: [],
  busy: null,
  verifyReport: null,
  createDir: null,
  setDir: (dir) => set({ dir }),
  suggestCreate: (dir) => set({ createDir: dir }),
  open: async () => {
    set({ ...cleared, status: null, warnings: [] });
    useAppStore.getState().showError(null);
    set({ busy: 'Reading the repository…' });
    const dir = get().dir.trim();
    const r = await api.tuf.status({ dir }).catch((e: unknown): Result<TufStatus> => ({ ok: false, error: { code: 'INTERNAL', message: String(e) } }));
    set({ busy: null });
    if (r.ok) set({ status: r.value });
    else set({ openError: openProblem(dir, r.error) });
  },
  refresh: async () => {
    const out = await runCall(set, 'Reading the repository…', () => api.tuf.status({ dir: get().dir }));
    if (out) set({ status: out });
  },
  requestSignatures: async () => {
    const out = await runCall(set, 'Writing signing requests…', () => api.tuf.requestSignatures({ dir: get().dir }));
    if (!out) return;
    set({ requests: out.requests });
    await get().refresh();
  },
  reviewRequest: async (source) => {
    const out = await runCall(set, 'Reading the signing request…', () => api.tuf.review(source));
    set({ review: out, reviewSource: out ? source : null, signed: null, actionError: null });
  },
  sign: async (signer) => {
    const source = get().reviewSource;
    if (!source) return false;
    const out = await runInline(set, 'sign', 'Signing…', () => api.tuf.sign({ ...source, signer }));
    if (!out) return false;
    set({ signed: { signature: out.signature, signer: out.signer, json: `${JSON.stringify(out.signature, null, 1)}\n` } });
    return true;
  },
  discard: async () => {
    const out = await runCall(set, 'Discarding the staged changes…', () => api.tuf.discard({ dir: get().dir }));
    if (!out) return false;
    set({ ...cleared, status: out });
    return true;
  },
  refreshOnline: async (snapshot, timestamp) => {
    const out = await runInline(set, 'refresh', 'Re-signing snapshot and timestamp…', () => api.tuf.refreshOnline({ dir: get().dir, snapshot, timestamp }));
    if (!out) return false;
    set({ refreshed: out, published: null });
    await get().refresh();
    // An expiry list already on screen would show the old snapshot and timestamp: read it again.
    const listed = get().expiring;
    if (listed) await get().loadExpiring(listed.withinDays);
    return true;
  },
  loadExpiring: async (withinDays) => {
    const out = await runCall(set, 'Reading expiry dates…', () => api.tuf.expiring({ dir: get().dir, withinDays }));
    set({ expiring: out });
  },
  verify: async (request) => {
    set({ verifyReport: null });
    const out = await runCall(set, 'Verifying the published repository…', () => api.tuf.verify(request));
    set({ verifyReport: out });
  },
  importSignatures: async (files) => {
    const out = await runCall(set, 'Checking and importing signatures…', () => api.tuf.importSignatures({ dir: get().dir, signatures: files }));
    if (!out) return false;
    set({ imported: out.imported, status: out.status });
    return true;
  },
  stageChange: async (change) => {
    const dir = get().dir;
    const call = (): Promise<Result<unknown>> => {
      switch (change.kind) {
        case 'expiry':
          return api.tuf.setExpiry({ dir, role: change.role, days: change.days });
        case 'add-key':
          return api.tuf.addKey({ dir, role: change.role, key: change.owner ? { publicKeyPem: change.publicKeyPem, owner: change.owner } : { publicKeyPem: change.publicKeyPem } });
        case 'remove-key':
          return api.tuf.removeKey({ dir, role: change.role, key: change.key });
        case 'threshold':
          return api.tuf.setThreshold({ dir, role: change.role, threshold: change.threshold });
        case 'add-target':
          return api.tuf.addTarget({ dir, path: change.path, contentBase64: change.contentBase64 });
        case 'remove-target':
          return api.tuf.removeTarget({ dir, path: change.path });
      }
    };
    const out = await runCall(set, 'Staging the change…', call);
    if (out === null) return false;
    set({ requests: [], review: null, reviewSource: null, signed: null, published: null, imported: [] });
    await get().refresh();
    return true;
  },
  createRepository: async (request) => {
    const out = await runCall(set, 'Creating the repository…', () => api.tuf.init(request));
    if (!out) return false;
    set({ ...cleared, dir: out.status.dir, status: out.status, warnings: out.warnings });
    return true;
  },
  delegate: async (request) => {
    const out = await runCall(set, 'Staging the delegation…', () => api.tuf.delegate({ ...request, dir: get().dir }));
    if (!out) return false;
    set({ ...cleared, status: out.status, warnings: out.warnings });
    return true;
  },
  publish: async (snapshot, timestamp) => {
    const out = await runInline(set, 'publish', 'Publishing…', () => api.tuf.publish({ dir: get().dir, snapshot, timestamp }));
    if (!out) return false;
    set({ published: { versions: out.versions, written: out.written }, status: out.status, requests: [], review: null, reviewSource: null, signed: null, expiring: null, refreshed: null });
    return true;
  },
}));
