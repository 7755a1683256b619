// Import signature files carried back from the signers: picked here, read as base64, checked and merged by the
// service, which reports the new threshold progress.
import { useRef } from 'react';
import { filesToBase64 } from './file-base64';
import { useTrustRootStore } from './trust-root-store';

export function ImportSignatures() {
  const importSignatures = useTrustRootStore((s) => s.importSignatures);
  const imported = useTrustRootStore((s) => s.imported);
  const input = useRef<HTMLInputElement>(null);
  return (
    <div>
      <label className="field" htmlFor="tuf-sig-files">
        <span>Signature files (.sig.json) from the signers</span>
        <input
          id="tuf-sig-files"
          ref={input}
          type="file"
          multiple
          accept=".json,application/json"
          onChange={async (e) => {
            const files = e.target.files;
            if (!files || files.length === 0) return;
            await importSignatures(await filesToBase64(files));
            if (input.current) input.current.value = '';
          }}
        />
      </label>
      {imported.length > 0 && (
        <div role="status">
        <ul className="muted" aria-label="Imported signatures">
          {imported.map((i) => (
            <li key={`${i.name}-${i.role}`}>
              {i.name}: {i.role} v{i.version} signed by <strong>{i.signer}</strong> — {i.progress.line}
            </li>
          ))}
        </ul>
        </div>
      )}
    </div>
  );
}
