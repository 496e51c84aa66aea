import { changeMemberRole, inviteMember, listTeam, removeMember, revokeInvite, type TeamDeps } from '../../../core/accounts/team';
import type { InvitedView, MemberView, TeamView } from '../../../core/api/teamApi';
import type { Logger } from '../../../adapters/logging/logger';
import { authenticatedHttpHandler } from '../../middleware/httpApiHandler';
import { json, noContent } from '../../middleware/httpTypes';
import { pathId } from '../../middleware/pathId';
import { appDependencies, type AppDependencies } from '../../wiring';
import { memberDirectoryFor } from './memberDirectoryFor';

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

let wired: { app: AppDependencies; deps: TeamApiDeps } | undefined;

export const handler = makeHandler(() => {
  const app = appDependencies();
  if (wired?.app !== app) wired = { app, deps: { ...app, directory: memberDirectoryFor(app) } };
  return wired.deps;
});
