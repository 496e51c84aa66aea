import { route } from './router.svelte';

/**
 * A one-line message that survives exactly one navigation ("Source added",
 * "Your session has ended"): set it, then navigate; the next page shows it and
 * the navigation after that clears it.
 */
class Notice {
  #text = $state('');
  #shownAt = $state(-1);

  get text(): string {
    return route.navigations === this.#shownAt ? this.#text : '';
  }

  /** Call right before `navigate(...)`. */
  flash(text: string): void {
    this.#text = text;
    this.#shownAt = route.navigations + 1;
  }
}

export const notice = new Notice();
