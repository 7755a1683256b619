// The app shell: navigation, the open area, the error banner and the status bar.
import { KeysScreen } from '../keys/KeysScreen';
import { CeremonyScreen } from '../ceremony/CeremonyScreen';
import { TimestampsScreen } from '../timestamps/TimestampsScreen';
import { LogScreen } from '../log/LogScreen';
import { TrustRootScreen } from '../trust-root/TrustRootScreen';
import { ServicesScreen } from '../services/ServicesScreen';
import { ErrorBanner } from './ErrorBanner';
import { Navigation } from './Navigation';
import { StatusBar } from './StatusBar';
import { useAppStore, type AreaId } from './app-store';

function Area({ id }: { id: AreaId }) {
  switch (id) {
    case 'keys':
      return <KeysScreen />;
    case 'timestamps':
      return <TimestampsScreen />;
    case 'log':
      return <LogScreen />;
    case 'trust-root':
      return <TrustRootScreen />;
    case 'ceremony':
      return <CeremonyScreen />;
    case 'services':
      return <ServicesScreen />;
  }
}

export function App() {
  const area = useAppStore((s) => s.area);
  return (
    <div className="app">
      <Navigation />
      <main className="content">
        <ErrorBanner />
        <Area id={area} />
      </main>
      <StatusBar />
    </div>
  );
}
