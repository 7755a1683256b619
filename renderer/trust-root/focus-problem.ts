// After a refused submit, moves keyboard focus to the first field with a problem so its message is read out
// (aria-describedby) and the user can fix it without hunting for it.
export function focusFirstProblem(form: HTMLFormElement | null): void {
  // Runs after React has rendered the messages of this submit.
  requestAnimationFrame(() => {
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"], .problems[role="alert"]');
    if (!target) return;
    const field = target.matches('input, textarea, select') ? target : target.closest('fieldset')?.querySelector<HTMLElement>('input, textarea, select, button');
    (field ?? target).focus();
    target.scrollIntoView({ block: 'center' });
  });
}
