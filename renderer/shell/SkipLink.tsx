// "Skip to the screen": the first Tab stop, shown when focused, moving focus past the navigation to the screen's
// heading (WCAG 2.4.1 Bypass Blocks).
import { useState } from 'react';
import { focusScreenHeading } from './focus-heading';

export function SkipLink() {
  const [shown, setShown] = useState(false);
  return (
    <a
      href="#content"
      className={shown ? 'skip-link' : 'skip-link visually-hidden'}
      // Out of the shell's grid either way, so showing it does not move the layout.
      style={shown ? { position: 'absolute', top: 8, left: 8, zIndex: 10, padding: '8px 12px', background: '#fff', border: '2px solid #1f4fd1', borderRadius: 6 } : undefined}
      onFocus={() => setShown(true)}
      onBlur={() => setShown(false)}
      onClick={(e) => {
        e.preventDefault();
        focusScreenHeading();
      }}
    >
      Skip to the screen
    </a>
  );
}
