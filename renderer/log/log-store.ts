// The Log explorer's store: the connected log, its checkpoint history, a page cache of entry rows for the
// virtualised list, the open entry with the renderer's own proof check, search results and a consistency check.
import { create } from 'zustand';
import type { CheckpointView, ConsistencyProofView, EmbeddedLogStatus, EntryDetail, EntryRow, LogInfo, ProofAtSizeView, SearchResult } from '../../app/contract';
import { api } from '../bridge/api';
import { useAppStore } from '../shell/app-store';
import { parseCheckpointText } from './checkpoint-text';
import { checkConsistency, checkInclusion, leafHashHex, type ConsistencyCheck, type InclusionCheck } from './proof-check';
import { runCall } from '../shell/run-call';

/** Rows per fetched page (the contract allows up to 200). */
export const PAGE_SIZE = 100;
/** Pages kept in memory; the least recently used are dropped beyond this. */
const MAX_PAGES = 40;

export interface ProofVerdict {
  check: InclusionCheck;
  /** The root and size of the checkpoint the proof was made against, read from its signed note in the renderer. */
  checkpointRootHex?: string;
  checkpointSize?: number;
  /** The path's root equals the checkpoint's and the sizes agree. */
  verified: boolean;
}

/** The open entry's inclusion in an earlier tree (checked by the backend against the signed checkpoint; the path re-walked here). */
export interface PastProofOutcome {
  proof: ProofAtSizeView;
  check: InclusionCheck;
}

export interface ConsistencyOutcome {
  proof: ConsistencyProofView;
  check: ConsistencyCheck;
}

interface LogState {
  urlInput: string;
  info: LogInfo | null;
  embedded: EmbeddedLogStatus;
  checkpoints: CheckpointView[];
  /** Page number -> rows; replaced (not mutated) on every load so the list re-renders. */
  pages: Record<number, EntryRow[]>;
  selectedIndex: number;
  detail: EntryDetail | null;
  verdict: ProofVerdict | null;
  search: SearchResult | null;
  consistency: ConsistencyOutcome | null;
  pastProof: PastProofOutcome | null;
  busy: string | null;
  setUrlInput(url: string): void;
  connect(url?: string): Promise<void>;
  refresh(): Promise<void>;
  ensureRows(first: number, last: number): void;
  select(index: number): void;
  open(ref: { index: number } | { uuid: string }): Promise<void>;
  closeDetail(): void;
  runSearch(query: string): Promise<void>;
  checkConsistency(firstSize: number, secondSize: number): Promise<void>;
  /** The open entry's inclusion proof at `treeSize` (the CLI's `log proof URL --index N --size S`). */
  proveAtSize(treeSize: number): Promise<void>;
  loadEmbeddedStatus(): Promise<void>;
  startEmbedded(dataDir?: string): Promise<void>;
  stopEmbedded(): Promise<void>;
}

const run = runCall;

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Checks the entry's inclusion proof in the renderer: leaf hash from the body bytes, path to the checkpoint's root. */
export function verifyProofInRenderer(detail: EntryDetail): ProofVerdict | null {
  const proof = detail.proof;
  if (!proof) return null;
  const cp = proof.checkpoint ? parseCheckpointText(proof.checkpoint.text) : null;
  // The expected root is the checkpoint's (signed) root, not the proof's rootHash field, when the note is there.
  const expected = cp?.rootHashHex ?? proof.rootHashHex;
  const check = checkInclusion({ leafHashHex: leafHashHex(base64ToBytes(detail.bodyBase64)), index: proof.logIndex, treeSize: proof.treeSize, proofHex: proof.hashesHex, rootHex: expected });
  const sizeAgrees = cp === null || cp.treeSize === proof.treeSize;
  if (check.ok && !sizeAgrees) check.problem = `The proof is for a tree of ${proof.treeSize} but the checkpoint covers ${cp!.treeSize}.`;
  return { check, verified: check.ok && sizeAgrees, ...(cp ? { checkpointRootHex: cp.rootHashHex, checkpointSize: cp.treeSize } : {}) };
}

const inFlight = new Set<string>();
let pageOrder: number[] = [];

