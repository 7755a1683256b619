// Renderer entry: mounts the app shell.
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';

createRoot(document.getElementById('root')!).render(<App />);
