import { AdminCreateUserCommand, AdminDeleteUserCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError } from '../../core/errors';
import type { MemberDirectory } from '../../core/ports/memberDirectory';

/** The attribute handlers read the tenant from (the JWT claim `custom:tenantId`). */
const TENANT_ID_ATTRIBUTE = 'custom:tenantId';

/**
 * AWS: an invite makes the Cognito user with the tenant already set, and
 * Cognito emails the invitee a temporary password; VTrack's sign-in page
 * asks for a new one at first sign-in (NEW_PASSWORD_REQUIRED). The pool signs in by email, so the email is
 * the user name for the admin calls.
 */
export function cognitoMemberDirectory(cognito: CognitoIdentityProviderClient, userPoolId: string): MemberDirectory {
  return {
    delivery: 'email',
    async invite({ tenantId, email }, options = {}) {
      try {
        if (options.resend === true) {
          // The account made by the earlier invite: a new temporary password, emailed again.
          await cognito.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: email, MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] }));
          return;
        }
        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: email,
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
              { Name: TENANT_ID_ATTRIBUTE, Value: tenantId },
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
      } catch (error) {
        if (error instanceof Error && error.name === 'UsernameExistsException') throw new ConflictError(`${email} already has a VTrack account`, { cause: error });
        throw error;
      }
    },
    async remove({ email }) {
      try {
        await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: email }));
      } catch (error) {
        if (error instanceof Error && error.name === 'UserNotFoundException') return;
        throw error;
      }
    },
  };
}
