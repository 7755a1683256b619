// The app store: which area is open, the machine's status, and the last error shown in the banner.
import { create } from 'zustand';
import type { ApiError, ProgressEvent, SystemStatus } from '../../app/contract';
import { api } from '../bridge/api';

export const areas = [
  { id: 'keys', title: 'Keys' },
  { id: 'ceremony', title: 'Ceremony' },
  { id: 'log', title: 'Log' },
  { id: 'trust-root', title: 'Trust Root' },
  { id: 'timestamps', title: 'Timestamps' },
  { id: 'services', title: 'Services' },
] as const;

export type AreaId = (typeof areas)[number]['id'];

interface AppState {
  area: AreaId;
  status: SystemStatus | null;
  error: ApiError | null;
  progress: ProgressEvent | null;
  setArea(area: AreaId): void;
  showError(error: ApiError | null): void;
  refreshStatus(): Promise<void>;
}

export const useAppStore = create<AppState>()((set) => ({
  area: 'keys',
  status: null,
  error: null,
  progress: null,
  setArea: (area) => set({ area }),
  showError: (error) => set({ error }),
  refreshStatus: async () => {
    const r = await api.system.status({});
    if (r.ok) set({ status: r.value });
    else set({ error: r.error });
  },
}));

api.onProgress((progress) => useAppStore.setState({ progress }));
