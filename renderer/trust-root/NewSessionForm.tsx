// A guided "new signing session": pick what changes (expiry, a key, a threshold, a target), stage it, then ask
// for signatures. Each change bumps the role's version once; the diff and who may sign appear below.
import { useState } from 'react';
import type { TufStatus } from '../../app/contract';
import { filesToBase64 } from './file-base64';
import { useTrustRootStore, type StagedChangeInput } from './trust-root-store';

type Kind = StagedChangeInput['kind'];

const kinds: { value: Kind; label: string }[] = [
  { value: 'expiry', label: 'Refresh a role’s expiry' },
  { value: 'add-key', label: 'Add a key to a role' },
  { value: 'remove-key', label: 'Remove a key from a role' },
  { value: 'threshold', label: 'Change a role’s threshold' },
  { value: 'add-target', label: 'Add or replace a target file' },
  { value: 'remove-target', label: 'Remove a target' },
];

export function NewSessionForm({ status }: { status: TufStatus }) {
  const stageChange = useTrustRootStore((s) => s.stageChange);
  const roles = status.roles.map((r) => r.role);
  const [kind, setKind] = useState<Kind>('expiry');
  const [role, setRole] = useState(roles[0] ?? 'root');
  const [days, setDays] = useState(365);
  const [threshold, setThreshold] = useState(1);
  const [pem, setPem] = useState('');
  const [owner, setOwner] = useState('');
  const [key, setKey] = useState('');
  const [targetPath, setTargetPath] = useState('');
  const [file, setFile] = useState<File | null>(null);

  const build = async (): Promise<StagedChangeInput | null> => {
    switch (kind) {
      case 'expiry':
        return { kind, role, days };
      case 'add-key':
        return owner.trim() ? { kind, role, publicKeyPem: pem, owner: owner.trim() } : { kind, role, publicKeyPem: pem };
      case 'remove-key':
        return { kind, role, key: key.trim() };
      case 'threshold':
        return { kind, role, threshold };
      case 'add-target': {
        if (!file) return null;
        const [read] = await filesToBase64([file]);
        return { kind, path: targetPath.trim() || file.name, contentBase64: read!.contentBase64 };
      }
      case 'remove-target':
        return { kind, path: targetPath.trim() };
    }
  };

  const needsRole = kind === 'expiry' || kind === 'add-key' || kind === 'remove-key' || kind === 'threshold';
  return (
    <form
      className="panel inset"
      aria-label="New signing session"
      onSubmit={async (e) => {
        e.preventDefault();
        const change = await build();
        if (change && (await stageChange(change))) {
          setPem('');
          setFile(null);
        }
      }}
    >
      <h3>New signing session</h3>
      {/* A select inside its label would lend its options' text to the label's name: keep them side by side. */}
      <div className="field">
        <label htmlFor="session-kind">What changes</label>
        <select id="session-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      {needsRole && (
        <div className="field">
          <label htmlFor="session-role">Role</label>
          <select id="session-role" value={role} onChange={(e) => setRole(e.target.value)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
      )}
      {kind === 'expiry' && (
        <label className="field" htmlFor="session-days">
          <span>Valid for (days from signing)</span>
          <input id="session-days" type="number" min={1} value={days} onChange={(e) => setDays(Number(e.target.value))} />
        </label>
      )}
      {kind === 'threshold' && (
        <label className="field" htmlFor="session-threshold">
          <span>Signatures required</span>
          <input id="session-threshold" type="number" min={1} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} />
        </label>
      )}
      {kind === 'add-key' && (
        <>
          <label className="field" htmlFor="session-owner">
            <span>Key owner (shown to every signer)</span>
            <input id="session-owner" value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="e.g. alice" />
          </label>
          <label className="field" htmlFor="session-pem">
            <span>Public key (PEM)</span>
            <textarea id="session-pem" rows={5} value={pem} onChange={(e) => setPem(e.target.value)} placeholder="-----BEGIN PUBLIC KEY-----" />
          </label>
        </>
      )}
      {kind === 'remove-key' && (
        <label className="field" htmlFor="session-key">
          <span>Key to remove (owner or key ID)</span>
          <input id="session-key" value={key} onChange={(e) => setKey(e.target.value)} />
        </label>
      )}
      {(kind === 'add-target' || kind === 'remove-target') && (
        <label className="field" htmlFor="session-target-path">
          <span>Target path{kind === 'add-target' ? ' (empty: the file’s name)' : ''}</span>
          <input id="session-target-path" value={targetPath} onChange={(e) => setTargetPath(e.target.value)} placeholder="trusted_root.json" />
        </label>
      )}
      {kind === 'add-target' && (
        <label className="field" htmlFor="session-target-file">
          <span>File</span>
          <input id="session-target-file" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
      )}
      <button type="submit">Stage this change</button>
      <p className="muted">Staging changes nothing that clients see: the change is published only once every role it touches has its signatures.</p>
    </form>
  );
}
