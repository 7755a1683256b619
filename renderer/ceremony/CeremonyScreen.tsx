// The Ceremony wizard: plan -> room checklist -> token and output directory -> one step at a time -> digest and
// printable transcript.
import { useEffect } from 'react';
import { BusyStatus } from '../components/BusyStatus';
import { PlanPicker } from './PlanPicker';
import { RunningSessions } from './RunningSessions';
import { LintCertificate } from './LintCertificate';
import { VerifyExisting } from './VerifyExisting';
import { PlanView } from './PlanView';
import { PrintableTranscript } from './PrintableTranscript';
import { RoomChecklist } from './RoomChecklist';
import { TokenPicker } from './TokenPicker';
import { CeremonyRun } from './CeremonyRun';
import { useCeremonyStore, type WizardStage } from './ceremony-store';

const STAGES: { id: WizardStage; title: string }[] = [
  { id: 'plan', title: 'Plan' },
  { id: 'room', title: 'Room' },
  { id: 'token', title: 'Token' },
  { id: 'run', title: 'Ceremony' },
];

function WizardSteps({ stage }: { stage: WizardStage }) {
  const at = STAGES.findIndex((s) => s.id === (stage === 'print' ? 'run' : stage));
  return (
    <ol className="wizard-steps" aria-label="Ceremony stages">
      {STAGES.map((s, i) => (
        <li key={s.id} className={i === at ? 'current' : i < at ? 'past' : ''} aria-current={i === at ? 'step' : undefined}>
          {i + 1}. {s.title}
        </li>
      ))}
    </ol>
  );
}

export function CeremonyScreen() {
  const stage = useCeremonyStore((s) => s.stage);
  const plan = useCeremonyStore((s) => s.plan);
  const busy = useCeremonyStore((s) => s.busy);
  const setStage = useCeremonyStore((s) => s.setStage);
  const session = useCeremonyStore((s) => s.session);
  const transcript = useCeremonyStore((s) => s.transcript);
  const certificates = useCeremonyStore((s) => s.certificates);
  const findRunning = useCeremonyStore((s) => s.findRunning);
  useEffect(() => {
    void findRunning();
  }, [findRunning]);

  if (stage === 'print' && session && transcript) {
    return (
      <div className="screen">
        <PrintableTranscript session={session} transcript={transcript} certificates={certificates} onClose={() => setStage('run')} />
      </div>
    );
  }

  return (
    <div className="screen ceremony-screen">
      <h1>Ceremony</h1>
      <WizardSteps stage={stage} />
      <BusyStatus busy={busy} />
      {(stage !== 'run' || !session) && <RunningSessions />}
      {stage === 'plan' && (
        <>
          <PlanPicker />
          {plan && (
            <>
              <PlanView plan={plan} />
              <button type="button" onClick={() => setStage('room')}>
                Continue to the room checklist
              </button>
            </>
          )}
          <VerifyExisting />
          <LintCertificate />
        </>
      )}
      {stage === 'room' && <RoomChecklist />}
      {stage === 'token' && <TokenPicker />}
      {(stage === 'run' || stage === 'print') && <CeremonyRun />}
    </div>
  );
}
