// Open a repository working directory (the one "Create a repository" or `rootsmith tuf init` made). When the
// directory is not one, say so here and offer to create a repository there with the form on this screen.
import { useTrustRootStore } from './trust-root-store';

export function OpenRepositoryForm() {
  const dir = useTrustRootStore((s) => s.dir);
  const setDir = useTrustRootStore((s) => s.setDir);
  const open = useTrustRootStore((s) => s.open);
  const openError = useTrustRootStore((s) => s.openError);
  const suggestCreate = useTrustRootStore((s) => s.suggestCreate);
  return (
    <form
      className="panel"
      aria-label="Open a repository"
      onSubmit={(e) => {
        e.preventDefault();
        void open();
      }}
    >
      <div className="row">
        <label className="field grow" htmlFor="tuf-dir">
          <span>Repository directory</span>
          <input id="tuf-dir" type="text" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/path/to/trust-root" />
        </label>
        <button type="submit" disabled={dir.trim() === ''}>
          Open
        </button>
      </div>
      {openError && (
        <div className="problems" role="alert" data-testid="open-problem">
          <span className="error-code">{openError.code}</span> {openError.message}{' '}
          {openError.suggestCreate && (
            <button type="button" className="secondary" onClick={() => suggestCreate(dir.trim())}>
              Create a repository in this directory…
            </button>
          )}
        </div>
      )}
    </form>
  );
}
