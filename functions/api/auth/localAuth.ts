import { signIn, signUp, type LocalAuthDeps } from '../../../core/accounts/localAuth';
import { NotFoundError } from '../../../core/errors';
import type { Logger } from '../../logging/logger';
import { publicHttpHandler } from '../../middleware/httpApiHandler';
import { json } from '../../middleware/httpTypes';
import { appDependencies } from '../../wiring';

/**
 * Local-mode sign-up and sign-in, plus `GET /api/auth/config` telling the web
 * app which sign-in to show. In AWS (AUTH_MODE=cognito) the local routes answer
 * 404: Cognito's hosted sign-in takes their place.
 */
export function makeHandler(deps: () => { authMode: 'cognito' | 'local'; auth: LocalAuthDeps | null; logger: Logger }) {
  const localAuth = (): LocalAuthDeps => {
    const { auth } = deps();
    if (auth === null) throw new NotFoundError('local sign-in is not enabled here');
    return auth;
  };
  return publicHttpHandler(
    {
      'GET /api/auth/config': () => Promise.resolve(json(200, { mode: deps().authMode })),
      'POST /api/auth/local/sign-up': async (request) => json(201, await signUp(localAuth(), request.body)),
      'POST /api/auth/local/sign-in': async (request) => json(200, await signIn(localAuth(), request.body)),
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(() => {
  const app = appDependencies();
  return {
    authMode: app.config.authMode,
    logger: app.logger,
    auth:
      app.tokens === null
        ? null
        : { accounts: app.accounts, hasher: app.hasher, tokens: app.tokens, clock: app.clock, ids: app.ids },
  };
});