export const useLogStore = create<LogState>()((set, get) => {
  const loadCheckpoints = async (url: string) => {
    const out = await run(set, null, () => api.log.checkpoints({ url }));
    if (out && get().info?.url === url) set({ checkpoints: out.checkpoints });
  };

  const fetchPage = async (url: string, page: number) => {
    const key = `${url}#${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const size = get().info?.treeSize ?? 0;
      const start = page * PAGE_SIZE;
      const count = Math.min(PAGE_SIZE, size - start);
      if (count <= 0) return;
      const out = await run(set, null, () => api.log.entries({ url, start, count }));
      if (!out || get().info?.url !== url) return;
      pageOrder = [...pageOrder.filter((p) => p !== page), page];
      const pages = { ...get().pages, [page]: out.rows };
      while (pageOrder.length > MAX_PAGES) delete pages[pageOrder.shift()!];
      set({ pages });
    } finally {
      inFlight.delete(key);
    }
  };

  return {
    urlInput: '',
    info: null,
    embedded: { running: false },
    checkpoints: [],
    pages: {},
    selectedIndex: 0,
    detail: null,
    verdict: null,
    search: null,
    consistency: null,
    pastProof: null,
    busy: null,
    setUrlInput: (urlInput) => set({ urlInput }),
    connect: async (url) => {
      useAppStore.getState().showError(null);
      const info = await run(set, url ? `Connecting to ${url}…` : 'Connecting to the embedded log…', () => api.log.connect(url ? { url } : {}));
      if (!info) return;
      pageOrder = [];
      set({ info, urlInput: info.url, pages: {}, selectedIndex: 0, detail: null, verdict: null, pastProof: null, search: null, consistency: null, checkpoints: [info.checkpoint] });
      await loadCheckpoints(info.url);
    },
    refresh: async () => {
      const url = get().info?.url;
      if (!url) return;
      const info = await run(set, 'Reading the log’s latest checkpoint…', () => api.log.info({ url }));
      if (!info) return;
      const grew = info.treeSize !== get().info?.treeSize;
      // A grown log changes the last page only; the earlier pages stay valid (entries are append-only).
      if (grew) {
        const lastPage = Math.floor((get().info?.treeSize ?? 0) / PAGE_SIZE);
        const pages = { ...get().pages };
        delete pages[lastPage];
        pageOrder = pageOrder.filter((p) => p !== lastPage);
        set({ pages });
      }
      set({ info });
      await loadCheckpoints(url);
    },
    ensureRows: (first, last) => {
      const url = get().info?.url;
      if (!url) return;
      const pages = get().pages;
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) if (!pages[p]) void fetchPage(url, p);
    },
    select: (index) => {
      const size = get().info?.treeSize ?? 0;
      set({ selectedIndex: Math.min(Math.max(0, index), Math.max(0, size - 1)) });
    },
    open: async (ref) => {
      const url = get().info?.url;
      if (!url) return;
      const label = 'index' in ref ? `entry ${ref.index}` : `entry ${ref.uuid.slice(0, 12)}…`;
      const detail = await run(set, `Opening ${label} and its inclusion proof…`, () => api.log.entry({ url, ...ref }));
      if (!detail) return;
      set({ detail, verdict: verifyProofInRenderer(detail), selectedIndex: detail.index, pastProof: null });
    },
    closeDetail: () => set({ detail: null, verdict: null, pastProof: null }),
    runSearch: async (query) => {
      const url = get().info?.url;
      if (!url) return;
      // A failed search must not leave the previous query's results on screen as if they answered this one.
      set({ search: null });
      const search = await run(set, `Searching for ${query}…`, () => api.log.search({ url, query }));
      if (search) set({ search });
    },
    checkConsistency: async (firstSize, secondSize) => {
      const url = get().info?.url;
      if (!url) return;
      set({ consistency: null });
      const proof = await run(set, `Fetching the consistency proof ${firstSize} → ${secondSize}…`, () => api.log.consistency({ url, firstSize, secondSize }));
      if (!proof) return;
      const check = checkConsistency({ oldSize: firstSize, newSize: secondSize, proofHex: proof.hashesHex, oldRootHex: proof.firstRootHex, newRootHex: proof.secondRootHex });
      set({ consistency: { proof, check } });
    },
    proveAtSize: async (treeSize) => {
      const url = get().info?.url;
      const index = get().detail?.index;
      if (!url || index === undefined) return;
      set({ pastProof: null });
      const proof = await run(set, `Fetching the inclusion proof of entry ${index} at tree size ${treeSize}…`, () => api.log.proofAtSize({ url, index, treeSize }));
      if (!proof) return;
      const check = checkInclusion({ leafHashHex: proof.leafHash, index, treeSize: proof.treeSize, proofHex: proof.hashes, rootHex: proof.rootAtSize });
      set({ pastProof: { proof, check } });
    },
    loadEmbeddedStatus: async () => {
      const embedded = await run(set, null, () => api.log.embeddedStatus({}));
      if (embedded) set({ embedded });
    },
    startEmbedded: async (dataDir) => {
      const embedded = await run(set, 'Starting the embedded log…', () => api.log.startEmbedded(dataDir ? { dataDir } : {}));
      if (!embedded) return;
      set({ embedded });
      await get().connect();
    },
    stopEmbedded: async () => {
      const embedded = await run(set, 'Stopping the embedded log…', () => api.log.stopEmbedded({}));
      if (!embedded) return;
      const wasEmbedded = get().info?.embedded ?? false;
      set({ embedded, ...(wasEmbedded ? { info: null, pages: {}, detail: null, verdict: null, pastProof: null, checkpoints: [], search: null, consistency: null } : {}) });
    },
  };
});
