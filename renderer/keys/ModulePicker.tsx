// Choose the PKCS#11 module (SoftHSM2 by default; a YubiKey, OpenSC or YubiHSM module by path).
import { useKeysStore } from './keys-store';

const known = [
  { path: '/usr/lib/softhsm/libsofthsm2.so', name: 'SoftHSM2' },
  { path: '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', name: 'OpenSC (smart cards)' },
  { path: '/usr/lib/x86_64-linux-gnu/libykcs11.so', name: 'YubiKey PIV (ykcs11)' },
  { path: '/usr/lib/x86_64-linux-gnu/pkcs11/yubihsm_pkcs11.so', name: 'YubiHSM 2' },
];

export function ModulePicker() {
  const modulePath = useKeysStore((s) => s.modulePath);
  const module = useKeysStore((s) => s.module);
  const setModulePath = useKeysStore((s) => s.setModulePath);
  const loadTokens = useKeysStore((s) => s.loadTokens);
  return (
    <section className="panel" aria-labelledby="module-heading">
      <h2 id="module-heading">PKCS#11 module</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void loadTokens();
        }}
      >
        <label className="field grow" htmlFor="module-path">
          <span>Module path</span>
          <input id="module-path" list="known-modules" value={modulePath} onChange={(e) => setModulePath(e.target.value)} />
          <datalist id="known-modules">
            {known.map((k) => (
              <option key={k.path} value={k.path}>
                {k.name}
              </option>
            ))}
          </datalist>
        </label>
        <button type="submit">Load tokens</button>
      </form>
      {module && (
        <p className="muted" data-testid="module-info">
          {module.description} · {module.manufacturer} · version {module.version}
        </p>
      )}
    </section>
  );
}
