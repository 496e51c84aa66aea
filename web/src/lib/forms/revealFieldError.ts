/**
 * After a refused save: brings the first field error of `form` into view and
 * puts the focus on its control (the input whose aria-describedby names the
 * error, or the first input of the fieldset that does), so a refused value
 * far above the button, on a phone, is seen. Returns the field's label (or
 * legend) for a summary next to the button; '' when no field is at fault.
 */
export function revealFieldError(form: HTMLElement): string {
  const error = form.querySelector<HTMLElement>('[data-testid=field-error]');
  if (error === null) return '';
  const owner = error.id === '' ? null : form.querySelector<HTMLElement>(`[aria-describedby~="${error.id}"]`);
  const control = owner === null ? null : owner.matches('input, textarea, select') ? owner : owner.querySelector<HTMLElement>('input, textarea, select, button');
  (control ?? error).scrollIntoView({ block: 'center' });
  control?.focus({ preventScroll: true });
  const label = control?.id ? form.querySelector(`label[for="${control.id}"]`) : null;
  const legend = (owner ?? error).closest('fieldset')?.querySelector('legend');
  return (label ?? legend)?.textContent?.trim() ?? '';
}
