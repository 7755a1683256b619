// One ceremony run driven step by step from the GUI: a small state machine over the core engine. The engine
// runs in the background and stops at each confirmation or PIN request; every call returns once the run is
// waiting for the user again (or has ended), with the whole state to show.
import { randomBytes } from 'node:crypto';
import { errorInfo, RootsmithError } from '../../core/errors';
import { CeremonyError, runCeremony, type CeremonyEvent, type CeremonyOptions, type CeremonyUi, type KeyStore } from '../../core/ceremony';
import type { CeremonySessionState } from '../contract/ceremony';

export class SessionStateError extends RootsmithError<'SESSION_STATE'> {}

export type SessionRunOptions = Omit<CeremonyOptions, 'ui' | 'openKeyStore'> & {
  /** Opens the store; `askPin` moves the session to awaiting-pin until providePin. */
  openKeyStore(askPin: () => Promise<string>, reportPinError: (e: unknown) => void): Promise<KeyStore>;
  token: string;
};

export class CeremonySession {
  readonly id = randomBytes(16).toString('hex');
  private readonly state: CeremonySessionState;
  private confirmWaiter: { stepId: string; resolve(accept: boolean): void } | undefined;
  private pinWaiter: { resolve(pin: string): void; reject(e: unknown): void } | undefined;
  private settledWaiters: (() => void)[] = [];
  private cancelled = false;

  constructor(private readonly opts: SessionRunOptions) {
    const plan = opts.plan.plan;
    this.state = {
      sessionId: this.id,
      status: 'running',
      plan: { name: plan.name, title: plan.title },
      dir: opts.dir,
      token: opts.token,
      ...(opts.operator !== undefined ? { operator: opts.operator } : {}),
      ...(opts.witnesses !== undefined ? { witnesses: opts.witnesses } : {}),
      steps: plan.steps.map((s) => ({ id: s.id, type: s.type, title: s.title ?? `${s.type} ${s.id}`, status: 'pending' })),
      log: [],
    };
  }

  get active(): boolean {
    return this.state.status === 'running' || this.state.status === 'awaiting-confirmation' || this.state.status === 'awaiting-pin';
  }

  snapshot(): CeremonySessionState {
    return structuredClone(this.state);
  }

  /** Starts the engine; resolves at the first confirmation, PIN request, or the end. */
  start(): Promise<CeremonySessionState> {
    void this.run();
    return this.settled();
  }

  confirm(stepId: string, accept: boolean): Promise<CeremonySessionState> {
    const w = this.confirmWaiter;
    if (this.state.status !== 'awaiting-confirmation' || !w || w.stepId !== stepId) {
      throw new SessionStateError('SESSION_STATE', `The ceremony is not waiting for confirmation of step "${stepId}" (it is ${this.state.status}${this.state.pending ? `, at step "${this.state.pending.stepId}"` : ''}).`);
    }
    this.confirmWaiter = undefined;
    delete this.state.pending;
    this.setStatus('running');
    w.resolve(accept);
    return this.settled();
  }

  providePin(pin: string): Promise<CeremonySessionState> {
    const w = this.pinWaiter;
    if (this.state.status !== 'awaiting-pin' || !w) throw new SessionStateError('SESSION_STATE', `The ceremony is not asking for a PIN (it is ${this.state.status}).`);
    this.pinWaiter = undefined;
    delete this.state.pinError;
    this.setStatus('running');
    w.resolve(pin);
    return this.settled();
  }

  cancel(): Promise<CeremonySessionState> {
    if (!this.active) return Promise.resolve(this.snapshot());
    this.cancelled = true;
    if (this.confirmWaiter) {
      const w = this.confirmWaiter;
      this.confirmWaiter = undefined;
      delete this.state.pending;
      this.setStatus('running');
      w.resolve(false);
    } else if (this.pinWaiter) {
      const w = this.pinWaiter;
      this.pinWaiter = undefined;
      this.setStatus('running');
      w.reject(new CeremonyError('CONFIRMATION_REFUSED', 'The ceremony was cancelled at the PIN prompt; run it again to resume.'));
    }
    return this.settled();
  }

  private settled(): Promise<CeremonySessionState> {
    if (this.state.status !== 'running') return Promise.resolve(this.snapshot());
    return new Promise((resolve) => this.settledWaiters.push(() => resolve(this.snapshot())));
  }

  private setStatus(status: CeremonySessionState['status']): void {
    this.state.status = status;
    if (status === 'running') return;
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    waiters.forEach((w) => w());
  }

  private step(id: string) {
    return this.state.steps.find((s) => s.id === id)!;
  }

  private readonly ui: CeremonyUi = {
    confirm: (step, description) =>
      new Promise<boolean>((resolve) => {
        this.state.pending = { stepId: step.id, index: step.index, total: step.total, title: step.title, description };
        this.confirmWaiter = {
          stepId: step.id,
          resolve: (accept) => {
            this.step(step.id).status = accept ? 'running' : 'declined';
            resolve(accept);
          },
        };
        this.setStatus('awaiting-confirmation');
      }),
    pin: () =>
      new Promise<string>((resolve, reject) => {
        this.pinWaiter = { resolve, reject };
        this.setStatus('awaiting-pin');
      }),
    progress: (e: CeremonyEvent) => this.onProgress(e),
  };

  private onProgress(e: CeremonyEvent): void {
    switch (e.type) {
      case 'begin':
        this.state.log.push(e.resumed ? `Resumed; already done: ${e.completed.join(', ') || 'nothing'}` : 'Ceremony begins');
        break;
      case 'step-skipped':
        this.step(e.step.id).status = 'already-done';
        break;
      case 'step-start':
        this.state.log.push(`${e.step.title}: ${e.description}`);
        break;
      case 'step-done':
        Object.assign(this.step(e.step.id), { status: 'done', action: e.action, outputs: e.outputs });
        this.state.log.push(`Done: ${e.action}`);
        break;
      case 'key-found':
        this.state.log.push(`Found key "${e.label}" on the token, as recorded`);
        break;
      case 'end':
        this.state.log.push(`Transcript digest ${e.digest} (${e.words})`);
        break;
    }
  }

  private async run(): Promise<void> {
    try {
      const { openKeyStore, token: _token, ...rest } = this.opts;
      const result = await runCeremony({
        ...rest,
        ui: this.ui,
        openKeyStore: (askPin) =>
          openKeyStore(askPin, (e) => {
            const info = errorInfo(e);
            this.state.pinError = { code: info.code, message: info.message };
          }),
      });
      this.state.result = {
        digest: result.digest,
        digestWords: result.digestWords,
        outputs: result.outputs,
        resumed: result.resumed,
        alreadyComplete: result.alreadyComplete,
        ...(result.signedBy ? { signedBy: result.signedBy } : {}),
      };
      for (const s of result.steps) Object.assign(this.step(s.id), { status: s.status, action: s.action, outputs: s.outputs });
      this.setStatus('complete');
    } catch (e) {
      this.state.error = errorInfo(e);
      for (const s of this.state.steps) if (s.status === 'running') s.status = 'failed';
      this.setStatus(this.cancelled || this.state.error.code === 'CONFIRMATION_REFUSED' ? 'cancelled' : 'failed');
    }
  }
}
