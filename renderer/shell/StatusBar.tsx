// The status bar: whether the machine is online (a ceremony laptop should not be), and which backend is in use.
import { useEffect } from 'react';
import { useAppStore } from './app-store';

export function StatusBar() {
  const status = useAppStore((s) => s.status);
  const refresh = useAppStore((s) => s.refreshStatus);
  const progress = useAppStore((s) => s.progress);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 5000);
    return () => clearInterval(timer);
  }, [refresh]);
  if (!status) return <footer className="status-bar">Connecting to the backend…</footer>;
  const online = status.networkInterfaces.length > 0;
  return (
    <footer className="status-bar" aria-label="Status">
      <span className={online ? 'net net-online' : 'net net-offline'} data-testid="network-status">
        {online
          ? `Network up: ${status.networkInterfaces.map((n) => n.name).join(', ')} — a ceremony machine should be offline`
          : 'Offline: no network interface is up'}
      </span>
      <span role="status" aria-live="polite" data-testid="progress">
        {progress ? progress.message : status.softhsmConf ? `SoftHSM2 config: ${status.softhsmConf}` : ''}
      </span>
      <span>
        Rootsmith {status.version} · {status.transport}
      </span>
    </footer>
  );
}
