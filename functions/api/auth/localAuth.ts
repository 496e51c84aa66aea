import type { AuthConfig, SignedInView } from '../../../core/api/authApi';
import { acceptInvite, signIn, signUp, type LocalAuthDeps } from '../../../core/accounts/localAuth';
import type { AuditLog } from '../../../core/ports/auditLog';
import { SignInThrottle } from '../../../core/accounts/signInThrottle';
import { NotFoundError } from '../../../core/errors';
import type { CognitoSettings } from '../../config';
import type { Logger } from '../../../adapters/logging/logger';
import { publicHttpHandler } from '../../middleware/httpApiHandler';
import { json } from '../../middleware/httpTypes';
import { appDependencies } from '../../wiring';

export interface AuthRouteDeps {
  readonly authMode: 'cognito' | 'local';
  readonly auth: (LocalAuthDeps & { readonly audit: AuditLog }) | null;
  /** Cognito mode: the pool the web app signs in against. */
  readonly cognito: CognitoSettings | null;
  readonly logger: Logger;
}

/**
 * Local-mode sign-up and sign-in, plus `GET /api/auth/config` telling the web
 * app which sign-in to show (and, in AWS, where Cognito is). In AWS
 * (AUTH_MODE=cognito) the local routes answer 404: Cognito's hosted sign-in
 * takes their place.
 */
export function makeHandler(deps: () => AuthRouteDeps) {
  const localAuth = (): LocalAuthDeps & { readonly audit: AuditLog } => {
    const { auth } = deps();
    if (auth === null) throw new NotFoundError('local sign-in is not enabled here');
    return auth;
  };
  // One per warm process: local mode runs in one, so the counts hold for every request.
  let signInThrottle: SignInThrottle | undefined;
  const throttle = (): SignInThrottle => (signInThrottle ??= new SignInThrottle(localAuth().clock));
  const authConfig = (): AuthConfig => {
    const { authMode, cognito } = deps();
    if (authMode === 'local') return { mode: 'local' };
    if (cognito === null) throw new Error('cognito mode without USER_POOL_ID, USER_POOL_CLIENT_ID and AUTH_DOMAIN');
    return { mode: 'cognito', ...cognito };
  };
  return publicHttpHandler(
    {
      'GET /api/auth/config': () => Promise.resolve(json(200, authConfig())),
      'POST /api/auth/local/sign-up': async (request) => json(201, (await signUp(localAuth(), request.body)) satisfies SignedInView),
      'POST /api/auth/local/sign-in': async (request) =>
        json(200, (await signIn(localAuth(), request.body, { throttle: throttle(), address: request.sourceIp })) satisfies SignedInView),
      'POST /api/auth/local/accept-invite': async (request) => json(201, (await acceptInvite(localAuth(), request.body)) satisfies SignedInView),
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(() => {
  const app = appDependencies();
  return {
    authMode: app.config.authMode,
    logger: app.logger,
    cognito: app.config.cognito,
    auth:
      app.tokens === null
        ? null
        : { accounts: app.accounts, hasher: app.hasher, tokens: app.tokens, clock: app.clock, ids: app.ids, audit: app.audit },
  };
});
