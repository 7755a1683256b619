// The Keys screen's store: module, tokens, the selected token, its keys. PINs are never put here: forms pass
// them straight to the one call that needs them.
import { create } from 'zustand';
import type { KeyCurve, KeySummary, ModuleInfo, TokenSummary } from '../../app/contract';
import { api } from '../bridge/api';
import { useAppStore } from '../shell/app-store';
import { runCall } from '../shell/run-call';

interface KeysState {
  modulePath: string;
  module: ModuleInfo | null;
  tokens: TokenSummary[];
  selected: string | null;
  keys: KeySummary[];
  lastGenerated: KeySummary | null;
  busy: string | null;
  setModulePath(path: string): void;
  select(label: string | null): void;
  loadTokens(): Promise<void>;
  createTestToken(label: string, pin: string, soPin: string): Promise<boolean>;
  login(pin: string): Promise<boolean>;
  logout(): Promise<void>;
  loadKeys(): Promise<void>;
  generate(label: string, curve: KeyCurve): Promise<boolean>;
}

const DEFAULT_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

const run = runCall;

export const useKeysStore = create<KeysState>()((set, get) => ({
  modulePath: DEFAULT_MODULE,
  module: null,
  tokens: [],
  selected: null,
  keys: [],
  lastGenerated: null,
  busy: null,
  setModulePath: (modulePath) => set({ modulePath }),
  select: (selected) => set({ selected, keys: [], lastGenerated: null }),
  loadTokens: async () => {
    const out = await run(set, 'Reading tokens…', () => api.keys.tokens({ module: get().modulePath }));
    if (out) {
      const selected = get().selected;
      set({ module: out.module, tokens: out.tokens, selected: out.tokens.some((t) => t.label === selected) ? selected : null });
    }
  },
  createTestToken: async (label, pin, soPin) => {
    const out = await run(set, 'Creating the rehearsal token…', () => api.keys.createTestToken({ label, pin, soPin }));
    if (!out) return false;
    set({ modulePath: out.module });
    await get().loadTokens();
    set({ selected: out.label });
    void useAppStore.getState().refreshStatus();
    return true;
  },
  login: async (pin) => {
    const token = get().selected;
    if (!token) return false;
    const out = await run(set, 'Logging in…', () => api.keys.login({ module: get().modulePath, token, pin }));
    if (!out) return false;
    await get().loadTokens();
    await get().loadKeys();
    return true;
  },
  logout: async () => {
    const token = get().selected;
    if (!token) return;
    await run(set, 'Logging out…', () => api.keys.logout({ module: get().modulePath, token }));
    set({ keys: [] });
    await get().loadTokens();
  },
  loadKeys: async () => {
    const token = get().selected;
    if (!token) return;
    const out = await run(set, 'Listing keys…', () => api.keys.list({ module: get().modulePath, token }));
    if (out) set({ keys: out.keys });
  },
  generate: async (label, curve) => {
    const token = get().selected;
    if (!token) return false;
    const out = await run(set, `Generating ${curve} key "${label}" inside the token…`, () => api.keys.generate({ module: get().modulePath, token, label, curve }));
    if (!out) return false;
    set({ lastGenerated: out });
    await get().loadKeys();
    return true;
  },
}));
