import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { changeMemberRole, inviteMember, listTeam, removeMember, revokeInvite, type TeamDeps } from '../../../core/accounts/team';
import type { InvitedView, MemberView, TeamView } from '../../../core/api/teamApi';
import { NotConfiguredError } from '../../../core/errors';
import type { MemberDirectory } from '../../../core/ports/memberDirectory';
import { cognitoMemberDirectory } from '../../../adapters/auth/cognitoMemberDirectory';
import { localMemberDirectory } from '../../../adapters/auth/localMemberDirectory';
import type { Logger } from '../../../adapters/logging/logger';
import { authenticatedHttpHandler } from '../../middleware/httpApiHandler';
import { json, noContent } from '../../middleware/httpTypes';
import { pathId } from '../../middleware/pathId';
import { appDependencies, type AppDependencies } from '../../wiring';

export type TeamApiDeps = TeamDeps & { readonly logger: Logger };

/**
 * The team: who is in the tenant with which role, invites (an emailed Cognito
 * account in AWS, a link to copy in local mode), role changes and removals.
 * The catalogue lets admins see the team and only owners change it.
 */
export function makeHandler(deps: () => TeamApiDeps, edge?: Parameters<typeof authenticatedHttpHandler>[3]) {
  return authenticatedHttpHandler(
    {
      'GET /api/team': async ({ identity }) => json(200, (await listTeam(deps(), identity)) satisfies TeamView),
      'POST /api/team/invites': async ({ identity, body }) => json(201, (await inviteMember(deps(), identity, body)) satisfies InvitedView),
      'DELETE /api/team/invites/{inviteId}': async (request) => {
        await revokeInvite(deps(), request.identity, pathId(request, 'inviteId'));
        return noContent();
      },
      'PATCH /api/team/members/{userId}': async (request) =>
        json(200, (await changeMemberRole(deps(), request.identity, pathId(request, 'userId'), request.body)) satisfies MemberView),
      'DELETE /api/team/members/{userId}': async (request) => {
        await removeMember(deps(), request.identity, pathId(request, 'userId'));
        return noContent();
      },
    },
    () => deps().logger,
    () => deps().accounts,
    edge,
  );
}

const unconfiguredDirectory: MemberDirectory = {
  delivery: 'email',
  invite: () => Promise.reject(new NotConfiguredError('invites need USER_POOL_ID (the Cognito user pool)')),
  remove: () => Promise.reject(new NotConfiguredError('removing members needs USER_POOL_ID (the Cognito user pool)')),
};

/** Cognito's client is made here, not in the shared wiring, so only this function bundles and starts it. */
function directoryFor(app: AppDependencies): MemberDirectory {
  if (app.config.authMode === 'local') return localMemberDirectory(() => app.accounts);
  if (app.config.cognito === null) return unconfiguredDirectory;
  return cognitoMemberDirectory(new CognitoIdentityProviderClient({}), app.config.cognito.userPoolId);
}

let wired: { app: AppDependencies; deps: TeamApiDeps } | undefined;

export const handler = makeHandler(() => {
  const app = appDependencies();
  if (wired?.app !== app) wired = { app, deps: { ...app, directory: directoryFor(app) } };
  return wired.deps;
});
