// The Trust Root screen: open a TUF repository; roles, owners, thresholds and expiry at a glance; the staged
// change as a diff; threshold progress; sign a request; import signatures; publish when every threshold is met.
// A new repository is created here too, and delegations are staged beside the other changes. Staged changes can
// be discarded, the online roles refreshed, expiry listed, and any published repository verified from a root file.
import { useState } from 'react';
import { BusyStatus } from '../components/BusyStatus';
import { CreateRepositoryForm } from './CreateRepositoryForm';
import { DelegateTargetsForm } from './DelegateTargetsForm';
import { DiscardStaged } from './DiscardStaged';
import { ExpiringList } from './ExpiringList';
import { ExpiryTimeline } from './ExpiryTimeline';
import { ImportSignatures } from './ImportSignatures';
import { NewSessionForm } from './NewSessionForm';
import { OpenRepositoryForm } from './OpenRepositoryForm';
import { PublishForm } from './PublishForm';
import { RefreshOnlineForm } from './RefreshOnlineForm';
import { RoleTable } from './RoleTable';
import { SignRequestForm } from './SignRequestForm';
import { StagedChanges } from './StagedChanges';
import { ThresholdProgress } from './ThresholdProgress';
import { useTrustRootStore } from './trust-root-store';
import { VerifyPublishedForm } from './VerifyPublishedForm';

export function TrustRootScreen() {
  const status = useTrustRootStore((s) => s.status);
  const busy = useTrustRootStore((s) => s.busy);
  const requestSignatures = useTrustRootStore((s) => s.requestSignatures);
  const published = useTrustRootStore((s) => s.published);
  const warnings = useTrustRootStore((s) => s.warnings);
  const [creating, setCreating] = useState(false);
  return (
    <div className="screen">
      <div className="panel-head">
        <h1>Trust Root</h1>
        {status && !creating && (
          <button type="button" className="secondary" onClick={() => setCreating(true)}>
            Create a repository…
          </button>
        )}
      </div>
      <BusyStatus busy={busy} />
      <OpenRepositoryForm />
      {(!status || creating) && <CreateRepositoryForm onCreated={() => setCreating(false)} {...(status ? { onCancel: () => setCreating(false) } : {})} />}
      {warnings.length > 0 && (
        <ul className="network-warning" aria-label="Warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {published && (
        <div className="generated" role="status">
          Published: {Object.entries(published.versions).map(([r, v]) => `${r} v${v}`).join(', ')}
        </div>
      )}
      {status && (
        <>
          <section className="panel" aria-labelledby="tuf-roles">
            <h2 id="tuf-roles">Roles {status.published ? '' : <span className="badge warn">not published yet</span>}</h2>
            <RoleTable roles={status.roles} />
            <h3>Expiry</h3>
            <ExpiryTimeline roles={status.roles} now={new Date()} />
            <ExpiringList key={status.dir} />
          </section>
          <section className="panel" aria-labelledby="tuf-staged">
            <div className="panel-head">
              <h2 id="tuf-staged">Staged changes</h2>
              {status.staged.length > 0 && (
                <button type="button" className="secondary" onClick={() => void requestSignatures()}>
                  Ask for signatures
                </button>
              )}
            </div>
            <StagedChanges staged={status.staged} />
            <DiscardStaged key={status.staged.map((c) => `${c.role}${c.version}`).join()} staged={status.staged} />
            <NewSessionForm status={status} />
            <DelegateTargetsForm key={status.dir} status={status} />
          </section>
          {status.thresholds.length > 0 && (
            <section className="panel" aria-labelledby="tuf-progress">
              <h2 id="tuf-progress">Signatures</h2>
              <ThresholdProgress progress={status.thresholds} />
              {status.readyToPublish && (
                <p className="verdict ok" role="status">
                  Every threshold is met: ready to publish.
                </p>
              )}
              <ImportSignatures />
            </section>
          )}
          <section className="panel" aria-labelledby="tuf-sign">
            <h2 id="tuf-sign">Sign a request</h2>
            <SignRequestForm />
          </section>
          {status.staged.length > 0 && (
            <section className="panel" aria-labelledby="tuf-publish">
              <h2 id="tuf-publish">Publish</h2>
              <PublishForm ready={status.readyToPublish} />
            </section>
          )}
          {status.published && (
            <section className="panel" aria-labelledby="tuf-online">
              <h2 id="tuf-online">Online roles</h2>
              <RefreshOnlineForm />
            </section>
          )}
        </>
      )}
      <section className="panel" aria-labelledby="tuf-verify">
        <h2 id="tuf-verify">Verify a published repository</h2>
        <VerifyPublishedForm />
      </section>
    </div>
  );
}
