import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { NotConfiguredError } from '../../../core/errors';
import type { MemberDirectory } from '../../../core/ports/memberDirectory';
import { cognitoMemberDirectory } from '../../../adapters/auth/cognitoMemberDirectory';
import { localMemberDirectory } from '../../../adapters/auth/localMemberDirectory';
import type { AppDependencies } from '../../wiring';

const unconfiguredDirectory: MemberDirectory = {
  delivery: 'email',
  invite: () => Promise.reject(new NotConfiguredError('invites need USER_POOL_ID (the Cognito user pool)')),
  remove: () => Promise.reject(new NotConfiguredError('removing members needs USER_POOL_ID (the Cognito user pool)')),
};

/**
 * Where members' sign-ins live: the local logins in local mode, Cognito in AWS.
 * Cognito's client is made here, not in the shared wiring, so only the
 * functions that manage members bundle and start it.
 */
export function memberDirectoryFor(app: AppDependencies): MemberDirectory {
  if (app.config.authMode === 'local') return localMemberDirectory(() => app.accounts);
  if (app.config.cognito === null) return unconfiguredDirectory;
  return cognitoMemberDirectory(new CognitoIdentityProviderClient({}), app.config.cognito.userPoolId);
}
