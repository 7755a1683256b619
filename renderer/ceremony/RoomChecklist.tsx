// The room before anything is signed: is the machine offline (if not, a rehearsal may proceed on the record),
// who operates, and who witnesses.
import { useEffect, useState } from 'react';
import { useCeremonyStore } from './ceremony-store';

function NetworkBanner({ names }: { names: string[] }) {
  return (
    <div className="network-warning" role="alert" data-testid="network-warning">
      <strong>This machine is online.</strong> Network interface{names.length === 1 ? '' : 's'} up: {names.join(', ')}. A key ceremony must run on an
      offline machine: unplug the network and turn off wireless. Only a rehearsal may continue like this, and the transcript will say so.
    </div>
  );
}

function WitnessList() {
  const witnesses = useCeremonyStore((s) => s.witnesses);
  const addWitness = useCeremonyStore((s) => s.addWitness);
  const removeWitness = useCeremonyStore((s) => s.removeWitness);
  const [name, setName] = useState('');
  return (
    <div>
      <form
        className="row"
        aria-label="Add a witness"
        onSubmit={(e) => {
          e.preventDefault();
          addWitness(name);
          setName('');
        }}
      >
        <label className="field" htmlFor="witness-name">
          <span>Witness name</span>
          <input id="witness-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </label>
        <button type="submit" className="secondary" disabled={name.trim() === ''}>
          Add witness
        </button>
      </form>
      {witnesses.length === 0 ? (
        <p className="muted">No witness yet: add everyone who is present and watching the screen.</p>
      ) : (
        <ul className="witness-list" aria-label="Witnesses">
          {witnesses.map((w, i) => (
            <li key={w}>
              {w}{' '}
              <button type="button" className="link" aria-label={`Remove witness ${w}`} onClick={() => removeWitness(i)}>
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function RoomChecklist() {
  const network = useCeremonyStore((s) => s.network);
  const offlineConfirmed = useCeremonyStore((s) => s.offlineConfirmed);
  const acknowledged = useCeremonyStore((s) => s.rehearsalAcknowledged);
  const operator = useCeremonyStore((s) => s.operator);
  const witnesses = useCeremonyStore((s) => s.witnesses);
  const setRoom = useCeremonyStore((s) => s.setRoom);
  const setStage = useCeremonyStore((s) => s.setStage);
  const checkNetwork = useCeremonyStore((s) => s.checkNetwork);
  const roomCleared = useCeremonyStore((s) => s.roomCleared);

  useEffect(() => {
    void checkNetwork();
  }, [checkNetwork]);

  const online = network !== null && network.length > 0;
  const networkOk = online ? acknowledged : offlineConfirmed;
  const ready = network !== null && networkOk && operator.trim() !== '' && witnesses.length > 0;

  return (
    <section className="panel" aria-labelledby="room-heading" data-testid="room-checklist">
      <h2 id="room-heading">2. Check the room</h2>
      {roomCleared && (
        <p className="muted" data-testid="room-cleared">
          A new sitting: list who is in the room now. The operator and witnesses of the earlier session stay on the transcript lines they wrote.
        </p>
      )}
      <ol className="checklist">
        <li className={networkOk ? 'check done' : 'check'}>
          <h3>The laptop is offline</h3>
          {network === null ? (
            <p className="muted">Checking the network interfaces…</p>
          ) : online ? (
            <>
              <NetworkBanner names={network.map((n) => `${n.name}${n.addresses.length ? ` (${n.addresses.join(', ')})` : ''}`)} />
              <label className="check-box">
                <input type="checkbox" checked={acknowledged} onChange={(e) => setRoom({ rehearsalAcknowledged: e.target.checked })} />
                This is a rehearsal: proceed with the network up, and record that in the transcript
              </label>
              <button type="button" className="link" onClick={() => void checkNetwork()}>
                Check the network again
              </button>
            </>
          ) : (
            <>
              <p className="ok-text">No network interface is up.</p>
              <label className="check-box">
                <input type="checkbox" checked={offlineConfirmed} onChange={(e) => setRoom({ offlineConfirmed: e.target.checked })} />
                Cables are unplugged and wireless is off
              </label>
            </>
          )}
        </li>
        <li className={operator.trim() ? 'check done' : 'check'}>
          <h3>The operator</h3>
          <label className="field" htmlFor="operator-name">
            <span>Operator name</span>
            <input id="operator-name" value={operator} onChange={(e) => setRoom({ operator: e.target.value })} maxLength={200} />
          </label>
        </li>
        <li className={witnesses.length > 0 ? 'check done' : 'check'}>
          <h3>Witnesses are present</h3>
          <WitnessList />
        </li>
      </ol>
      <div className="row">
        <button type="button" className="secondary" onClick={() => setStage('plan')}>
          Back
        </button>
        <button type="button" disabled={!ready} onClick={() => setStage('token')}>
          Continue to the token
        </button>
      </div>
    </section>
  );
}
