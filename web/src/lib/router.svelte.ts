/**
 * A few lines of History API routing instead of a router package: the app has
 * a handful of flat paths. Plain `<a href>` links work; clicks on same-origin
 * links are turned into client-side navigations by `interceptLinks`.
 */

class Route {
  path = $state(window.location.pathname);
  search = $state(window.location.search);
  /** Bumped on every navigation, so pages can move focus to their heading. */
  navigations = $state(0);

  get params(): URLSearchParams {
    return new URLSearchParams(this.search);
  }

  sync(): void {
    this.path = window.location.pathname;
    this.search = window.location.search;
    this.navigations += 1;
  }
}

export const route = new Route();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  route.sync();
}

/** Where the user is now, to come back to after signing in. */
export function currentPlace(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** Only same-site paths are followed after sign-in, never another origin nor a sign-in step. */
export function safeReturnPath(next: string | null, fallback = '/sources'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-') || next.startsWith('/auth/')) return fallback;
  return next;
}

export function interceptLinks(root: HTMLElement | Document = document): () => void {
  const onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    // An anchor exposes its resolved URL's parts directly; no URL object needed.
    const { origin, pathname, search, hash } = anchor;
    if (origin !== window.location.origin || pathname.startsWith('/api/')) return;
    // In-page anchors (the skip link) keep the browser's own behaviour.
    if (hash && pathname === window.location.pathname && search === window.location.search) return;
    event.preventDefault();
    navigate(`${pathname}${search}${hash}`);
  };
  const onPopState = (): void => route.sync();
  root.addEventListener('click', onClick as EventListener);
  window.addEventListener('popstate', onPopState);
  return () => {
    root.removeEventListener('click', onClick as EventListener);
    window.removeEventListener('popstate', onPopState);
  };
}
