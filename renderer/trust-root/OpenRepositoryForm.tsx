// Open a repository working directory (the one `rootsmith tuf init` made).
import { useTrustRootStore } from './trust-root-store';

export function OpenRepositoryForm() {
  const dir = useTrustRootStore((s) => s.dir);
  const setDir = useTrustRootStore((s) => s.setDir);
  const open = useTrustRootStore((s) => s.open);
  return (
    <form
      className="row panel"
      aria-label="Open a repository"
      onSubmit={(e) => {
        e.preventDefault();
        void open();
      }}
    >
      <label className="field grow" htmlFor="tuf-dir">
        <span>Repository directory</span>
        <input id="tuf-dir" type="text" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/path/to/trust-root" />
      </label>
      <button type="submit" disabled={dir.trim() === ''}>
        Open
      </button>
    </form>
  );
}
