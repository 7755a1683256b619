// The Ceremony wizard's store: the plan, the room (operator, witnesses, network acknowledgement), the token and
// output directory, then the running session, its transcript and certificates. The PIN never enters it:
// PinPrompt passes it straight to providePin.
import { create } from 'zustand';
import type {
  ApiError,
  CeremonyCertificateView,
  CeremonyCheck,
  CeremonySessionState,
  CeremonyTranscriptView,
  NetworkInterfaceInfo,
  PlanView,
  PresetSummary,
  Result,
  LintReport,
  TokenSummary,
  VerifyReport,
} from '../../app/contract';
import { api } from '../bridge/api';
import { useAppStore } from '../shell/app-store';
import { runCall } from '../shell/run-call';

export type WizardStage = 'plan' | 'room' | 'token' | 'run' | 'print';

export interface PlanProblem {
  field: string;
  message: string;
}

interface CeremonyState {
  stage: WizardStage;
  presets: PresetSummary[];
  planArg: string;
  plan: PlanView | null;
  planProblems: PlanProblem[];
  network: NetworkInterfaceInfo[] | null;
  offlineConfirmed: boolean;
  rehearsalAcknowledged: boolean;
  operator: string;
  witnesses: string[];
  module: string;
  tokens: TokenSummary[];
  token: string;
  outDir: string;
  inputs: Record<string, string>;
  session: CeremonySessionState | null;
  /** True while a start/confirm/PIN call runs: getState is polled meanwhile. */
  working: boolean;
  transcript: CeremonyTranscriptView | null;
  certificates: CeremonyCertificateView[];
  verify: VerifyReport | null;
  busy: string | null;
  /** What Start would meet (inputs parsed, the directory's state), refreshed as the Token step changes. */
  check: CeremonyCheck | null;
  /** The operator confirmed writing into a non-empty directory that holds no transcript of this plan. */
  allowUnrelatedFiles: boolean;
  /** Sessions still running in the backend that this window is not showing (after a reload or a closed window). */
  running: CeremonySessionState[];
  /** Set when the room was cleared after a session: the people of that session are on its transcript lines. */
  roomCleared: boolean;
  /** An existing ceremony directory checked from the Plan step (the CLI's `ceremony verify`). */
  existing: { report: VerifyReport; transcript: CeremonyTranscriptView } | null;
  verifyExisting(dir: string): Promise<void>;
  /** A certificate checked against a profile from the Plan step (the CLI's `ceremony lint`). */
  lint: LintReport | null;
  lintCertificate(cert: string, profile: LintReport['profile'], issuer: string): Promise<void>;
  checkTarget(): Promise<void>;
  setAllowUnrelatedFiles(allow: boolean): void;
  findRunning(): Promise<void>;
  returnTo(session: CeremonySessionState): Promise<void>;
  stopRunning(session: CeremonySessionState): Promise<void>;
  /** A new sitting: the room checklist is filled in again (nobody is carried over from the session before). */
  newSitting(): void;
  setStage(stage: WizardStage): void;
  loadPresets(): Promise<void>;
  loadPlan(planArg: string): Promise<void>;
  checkNetwork(): Promise<void>;
  setRoom(patch: Partial<Pick<CeremonyState, 'offlineConfirmed' | 'rehearsalAcknowledged' | 'operator'>>): void;
  addWitness(name: string): void;
  removeWitness(index: number): void;
  loadTokens(module?: string, preferred?: string): Promise<void>;
  setTarget(patch: Partial<Pick<CeremonyState, 'module' | 'token' | 'outDir' | 'inputs'>>): void;
  start(): Promise<void>;
  confirm(accept: boolean): Promise<void>;
  providePin(pin: string): Promise<void>;
  cancel(): Promise<void>;
  refresh(): Promise<void>;
  reset(): void;
}

const DEFAULT_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

function showError(error: ApiError | null): void {
  useAppStore.getState().showError(error);
}

/** A backend call whose failure goes to the error banner; the busy label is set by the caller. */
const settle = <T>(call: () => Promise<Result<T>>): Promise<T | null> => runCall(() => undefined, null, call);

/** The acknowledgement recorded in the transcript when a rehearsal runs with the network up. */
export function networkAcknowledgement(network: NetworkInterfaceInfo[]): string {
  const list = network.map((n) => `${n.name}${n.addresses.length ? ` (${n.addresses.join(', ')})` : ''}`).join(', ');
  return `rehearsal with network interface(s) up: ${list}; the operator acknowledged and proceeded`;
}

const initialRun = (): Pick<CeremonyState, 'session' | 'working' | 'transcript' | 'certificates' | 'verify'> => ({ session: null, working: false, transcript: null, certificates: [], verify: null });

