// Navigation between the product's areas; a plain list of buttons, usable with the keyboard.
import { areas } from './app-store';
import { useAppStore } from './app-store';

export function Navigation() {
  const area = useAppStore((s) => s.area);
  const setArea = useAppStore((s) => s.setArea);
  return (
    <nav className="nav" aria-label="Areas">
      <div className="brand">Rootsmith</div>
      <ul>
        {areas.map((a) => (
          <li key={a.id}>
            <button type="button" className={a.id === area ? 'active' : ''} aria-current={a.id === area ? 'page' : undefined} onClick={() => setArea(a.id)}>
              {a.title}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
