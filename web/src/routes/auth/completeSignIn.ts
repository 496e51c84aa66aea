import { getMe } from '../../lib/api/auth';
import type { AuthResult } from '../../lib/api/types';
import { navigate, route, safeReturnPath } from '../../lib/router.svelte';
import { session } from '../../lib/session.svelte';

/** Starts the session and returns the user to the page they were sent away from. */
export function completeSignIn(result: AuthResult): void {
  session.start(result);
  // Sign-in answers who the user is, not the tenant's settings (its time zone).
  getMe().then((user) => session.updateUser(user), () => {});
  navigate(safeReturnPath(route.params.get('next')), { replace: true });
}