export const useCeremonyStore = create<CeremonyState>()((set, get) => {
  /** Runs a session call, polling getState while it is in flight so the transcript grows live. */
  const drive = async (busy: string, call: () => Promise<Result<CeremonySessionState>>): Promise<void> => {
    showError(null);
    set({ working: true, busy });
    const timer = setInterval(() => void get().refresh(), 700);
    try {
      const state = await settle(call);
      if (state) set({ session: state });
    } finally {
      clearInterval(timer);
      set({ working: false, busy: null });
    }
    await get().refresh();
  };

  return {
    stage: 'plan',
    presets: [],
    planArg: '',
    plan: null,
    planProblems: [],
    network: null,
    offlineConfirmed: false,
    rehearsalAcknowledged: false,
    operator: '',
    witnesses: [],
    module: DEFAULT_MODULE,
    tokens: [],
    token: '',
    outDir: '',
    inputs: {},
    ...initialRun(),
    busy: null,
    check: null,
    allowUnrelatedFiles: false,
    running: [],
    roomCleared: false,
    existing: null,
    verifyExisting: async (dir) => {
      showError(null);
      set({ busy: 'Verifying the ceremony directory…', existing: null });
      const report = await settle(() => api.ceremony.verify({ dir }));
      const transcript = report ? await settle(() => api.ceremony.transcript({ dir })) : null;
      set({ busy: null, ...(report && transcript ? { existing: { report, transcript } } : {}) });
    },
    lint: null,
    lintCertificate: async (cert, profile, issuer) => {
      showError(null);
      set({ busy: 'Checking the certificate against its profile…', lint: null });
      const report = await settle(() => api.ceremony.lint({ cert, profile, ...(issuer !== '' ? { issuer } : {}) }));
      set({ busy: null, lint: report });
    },
    checkTarget: async () => {
      const { plan, outDir, inputs } = get();
      if (!plan) return;
      const r = await api.ceremony.check({ plan: plan.file, out: outDir, inputs: Object.fromEntries(Object.entries(inputs).filter(([, v]) => v.trim() !== '')) });
      // An answer for a target that has changed meanwhile is dropped: the next check is on its way.
      const now = get();
      if (r.ok && now.plan?.file === plan.file && now.outDir === outDir && now.inputs === inputs) set({ check: r.value });
    },
    setAllowUnrelatedFiles: (allow) => set({ allowUnrelatedFiles: allow }),
    findRunning: async () => {
      const r = await api.ceremony.sessions({});
      if (!r.ok) return;
      const shown = get().session?.sessionId;
      set({ running: r.value.sessions.filter((s) => s.sessionId !== shown) });
    },
    returnTo: async (session) => {
      showError(null);
      set({ ...initialRun(), session, stage: 'run', running: get().running.filter((s) => s.sessionId !== session.sessionId), operator: session.operator ?? '', witnesses: session.witnesses ?? [], outDir: session.dir, token: session.token });
      // A step may be running right now: follow it until it waits for the operator again.
      for (let latest = session; latest.status === 'running'; ) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const r = await api.ceremony.getState({ sessionId: session.sessionId });
        if (!r.ok || get().session?.sessionId !== session.sessionId) break;
        latest = r.value;
        set({ session: latest });
        await get().refresh();
      }
      await get().refresh();
    },
    stopRunning: async (session) => {
      set({ ...initialRun(), session, stage: 'run', running: get().running.filter((s) => s.sessionId !== session.sessionId), operator: session.operator ?? '', witnesses: session.witnesses ?? [] });
      await drive('Stopping the ceremony…', () => api.ceremony.cancel({ sessionId: session.sessionId }));
    },
    newSitting: () => set({ ...initialRun(), stage: 'room', operator: '', witnesses: [], offlineConfirmed: false, rehearsalAcknowledged: false, roomCleared: true, busy: null, check: null, allowUnrelatedFiles: false }),
    setStage: (stage) => set({ stage }),
    loadPresets: async () => {
      const out = await settle(() => api.ceremony.listPresets({}));
      if (out) set({ presets: out.presets });
    },
    loadPlan: async (planArg) => {
      showError(null);
      set({ planArg, busy: 'Reading the plan…', planProblems: [] });
      const r = await api.ceremony.loadPlan({ plan: planArg });
      set({ busy: null });
      if (r.ok) {
        const inputs = Object.fromEntries(r.value.inputs.map((i) => [i.name, get().inputs[i.name] ?? i.defaultPath ?? '']));
        set({ plan: r.value, inputs });
        return;
      }
      const problems = r.error.details?.problems;
      const list = Array.isArray(problems) ? (problems as PlanProblem[]) : [];
      set({ plan: null, planProblems: list });
      // Each problem is said once: in the list under the plan field when there is one, else in the banner.
      if (list.length === 0) showError(r.error);
    },
    checkNetwork: async () => {
      const out = await settle(() => api.system.status({}));
      if (out) set({ network: out.networkInterfaces });
    },
    setRoom: (patch) => set(patch),
    addWitness: (name) => {
      const trimmed = name.trim();
      if (trimmed && !get().witnesses.includes(trimmed)) set({ witnesses: [...get().witnesses, trimmed] });
    },
    removeWitness: (index) => set({ witnesses: get().witnesses.filter((_, i) => i !== index) }),
    loadTokens: async (module, preferred) => {
      const path = module ?? get().module;
      set({ module: path, busy: 'Reading tokens…' });
      const out = await settle(() => api.keys.tokens({ module: path }));
      set({ busy: null });
      if (!out) return;
      const labels = out.tokens.map((t) => t.label);
      // Default: the token logged in on the Keys screen, else the one selected there, else the first.
      const current = get().token;
      const token = labels.includes(current)
        ? current
        : (out.tokens.find((t) => t.loggedIn)?.label ?? (preferred !== undefined && labels.includes(preferred) ? preferred : (labels[0] ?? '')));
      set({ tokens: out.tokens, token });
    },
    setTarget: (patch) => set({ ...patch, ...(patch.outDir !== undefined && patch.outDir !== get().outDir ? { allowUnrelatedFiles: false } : {}) }),
    start: async () => {
      const s = get();
      if (!s.plan) return;
      const acknowledgements = s.network && s.network.length > 0 && s.rehearsalAcknowledged ? [networkAcknowledgement(s.network)] : [];
      set({ ...initialRun(), stage: 'run' });
      const inputs = Object.fromEntries(Object.entries(s.inputs).filter(([, v]) => v.trim() !== ''));
      await drive('Starting the ceremony…', () =>
        api.ceremony.start({
          plan: s.plan!.file,
          out: s.outDir.trim(),
          module: s.module,
          token: s.token,
          operator: s.operator.trim(),
          witnesses: s.witnesses,
          ...(Object.keys(inputs).length ? { inputs } : {}),
          ...(acknowledgements.length ? { acknowledgements } : {}),
          ...(s.allowUnrelatedFiles ? { allowUnrelatedFiles: true } : {}),
        }),
      );
      // A start refused because a session already runs there: offer that session.
      if (!get().session) await get().findRunning();
    },
    confirm: async (accept) => {
      const session = get().session;
      const stepId = session?.pending?.stepId;
      if (!session || !stepId) return;
      set({ session: { ...session, status: 'running' } });
      await drive(accept ? `Running “${session.pending!.title}”…` : 'Stopping the ceremony…', () => api.ceremony.confirm({ sessionId: session.sessionId, stepId, accept }));
    },
    providePin: async (pin) => {
      const session = get().session;
      if (!session) return;
      set({ session: { ...session, status: 'running' } });
      await drive('Logging in to the token…', () => api.ceremony.providePin({ sessionId: session.sessionId, pin }));
    },
    cancel: async () => {
      const session = get().session;
      if (!session) return;
      await drive('Cancelling…', () => api.ceremony.cancel({ sessionId: session.sessionId }));
    },
    refresh: async () => {
      const { session, working, transcript } = get();
      if (!session) return;
      const polled = working ? await api.ceremony.getState({ sessionId: session.sessionId }) : null;
      // A poll that returns after the call it accompanied has ended is stale: the call's answer is newer.
      if (polled?.ok && get().working) set({ session: polled.value });
      const t = await api.ceremony.transcript({ dir: session.dir });
      if (!t.ok) return;
      // A transcript only grows: an answer shorter than what is shown is from an earlier, slower poll.
      const shown = get().transcript;
      if (shown && shown.dir === t.value.dir && t.value.lines.length < shown.lines.length) return;
      set({ transcript: t.value });
      if (t.value.lines.length !== (transcript?.lines.length ?? -1)) {
        const c = await api.ceremony.certificates({ dir: session.dir });
        if (c.ok && c.value.certificates.length >= get().certificates.length) set({ certificates: c.value.certificates });
      }
      const latest = get().session;
      if (latest?.status === 'complete' && !get().working && get().verify === null) {
        const v = await api.ceremony.verify({ dir: latest.dir });
        if (v.ok) set({ verify: v.value });
      }
    },
    reset: () => set({ ...initialRun(), stage: 'plan', busy: null, operator: '', witnesses: [], offlineConfirmed: false, rehearsalAcknowledged: false, roomCleared: false, check: null, allowUnrelatedFiles: false }),
  };
});
