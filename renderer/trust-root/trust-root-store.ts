// The Trust Root screen's store: the open repository, its status, the signing requests, the last signature made
// here and the last import. Passphrases and PINs never enter it: forms pass them to the one call that needs them.
import { create } from 'zustand';
import type { RequestOf, Result, TufImportResult, TufPublishResult, TufRequestSummary, TufReview, TufSignerSpec, TufSignatureFile, TufStatus } from '../../app/contract';
import { api } from '../bridge/api';
import { runCall } from '../shell/run-call';

export interface SignedHere {
  signature: TufSignatureFile;
  signer: string;
  json: string;
}

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
  setDir(dir: string): void;
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

const cleared: Pick<TrustRootState, 'requests' | 'review' | 'reviewSource' | 'signed' | 'imported' | 'published'> = { requests: [], review: null, reviewSource: null, signed: null, imported: [], published: null };

const run = runCall;

export const useTrustRootStore = create<TrustRootState>()((set, get) => ({
  dir: '',
  status: null,
  requests: [],
  review: null,
  reviewSource: null,
  signed: null,
  imported: [],
  published: null,
  warnings: [],
  busy: null,
  setDir: (dir) => set({ dir }),
  open: async () => {
    set({ ...cleared, status: null, warnings: [] });
    await get().refresh();
  },
  refresh: async () => {
    const out = await run(set, 'Reading the repository…', () => api.tuf.status({ dir: get().dir }));
    if (out) set({ status: out });
  },
  requestSignatures: async () => {
    const out = await run(set, 'Writing signing requests…', () => api.tuf.requestSignatures({ dir: get().dir }));
    if (!out) return;
    set({ requests: out.requests });
    await get().refresh();
  },
  reviewRequest: async (source) => {
    const out = await run(set, 'Reading the signing request…', () => api.tuf.review(source));
    set({ review: out, reviewSource: out ? source : null, signed: null });
  },
  sign: async (signer) => {
    const source = get().reviewSource;
    if (!source) return false;
    const out = await run(set, 'Signing…', () => api.tuf.sign({ ...source, signer }));
    if (!out) return false;
    set({ signed: { signature: out.signature, signer: out.signer, json: `${JSON.stringify(out.signature, null, 1)}\n` } });
    return true;
  },
  importSignatures: async (files) => {
    const out = await run(set, 'Checking and importing signatures…', () => api.tuf.importSignatures({ dir: get().dir, signatures: files }));
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
    const out = await run(set, 'Staging the change…', call);
    if (out === null) return false;
    set({ requests: [], review: null, reviewSource: null, signed: null, published: null, imported: [] });
    await get().refresh();
    return true;
  },
  createRepository: async (request) => {
    const out = await run(set, 'Creating the repository…', () => api.tuf.init(request));
    if (!out) return false;
    set({ ...cleared, dir: out.status.dir, status: out.status, warnings: out.warnings });
    return true;
  },
  delegate: async (request) => {
    const out = await run(set, 'Staging the delegation…', () => api.tuf.delegate({ ...request, dir: get().dir }));
    if (!out) return false;
    set({ ...cleared, status: out.status, warnings: out.warnings });
    return true;
  },
  publish: async (snapshot, timestamp) => {
    const out = await run(set, 'Publishing…', () => api.tuf.publish({ dir: get().dir, snapshot, timestamp }));
    if (!out) return false;
    set({ published: { versions: out.versions, written: out.written }, status: out.status, requests: [], review: null, reviewSource: null, signed: null });
    return true;
  },
}));
