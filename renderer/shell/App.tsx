// The app shell: a skip link, navigation, the open area, the error banner and the status bar. Choosing a screen
// moves focus to its heading.
import { useEffect, useRef } from 'react';
import { KeysScreen } from '../keys/KeysScreen';
import { CeremonyScreen } from '../ceremony/CeremonyScreen';
import { TimestampsScreen } from '../timestamps/TimestampsScreen';
import { LogScreen } from '../log/LogScreen';
import { TrustRootScreen } from '../trust-root/TrustRootScreen';
import { ServicesScreen } from '../services/ServicesScreen';
import { ErrorBanner } from './ErrorBanner';
import { focusScreenHeading } from './focus-heading';
import { SkipLink } from './SkipLink';
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
  const first = useRef(true);
  useEffect(() => {
    // Not on launch (focus starts at the top of the page), only when the person chose another screen.
    if (first.current) {
      first.current = false;
      return;
    }
    focusScreenHeading();
  }, [area]);
  return (
    <div className="app">
      <SkipLink />
      <Navigation />
      <main className="content" id="content">
        <ErrorBanner />
        <Area id={area} />
      </main>
      <StatusBar />
    </div>
  );
}
