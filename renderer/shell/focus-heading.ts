// Moves keyboard focus to the open screen's main heading, so that after choosing a screen (or skipping the
// navigation) the next Tab reaches the screen's own controls and a screen reader announces where you are.
export function focusScreenHeading(): void {
  const heading = document.querySelector<HTMLElement>('#content h1');
  if (!heading) return;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
}
